import { Link } from "@remix-run/react";
import { EditionDates, type SessionDate } from "~/components/edition-dates";

type OpenEdition = { id: string; name: string; closes: string; full: boolean; sessions: SessionDate[] };

/** The landing page for visitors: what the programme is, what taking part asks, and where to sign up. */
export function PublicHome({ editions }: { editions: OpenEdition[] }) {
  return (
    <div className="stack landing">
      <div className="hero">
        <h1>Werkplaats wijkgericht werken</h1>
        <p className="lead">
          Steeds meer gemeenten werken wijkgericht: beleid en uitvoering houden rekening met de verschillen tussen wijken. Dat vraagt om
          nieuw ambtelijk vakmanschap en om afdelingen die elkaar weten te vinden. In de werkplaats werk je daar met collega&apos;s van
          andere gemeenten aan, vier bijeenkomsten lang, aan een echte vraag uit je eigen wijk.
        </p>
        <p className="actions">
          {editions.length > 0 ? (
            <Link to={editions.length === 1 ? `/aanmelden/${editions[0].id}` : "/aanmelden"} className="button">
              Meld je trio aan
            </Link>
          ) : null}
          <Link to="/inloggen" className={editions.length > 0 ? "button button--quiet" : "button"}>
            Inloggen
          </Link>
        </p>
      </div>

      <section aria-labelledby="open-edities" className="stack">
        <h2 id="open-edities">Nu open voor aanmelding</h2>
        {editions.length === 0 ? (
          <p className="empty">
            Er is op dit moment geen editie open voor aanmelding. De werkplaats start één keer per jaar; kijk later nog eens.
          </p>
        ) : (
          editions.map((e) => (
            <section key={e.id} className="card stack" aria-labelledby={`editie-${e.id}`}>
              <h3 id={`editie-${e.id}`}>{e.name}</h3>
              <p>
                Aanmelden kan tot en met {e.closes}.{e.full ? " Alle plaatsen zijn bezet; nieuwe aanmeldingen komen op de wachtlijst." : ""}
              </p>
              <h4 id={`data-${e.id}`}>De vier bijeenkomsten</h4>
              <EditionDates sessions={e.sessions} headingId={`data-${e.id}`} />
              <p>
                <Link to={`/aanmelden/${e.id}`} className="button button--small">
                  Aanmelden voor {e.name}
                </Link>
              </p>
            </section>
          ))
        )}
      </section>

      <section aria-labelledby="wat-is-het" className="stack">
        <h2 id="wat-is-het">Hoe de werkplaats werkt</h2>
        <ul className="stack">
          <li>
            Elke bijeenkomst heeft een inspirerende spreker, uitwisseling van kennis tussen gemeenten en een opdracht die jullie eigen casus
            verder helpt.
          </li>
          <li>Tussen de bijeenkomsten krijgen jullie huiswerk om wat je leert thuis in de praktijk te brengen.</li>
          <li>
            Jullie werken samen op gedeelde borden en met oefeningen zoals het organogram en de schuifoefening, waarmee je vergelijkt hoe
            gemeenten hun wijkaanpak inrichten.
          </li>
        </ul>
      </section>

      <section aria-labelledby="wat-vraagt-het" className="stack">
        <h2 id="wat-vraagt-het">Wat een trio toezegt</h2>
        <p>
          Een gemeente doet mee als trio: een wijkambtenaar (of wijkmanager, gebiedsregisseur, kernregisseur), een collega uit het fysieke
          domein en een collega uit het sociale domein. Het trio:
        </p>
        <ul>
          <li>is samen bij alle vier de bijeenkomsten;</li>
          <li>brengt een casus in: een echte vraag met een wijkcomponent, zoals een groep jongeren die een skatepark wil bouwen;</li>
          <li>maakt het huiswerk tussen de bijeenkomsten en deelt wat het leert met de andere trio&apos;s.</li>
        </ul>
      </section>

      <section aria-labelledby="wie-organiseert" className="stack">
        <h2 id="wie-organiseert">Wie de werkplaats organiseert</h2>
        <p>
          De werkplaats is een programma van Platform31, het Landelijk Platform Buurtgericht werken (LPB) en het A&amp;O fonds Gemeenten.
          Hun begeleiders stellen het programma samen, laten de trio&apos;s toe en begeleiden de bijeenkomsten.
        </p>
      </section>
    </div>
  );
}
