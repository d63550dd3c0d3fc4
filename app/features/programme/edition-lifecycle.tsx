import { SubmitButton } from "~/components/ui/submit-button";
import { Form, useNavigation } from "@remix-run/react";
import { Notice } from "~/components/ui/notice";
import { formatDateTime } from "~/utils/dates";

type Privacy = {
  endsAt: string | null;
  ended: boolean;
  deletedAt: string | null;
  counts: { trios: number; participants: number; municipalities: number } | null;
};

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
        ) : (
          <p>
            Na afloop van de editie kun je hier de persoonsgegevens verwijderen.{" "}
            {privacy.endsAt
              ? `De laatste bijeenkomst eindigt op ${formatDateTime(privacy.endsAt)}.`
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
