import { Link } from "@remix-run/react";
import { ContactEmail, controllerName } from "./contact-line";
import type { ControllerDetails } from "./controller.server";

type Props = { controller: ControllerDetails; backupsKept: number; inviteDays: number; sessionDays: number };

/** The privacyverklaring: what is collected from whom, why, how long, who processes it, and the rights. */
export function PrivacyStatement({ controller, backupsKept, inviteDays, sessionDays }: Props) {
  const name = controllerName(controller);
  return (
    <article className="stack statement">
      <h1>Privacyverklaring</h1>
      <p>
        Op dit platform werken gemeenten als trio aan het leerprogramma werkplaats wijkgericht werken. Daarvoor verwerken we
        persoonsgegevens van de mensen die meedoen. Hier lees je welke, waarom, hoe lang, wie ze ziet en hoe je je rechten gebruikt.
      </p>

      <section aria-labelledby="verantwoordelijke" className="stack">
        <h2 id="verantwoordelijke">Wie is verantwoordelijk</h2>
        <p>
          {name} biedt het platform aan en is verwerkingsverantwoordelijke in de zin van de Algemene verordening gegevensbescherming (AVG).
          De begeleiders van het programma (Platform31, het Landelijk Platform Buurtgericht werken en het A&amp;O fonds Gemeenten) werken op
          het platform in opdracht van de gemeente. Partijen die het platform voor de gemeente hosten of de e-mail versturen, doen dat als
          verwerker, met een verwerkersovereenkomst.
        </p>
        <p>
          Contact over privacy: <ContactEmail email={controller.email} />.
          {controller.dpoEmail ? (
            <>
              {" "}
              Functionaris gegevensbescherming van de gemeente: <ContactEmail email={controller.dpoEmail} />.
            </>
          ) : null}
        </p>
      </section>

      <section aria-labelledby="welke" className="stack">
        <h2 id="welke">Welke gegevens, van wie</h2>
        <dl className="stack">
          <div>
            <dt>Begeleiders</dt>
            <dd>Naam, e-mailadres, een versleuteld wachtwoord, wanneer je bent ingelogd, en wat je in het logboek van een editie doet.</dd>
          </div>
          <div>
            <dt>Sprekers</dt>
            <dd>
              Naam, e-mailadres, een versleuteld wachtwoord, de bijeenkomsten waaraan je gekoppeld bent en het materiaal dat je publiceert.
            </dd>
          </div>
          <div>
            <dt>Leden van een trio</dt>
            <dd>
              Naam, e-mailadres, functie, domein (wijk, fysiek of sociaal) en gemeente; wat het trio maakt: de casus, het organogram, de
              lokale agenda, huiswerk en feedback, de schuifoefening, notities op borden (met je naam als auteur), vragen aan sprekers en je
              eigen zelfbeoordeling van competenties; je meldingen en je e-mailvoorkeuren.
            </dd>
          </div>
          <div>
            <dt>Mensen die door een ander zijn aangemeld</dt>
            <dd>
              Wie een trio aanmeldt, geeft naam, e-mailadres, functie en domein van de andere twee leden op. Die gegevens krijgen we dus
              niet van jou zelf. Je krijgt daarom meteen een e-mail waarin staat wie je heeft aangemeld, wat we van je hebben en waarom, hoe
              lang we het bewaren en wat je rechten zijn. Met de link in die e-mail weiger je: dan ben je geen lid van het trio, en hoort de
              aanmelder en zien de begeleiders dat je niet meedoet. Een account dat alleen voor jou was aangemaakt en dat je nooit hebt
              gebruikt, verwijderen we dan meteen.
            </dd>
          </div>
          <div>
            <dt>Iedereen die het platform bezoekt</dt>
            <dd>
              Een functionele cookie om ingelogd te blijven (geen tracking of advertentiecookies). Om te veel inlogpogingen te beperken,
              gebruikt het platform je IP-adres even in het werkgeheugen; het wordt niet in de gegevens opgeslagen.
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="waarom" className="stack">
        <h2 id="waarom">Waarom, en op welke grond</h2>
        <ul className="stack">
          <li>
            Het leerprogramma uitvoeren (aanmelden, toelaten, bijeenkomsten, opdrachten, huiswerk, feedback): dit is een taak van algemeen
            belang van de gemeente, de ontwikkeling van het ambtelijk vakmanschap in wijkgericht werken (AVG artikel 6 lid 1 onder e).
          </li>
          <li>
            Je op de hoogte houden per e-mail (herinneringen, feedback, nieuw materiaal, het dagoverzicht voor begeleiders): dezelfde grond;
            je zet elk soort bericht zelf uit op <Link to="/account">je accountpagina</Link> of met de afmeldlink onder zo&apos;n e-mail.
            Uitnodigingen, wachtwoordberichten en wijzigingen van datum of plaats van een bijeenkomst blijven komen, omdat je die nodig hebt
            om mee te doen.
          </li>
          <li>
            Het logboek van begeleiders (wie heeft wanneer een trio toegelaten, gegevens geëxporteerd of verwijderd): verantwoording en
            beveiliging zijn wettelijke plichten van de gemeente (AVG artikel 5 lid 2 en artikel 32, grondslag artikel 6 lid 1 onder c).
          </li>
          <li>Inloggen en het beperken van misbruik: beveiliging (AVG artikel 32, grondslag artikel 6 lid 1 onder e).</li>
        </ul>
        <p>We gebruiken de gegevens niet voor iets anders, verkopen ze niet en maken geen profielen.</p>
      </section>

      <section aria-labelledby="wie-ziet" className="stack">
        <h2 id="wie-ziet">Wie ziet wat</h2>
        <p>
          De begeleiders zien alles van de editie. Sprekers zien de vragen aan hun bijeenkomst en, als de begeleiders dat toestaan, het
          huiswerk daarvan. De leden van een trio zien elkaars werk. Andere trio&apos;s van dezelfde editie zien een casus alleen als het
          trio die deelt, huiswerk pas na de inleverdatum als de begeleiders dat aanzetten, de mengpanelen pas als de begeleiders ze tonen
          (eventueel zonder gemeentenaam), en de notities op de gezamenlijke borden.
        </p>
      </section>

      <section aria-labelledby="hoe-lang" className="stack">
        <h2 id="hoe-lang">Hoe lang we gegevens bewaren</h2>
        <ul className="stack">
          <li>
            Per editie: tot de begeleiders de persoonsgegevens van de editie verwijderen. Doen zij dat niet eerder, dan verwijdert het
            platform ze automatisch {controller.retentionMonths} maanden na de laatste bijeenkomst. Bij het verwijderen gaan de koppelingen
            van leden aan trio&apos;s, de casussen met bestanden, het huiswerk, de oefeningen, de borden, de namen bij vragen en het logboek
            van die editie weg; accounts van deelnemers die niet in een andere editie meedoen, worden geanonimiseerd. Alleen het aantal
            trio&apos;s, deelnemers en gemeenten blijft.
          </li>
          <li>
            Een uitnodigingslink is {inviteDays} dagen geldig, een link voor een nieuw wachtwoord één uur, een inlog {sessionDays} dagen.
          </li>
          <li>
            Vraag je zelf om verwijdering, dan anonimiseren we je account zodra een begeleider je verzoek uitvoert; wat het trio samen
            maakte blijft, maar niet meer onder jouw naam.
          </li>
          <li>
            Back-ups van het databestand worden overschreven: er zijn er steeds hoogstens {backupsKept}, dus verwijderde gegevens zijn
            daarna ook uit de back-ups verdwenen.
          </li>
        </ul>
      </section>

      <section aria-labelledby="rechten" className="stack">
        <h2 id="rechten">Je rechten, en hoe je ze gebruikt</h2>
        <ul className="stack">
          <li>
            <strong>Inzage en overdraagbaarheid</strong>: download alles wat het platform over jou heeft als bestand, via{" "}
            <Link to="/account">Mijn account</Link> → ‘Mijn gegevens downloaden (JSON)’.
          </li>
          <li>
            <strong>Verwijdering</strong>: vraag het aan via <Link to="/account">Mijn account</Link> → ‘Verzoek indienen om mijn gegevens te
            verwijderen’. Een begeleider voert het verzoek uit.
          </li>
          <li>
            <strong>Niet meedoen in een trio</strong> waarvoor iemand anders je aanmeldde: gebruik de link in de uitnodiging.
          </li>
          <li>
            <strong>Minder e-mail</strong>: zet soorten berichten uit op <Link to="/account">Mijn account</Link>, of klik op de afmeldlink
            onder een bericht.
          </li>
          <li>
            <strong>Correctie, beperking en bezwaar</strong>: mail naar <ContactEmail email={controller.email} />.
          </li>
        </ul>
        <p>
          We reageren binnen een maand. Ben je het niet eens met hoe we met je gegevens omgaan, dan kun je een klacht indienen bij de
          Autoriteit Persoonsgegevens (<a href="https://autoriteitpersoonsgegevens.nl">autoriteitpersoonsgegevens.nl</a>).
        </p>
      </section>
    </article>
  );
}
