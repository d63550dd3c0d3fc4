import { Link } from "@remix-run/react";

/** What happens with the data of all three members, shown on the registration form before it is sent (AVG art. 13 and 14). */
export function RegistrationPrivacyNotice() {
  return (
    <section aria-labelledby="wat-met-gegevens" className="card stack">
      <h2 id="wat-met-gegevens">Wat er met de gegevens van jullie drieën gebeurt</h2>
      <ul className="stack">
        <li>
          We bewaren van alle drie de leden naam, e-mailadres, functie en domein, en van het trio de gemeente en de casus. Dat is nodig om
          jullie aan te melden, toe te laten en het programma met jullie te doen (een taak van algemeen belang van de gemeente, AVG artikel
          6 lid 1 onder e).
        </li>
        <li>
          Jouw twee collega&apos;s krijgen meteen een e-mail: wie hen aanmeldde, welke gegevens we hebben, waarom, hoe lang, en een link om
          te weigeren. Weigeren zij, dan zijn ze geen lid en ruimen we hun nieuwe account op. Meld dus alleen collega&apos;s aan die ervan
          weten.
        </li>
        <li>De begeleiders zien deze gegevens; andere trio&apos;s niet.</li>
        <li>
          We bewaren ze tot de begeleiders de gegevens van deze editie na afloop verwijderen. Hoe lang precies, en hoe je je gegevens
          downloadt of laat verwijderen, staat in de <Link to="/privacy">privacyverklaring</Link>.
        </li>
      </ul>
    </section>
  );
}
