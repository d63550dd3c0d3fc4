/** The audit trail of an edition for organisers: filter by kind and person, pages of 50, CSV. */
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAllowed, requireEdition } from "~/access/guards.server";
import { requireUser } from "~/features/accounts/auth.server";
import { auditKindLabels } from "~/features/audit/audit-labels";
import { auditFilterFromUrl } from "~/features/audit/audit-filter.server";
import { auditKinds, listAuditPeople } from "~/features/audit/audit.server";
import { auditPage } from "~/features/audit/audit-view.server";
import { AuditTable } from "~/features/audit/audit-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Logboek – ${data.edition.name} – Werkplaats` : "Logboek – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = requireEdition(params.editionId);
  requireAllowed(user, "audit.view", edition);
  const { filter, page } = auditFilterFromUrl(new URL(request.url));
  return json(
    {
      edition: { id: edition.id, name: edition.name, personalDataDeletedAt: edition.personalDataDeletedAt },
      kinds: auditKinds.map((kind) => ({ kind, label: auditKindLabels[kind] })),
      people: listAuditPeople(edition.id),
      filter: { kind: filter.kind ?? null, personId: filter.personId ?? null },
      ...auditPage(edition.id, filter, page),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function AuditTrail() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to={`/beheer/edities/${data.edition.id}`}>← {data.edition.name}</Link>
      </p>
      <h1>Logboek</h1>
      <p>
        Wie heeft wanneer een trio toegelaten of afgewezen, een lid vervangen, een bijeenkomst verzet of de teksten gewijzigd, uitstel
        gegeven, de schuifoefening getoond, een bord teruggezet of persoonsgegevens verwijderd of geëxporteerd. Het logboek blijft bewaard
        zolang de gegevens van deze editie bestaan en wordt samen met die gegevens verwijderd.
      </p>
      <Form method="get" className="field-row" aria-label="Logboek filteren">
        <div className="field">
          <label htmlFor="filter-soort">Handeling</label>
          <select id="filter-soort" name="soort" defaultValue={data.filter.kind ?? ""}>
            <option value="">Alle handelingen</option>
            {data.kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-persoon">Persoon (door of over)</label>
          <select id="filter-persoon" name="persoon" defaultValue={data.filter.personId ?? ""}>
            <option value="">Iedereen</option>
            {data.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button button--quiet">
            Filteren
          </button>
        </div>
      </Form>
      <AuditTable
        editionId={data.edition.id}
        filter={data.filter}
        rows={data.rows}
        total={data.total}
        page={data.page}
        pages={data.pages}
      />
    </div>
  );
}
