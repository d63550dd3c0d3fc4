import { isRouteErrorResponse, Link } from "@remix-run/react";

const messages: Record<number, { title: string; text: string }> = {
  400: { title: "Dat verzoek klopt niet", text: "Het verzoek kon niet worden verwerkt. Controleer wat je invulde en probeer het opnieuw." },
  401: { title: "Log eerst in", text: "Voor deze pagina moet je ingelogd zijn." },
  403: {
    title: "Geen toegang",
    text: "Je hebt geen toegang tot deze pagina. Denk je dat dit niet klopt? Neem contact op met de begeleiders.",
  },
  404: {
    title: "Pagina niet gevonden",
    text: "Deze pagina bestaat niet (meer), of je hebt er geen toegang toe. Controleer het adres of ga terug naar de startpagina.",
  },
  405: { title: "Dat kan hier niet", text: "Deze actie is op deze pagina niet mogelijk." },
  409: { title: "Dat kan niet meer", text: "Deze wijziging kan niet (meer) worden gedaan, bijvoorbeeld omdat de editie is afgesloten." },
  413: { title: "Te groot", text: "Wat je verstuurde is te groot om te verwerken." },
  429: { title: "Even rustig aan", text: "Er kwamen te veel verzoeken in korte tijd. Wacht een minuut en probeer het opnieuw." },
  500: {
    title: "Er ging iets mis",
    text: "Er ging aan onze kant iets mis. Er is niets verloren gegaan van wat al was opgeslagen. Probeer het zo nog eens.",
  },
};

function statusAndMessage(error: unknown) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return { status, known: messages[status] ?? messages[status >= 500 ? 500 : 400] };
}

/** The page title for an error, so the tab and screen readers say what happened. */
export function errorTitle(error: unknown): string {
  return `${statusAndMessage(error).known.title} – Werkplaats`;
}

/** The shared error page: a Dutch message per HTTP status. */
export function ErrorPage({ error }: { error: unknown }) {
  const { status, known } = statusAndMessage(error);
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  return (
    <div className="error-page">
      <p className="error-page__status">Foutcode {status}</p>
      <h1>{known.title}</h1>
      <p>{detail && detail !== known.text ? detail : known.text}</p>
      <p>
        <Link to="/" className="button">
          Naar de startpagina
        </Link>
      </p>
    </div>
  );
}
