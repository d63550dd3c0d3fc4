import { Link } from "@remix-run/react";
import { formatDate } from "~/utils/dates";
import { criteria, lastCheck, lastingLimitations, overallStatus, statementDrawnUpAt, statusLabels } from "./accessibility-status";
import { ContactEmail, controllerName } from "./contact-line";
import type { ControllerDetails } from "./controller.server";

/** The toegankelijkheidsverklaring, after the model of digitoegankelijk.nl. */
export function AccessibilityStatement({ controller, siteUrl }: { controller: ControllerDetails; siteUrl: string }) {
  const status = overallStatus();
  const name = controllerName(controller);
  const open = criteria.filter((c) => c.plannedFix);
  return (
    <article className="stack statement">
      {/* <wbr>: on a 320 px screen the word breaks between its two parts (1.4.10), and its text and name stay whole. */}
      <h1>
        Toegankelijkheids
        <wbr />
        verklaring
      </h1>
      <p>
        {name} wil dat iedereen het platform van de werkplaats wijkgericht werken kan gebruiken, ook wie slecht ziet, doof is, alleen een
        toetsenbord gebruikt of een schermlezer. Deze verklaring geldt voor het platform op <span>{siteUrl}</span>.
      </p>

      <section aria-labelledby="nalevingsstatus" className="stack">
        <h2 id="nalevingsstatus">Nalevingsstatus</h2>
        <p>
          {name} verklaart dat het platform <strong>{status.label}</strong> van het Besluit digitale toegankelijkheid overheid. Die eisen
          zijn de Europese norm EN 301 549, die verwijst naar de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA.
        </p>
      </section>

      <section aria-labelledby="onderzoek" className="stack">
        <h2 id="onderzoek">Uitgevoerd onderzoek</h2>
        <p>
          Laatst gecontroleerd op <time dateTime={lastCheck.date}>{formatDate(`${lastCheck.date}T12:00:00Z`)}</time> door {lastCheck.by}:{" "}
          {lastCheck.method}.
        </p>
      </section>

      <section aria-labelledby="per-criterium" className="stack">
        <h2 id="per-criterium">Status per succescriterium</h2>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Tabel: status per succescriterium van WCAG 2.1">
          <table>
            <thead>
              <tr>
                <th scope="col">Succescriterium</th>
                <th scope="col">Niveau</th>
                <th scope="col">Status</th>
                <th scope="col">Toelichting en gepland herstel</th>
              </tr>
            </thead>
            <tbody>
              {criteria.map((c) => (
                <tr key={c.id} id={`sc-${c.id}`}>
                  <th scope="row">
                    {c.id} {c.name}
                  </th>
                  <td>{c.level}</td>
                  <td className="statement-status">{statusLabels[c.status]}</td>
                  <td>
                    {c.note ?? "–"}
                    {c.plannedFix ? (
                      <>
                        {" "}
                        Gepland: {c.plannedFix.what} Uiterlijk {formatDate(`${c.plannedFix.by}T12:00:00Z`)}.
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="beperkingen" className="stack">
        <h2 id="beperkingen">Bekende beperkingen en alternatieven</h2>
        <ul className="stack">
          {open.map((c) => (
            <li key={c.id}>
              {c.id} {c.name}: {c.note} Dit wordt opgelost uiterlijk {formatDate(`${c.plannedFix!.by}T12:00:00Z`)}.
            </li>
          ))}
          {lastingLimitations.map((l) => (
            <li key={l.what}>
              {l.what} Alternatief: {l.alternative}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="melden" className="stack">
        <h2 id="melden">Een probleem melden</h2>
        <p>
          Loop je tegen iets aan dat niet toegankelijk is, of heb je een vraag? Mail naar <ContactEmail email={controller.email} />
          {controller.phone ? <> of bel {controller.phone}</> : null}. Zeg op welke pagina het was en wat er misging. Je krijgt binnen 5
          werkdagen een ontvangstbevestiging en binnen 3 weken een inhoudelijke reactie, en zolang het probleem er is helpen we je op een
          andere manier. Meer manieren om ons te bereiken staan op de <Link to="/contact">contactpagina</Link>.
        </p>
      </section>

      <section aria-labelledby="handhaving" className="stack">
        <h2 id="handhaving">Niet tevreden met de reactie?</h2>
        <p>
          Ben je niet tevreden over hoe je melding is afgehandeld, dan kun je een klacht indienen bij de Nationale ombudsman (
          <a href="https://www.nationaleombudsman.nl">www.nationaleombudsman.nl</a>, telefoon 0800 335 55 55) of, als de gemeente een eigen
          ombudsman of ombudscommissie heeft, daar. Dat is gratis.
        </p>
      </section>

      <p className="muted">
        Deze verklaring is opgesteld op {formatDate(`${statementDrawnUpAt}T12:00:00Z`)} en laatst bijgewerkt op{" "}
        {formatDate(`${lastCheck.date}T12:00:00Z`)}.
      </p>
    </article>
  );
}
