import { Link } from "@remix-run/react";

const texts = {
  unknown: "Deze link kennen we niet. Controleer of je de hele link uit de e-mail hebt gebruikt.",
  used: "Deze link is al gebruikt. Een link werkt maar één keer.",
  expired: "Deze link is verlopen.",
} as const;

export type TokenProblemReason = keyof typeof texts;

/** What people see when a one-time link cannot be used, with a way forward. */
export function TokenProblem({ reason }: { reason: TokenProblemReason }) {
  return (
    <div className="narrow">
      <h1>Deze link werkt niet (meer)</h1>
      <p>{texts[reason]}</p>
      <p>
        Heb je al een account? <Link to="/inloggen">Log dan in</Link>, of <Link to="/wachtwoord-vergeten">vraag een nieuwe link aan</Link>{" "}
        om je wachtwoord in te stellen. Werd je uitgenodigd en is de uitnodiging verlopen? Vraag de begeleiders om een nieuwe.
      </p>
    </div>
  );
}
