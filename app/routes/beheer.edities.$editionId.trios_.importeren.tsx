import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Notice } from "~/components/ui/notice";
import { SubmitButton } from "~/components/ui/submit-button";
import { requireAllowed, requireEdition, requireOrganiser } from "~/access/guards.server";
import { getDb } from "~/data/db.server";
import { ImportPreview } from "~/features/registration/import-preview";
import {
  checkParticipantImport,
  importParticipants,
  ImportRefusedError,
  MAX_IMPORT_BYTES,
  type ImportProblem,
  type ImportRow,
} from "~/features/registration/participant-import.server";
import { mailNamedPerson, trioForWhat } from "~/features/registration/trio-mail.server";
import { DomainError } from "~/utils/domain-error.server";
import { readFormData } from "~/utils/forms";
import { plural } from "~/utils/plural";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Deelnemers importeren – ${data?.edition.name ?? "Editie"} – Werkplaats` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  requireAllowed(user, "edition.bulkTrios", edition);
  return json({ edition: { id: edition.id, name: edition.name } });
}

type ImportAnswer = { csv: string; rows: ImportRow[]; problems: ImportProblem[]; trios: number; done: string | null };

async function csvText(form: FormData): Promise<string | null> {
  const file = form.get("bestand");
  if (file && typeof file !== "string" && file.size > 0) return file.size > MAX_IMPORT_BYTES ? null : await file.text();
  const text = form.get("csv");
  return typeof text === "string" && text.trim() ? text : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  requireAllowed(user, "edition.bulkTrios", edition);
  const form = await readFormData(request);
  const text = await csvText(form);
  const empty: ImportAnswer = { csv: "", rows: [], problems: [], trios: 0, done: null };
  if (text === null)
    return json(
      { ...empty, problems: [{ row: 0, message: "Kies een CSV-bestand (hoogstens 200 kB) of plak de regels in het tekstvak." }] },
      { status: 400 },
    );
  if (form.get("intent") !== "import") {
    const check = checkParticipantImport(getDb().data, edition.id, text);
    return json<ImportAnswer>({ csv: text, ...check, done: null }, { status: check.problems.length ? 400 : 200 });
  }
  let imported;
  try {
    imported = await importParticipants({ editionId: edition.id, text, invitedBy: user.id });
  } catch (error) {
    if (error instanceof ImportRefusedError) return json<ImportAnswer>({ ...empty, csv: text, problems: error.problems }, { status: 400 });
    if (error instanceof DomainError)
      return json<ImportAnswer>({ ...empty, problems: [{ row: 0, message: error.message }] }, { status: error.status });
    throw error;
  }
  for (const { trio, person } of imported.people)
    await mailNamedPerson(person, trioForWhat(trio.municipality, edition.name), { kind: "organisers" });
  return json<ImportAnswer>({
    ...empty,
    done: `${plural(imported.people.length, "deelnemer", "deelnemers")} in ${plural(imported.trios.length, "trio", "trio's")} geïmporteerd. Iedereen heeft een e-mail gekregen om te bevestigen.`,
  });
}

export default function ImportParticipantsPage() {
  const { edition } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const problems = data?.problems ?? [];
  const rows = data?.rows ?? [];
  return (
    <div className="stack">
      <p>
        <Link to={`/beheer/edities/${edition.id}/trios`}>← Trio&apos;s van {edition.name}</Link>
      </p>
      <h1>Deelnemers importeren</h1>
      <p>
        Een CSV-bestand met de kolommen <strong>gemeente, naam, e-mail, functie en domein</strong> (wijk, fysiek of sociaal), gescheiden
        door puntkomma&apos;s of komma&apos;s, zoals de export met contactgegevens. Per gemeente wordt één trio aangemaakt met de status
        aangemeld. Je ziet eerst een voorbeeld; pas als alle rijen kloppen, kun je importeren. Er wordt nooit een deel geïmporteerd.
      </p>
      {data?.done ? <Notice tone="success">{data.done}</Notice> : null}
      <Form method="post" encType="multipart/form-data" className="card stack narrow">
        <div className="field">
          <label htmlFor="veld-bestand">CSV-bestand</label>
          <input id="veld-bestand" name="bestand" type="file" accept=".csv,text/csv" />
        </div>
        <div className="field">
          <label htmlFor="veld-csv">
            Of plak de regels hier <span className="field__optional">(een van beide verplicht: bestand of tekst)</span>
          </label>
          <textarea id="veld-csv" name="csv" rows={6} defaultValue={data && !data.done ? data.csv : ""} />
        </div>
        <div className="actions">
          <SubmitButton name="intent" value="preview" className="button" busy={busy}>
            Voorbeeld bekijken
          </SubmitButton>
        </div>
      </Form>
      {data && !data.done && (problems.length > 0 || rows.length > 0) ? (
        <ImportPreview csv={data.csv} rows={rows} problems={problems} trios={data.trios} busy={busy} />
      ) : null}
    </div>
  );
}
