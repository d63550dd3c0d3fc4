import { SubmitButton } from "~/components/ui/submit-button";
import { Form, useNavigation } from "@remix-run/react";
import { Notice } from "~/components/ui/notice";
import { formatDate, formatDateTime } from "~/utils/dates";

type Privacy = {
  deleteAt: string | null;
  warn: boolean;
  exports: Array<{ href: string; label: string }>;
  endsAt: string | null;
  ended: boolean;
  deletedAt: string | null;
  counts: { trios: number; participants: number; municipalities: number } | null;
};

/** From RETENTION_WARNING_DAYS before the automatic deletion: when it happens and what to download first. */
export function RetentionNotice({ privacy }: { privacy: Privacy }) {
  if (!privacy.warn || !privacy.deleteAt) return null;
  return (
    <div className="notice stack" id="bewaartermijn">
      <p>
        <strong>De persoonsgegevens van deze editie worden op {formatDate(privacy.deleteAt)} verwijderd.</strong> Dat gebeurt automatisch
        als de bewaartermijn voorbij is. Wil je iets bewaren, download het dan vóór die datum:
      </p>
      <ul>
        {privacy.exports.map((e) => (
          <li key={e.href}>
            <a href={e.href} download>
              {e.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The rarely used, weighty settings of an edition: deleting personal data and archiving, each behind a confirmation. */
export function EditionLifecycle({
  privacy,
  privacyError,
  archived,
}: {
  privacy: Privacy;
  privacyError: string | null;
  archived: boolean;
}) {
  const edition = { archived };
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <section aria-labelledby="persoonsgegevens" className="card narrow stack">
        <h2 id="persoonsgegevens">Persoonsgegevens (AVG)</h2>
        {privacyError ? <Notice tone="error">{privacyError}</Notice> : null}
        {privacy.deletedAt ? (
          <>
            <p>
              De persoonsgegevens van deze editie zijn verwijderd op {formatDateTime(privacy.deletedAt)}. Bewaard zijn alleen deze
              aantallen:
            </p>
            {privacy.counts ? (
              <dl className="details">
                <div>
                  <dt>Trio&apos;s</dt>
                  <dd>{privacy.counts.trios}</dd>
                </div>
                <div>
                  <dt>Deelnemers</dt>
                  <dd>{privacy.counts.participants}</dd>
                </div>
                <div>
                  <dt>Gemeenten</dt>
                  <dd>{privacy.counts.municipalities}</dd>
                </div>
              </dl>
            ) : null}
          </>
        ) : privacy.ended ? (
          <>
            {privacy.deleteAt ? (
              <p>Uiterlijk op {formatDateTime(privacy.deleteAt)} verwijdert het platform de persoonsgegevens automatisch.</p>
            ) : null}
            <details>
              <summary>Persoonsgegevens van deze editie verwijderen…</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="delete-personal-data" />
                <p>
                  Dit verwijdert de accounts van deelnemers die niet in een trio van een andere editie zitten, de koppeling van leden aan
                  trio&apos;s, de casussen met hun bestanden en de namen bij de vragen aan sprekers. Bewaard blijven alleen het aantal
                  trio&apos;s, deelnemers en gemeenten. Dit kan niet ongedaan worden gemaakt.
                </p>
                <SubmitButton busy={busy} className="button">
                  Ja, verwijder de persoonsgegevens
                </SubmitButton>
              </Form>
            </details>
          </>
        ) : (
          <p>
            Na afloop van de editie kun je hier de persoonsgegevens verwijderen.{" "}
            {privacy.endsAt && privacy.deleteAt
              ? `De laatste bijeenkomst eindigt op ${formatDateTime(privacy.endsAt)}; uiterlijk op ${formatDateTime(privacy.deleteAt)} verwijdert het platform de persoonsgegevens automatisch.`
              : "Nog niet alle bijeenkomsten zijn ingepland."}
          </p>
        )}
      </section>

      <section aria-labelledby="archiveren" className="card narrow">
        <h2 id="archiveren">{edition.archived ? "Archivering" : "Archiveren"}</h2>
        {edition.archived ? (
          <Form method="post">
            <input type="hidden" name="intent" value="unarchive" />
            <p>Maak de editie weer actief als er toch nog iets moet worden aangepast.</p>
            <SubmitButton busy={busy} className="button button--quiet">
              Archivering ongedaan maken
            </SubmitButton>
          </Form>
        ) : (
          <details>
            <summary>Deze editie archiveren…</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="archive" />
              <p>
                Na het archiveren blijft alles leesbaar, maar kan niemand nog iets wijzigen of publiceren. Je kunt het later ongedaan maken.
              </p>
              <SubmitButton busy={busy} className="button">
                Ja, archiveer deze editie
              </SubmitButton>
            </Form>
          </details>
        )}
      </section>
    </>
  );
}
