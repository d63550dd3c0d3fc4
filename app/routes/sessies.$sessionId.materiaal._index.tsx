import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Notice } from "~/components/ui/notice";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { latestRevision, listMaterialsOfSession, materialState } from "~/features/programme/material.server";
import { formatDateTime } from "~/utils/dates";
import { materialKindLabels } from "~/features/programme/material-form";
import { requireSessionEditor } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Materiaal bijeenkomst ${data?.session.number ?? ""} – Werkplaats` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, edition } = await requireSessionEditor(request, params.sessionId ?? "");
  const now = new Date();
  const materials = listMaterialsOfSession(session.id).map((m) => {
    const latest = latestRevision(m);
    return {
      id: m.id,
      kind: m.kind,
      title: latest.title,
      state: materialState(m, now),
      publishAt: latest.publishAt,
      savedAt: latest.savedAt,
      versions: m.revisions.length,
    };
  });
  return json({
    session: { id: session.id, number: session.number, title: session.title },
    archived: Boolean(edition.archivedAt),
    materials,
  });
}

const stateLabel = (m: { state: string; publishAt: string | null }) =>
  m.state === "published"
    ? "Gepubliceerd"
    : m.state === "scheduled"
      ? `Gepland voor ${formatDateTime(m.publishAt!)}`
      : m.state === "changed"
        ? "Gewijzigd, nieuwe versie nog niet gepubliceerd"
        : "Concept, nog niet zichtbaar";

export default function MaterialListPage() {
  const { session, archived, materials } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to={`/sessies/${session.id}`}>
          ← Bijeenkomst {session.number}: {session.title}
        </Link>
      </p>
      <h1>Materiaal</h1>
      <SavedNotice />
      <p>
        Deelnemers zien alleen wat gepubliceerd is. Je kunt een onderdeel meteen publiceren, of op een gekozen moment, bijvoorbeeld direct
        na de bijeenkomst.
      </p>
      {archived ? (
        <Notice tone="info">Deze editie is gearchiveerd: er kan niets meer worden gepubliceerd.</Notice>
      ) : (
        <p className="actions">
          <Link className="button" to="nieuw?soort=file">
            Bestand toevoegen
          </Link>
          <Link className="button button--quiet" to="nieuw?soort=text">
            Tekst schrijven
          </Link>
          <Link className="button button--quiet" to="nieuw?soort=link">
            Link delen
          </Link>
        </p>
      )}
      {materials.length === 0 ? (
        <p className="empty">Nog geen materiaal. Voeg bijvoorbeeld je presentatie (PDF of PowerPoint) of een leestip toe.</p>
      ) : (
        <div className="table-wrap" role="region" aria-label="Materiaal, horizontaal scrollbaar" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Materiaal van deze bijeenkomst</caption>
            <thead>
              <tr>
                <th scope="col">Titel</th>
                <th scope="col">Soort</th>
                <th scope="col">Status</th>
                <th scope="col">Laatst opgeslagen</th>
              </tr>
            </thead>
            <tbody>
              {materials.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={m.id}>{m.title}</Link>
                  </td>
                  <td>{materialKindLabels[m.kind]}</td>
                  <td>
                    <span className={`status status--${m.state}`}>{stateLabel(m)}</span>
                  </td>
                  <td>
                    {formatDateTime(m.savedAt)}
                    {m.versions > 1 ? ` (${m.versions} versies)` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The confirmation after the material form redirected here: what was saved, or withdrawn. */
function SavedNotice() {
  const [params] = useSearchParams();
  if (params.get("opgeslagen") === "1") return <Notice tone="success">Het materiaal is opgeslagen.</Notice>;
  if (params.get("ingetrokken") === "1") return <Notice tone="success">Het materiaal is ingetrokken.</Notice>;
  return null;
}
