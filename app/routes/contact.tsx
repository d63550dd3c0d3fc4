import { json, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContactEmail, controllerName } from "~/features/statements/contact-line";
import { controllerDetails } from "~/features/statements/controller.server";

export const meta: MetaFunction = () => [{ title: "Contact – Werkplaats wijkgericht werken" }];

export async function loader() {
  return json({ controller: controllerDetails() });
}

export default function ContactPage() {
  const { controller } = useLoaderData<typeof loader>();
  return (
    <article className="narrow stack">
      <h1>Contact</h1>
      <p>
        De werkplaats wijkgericht werken wordt georganiseerd door Platform31, het Landelijk Platform Buurtgericht werken en het A&amp;O
        fonds Gemeenten. {controllerName(controller)} biedt dit platform aan.
      </p>
      <section aria-labelledby="vragen" className="stack">
        <h2 id="vragen">Vragen, problemen en privacy</h2>
        <p>
          Mail naar <ContactEmail email={controller.email} />
          {controller.phone ? <> of bel {controller.phone}</> : null}. Dat kan over het programma, over iets op het platform dat niet werkt
          of niet toegankelijk is, en over je persoonsgegevens.
        </p>
        <p>Je krijgt binnen 5 werkdagen een ontvangstbevestiging. Een vraag over je persoonsgegevens beantwoorden we binnen een maand.</p>
        {controller.dpoEmail ? (
          <p>
            Functionaris gegevensbescherming van de gemeente: <ContactEmail email={controller.dpoEmail} />.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="zelf" className="stack">
        <h2 id="zelf">Zelf regelen</h2>
        <ul className="stack">
          <li>
            Je gegevens downloaden, laten verwijderen of je e-mailvoorkeuren aanpassen: <Link to="/account">Mijn account</Link>.
          </li>
          <li>
            Wat we met je gegevens doen: de <Link to="/privacy">privacyverklaring</Link>.
          </li>
          <li>
            Hoe toegankelijk het platform is en wat we nog verbeteren: de <Link to="/toegankelijkheid">toegankelijkheidsverklaring</Link>.
          </li>
        </ul>
      </section>
    </article>
  );
}
