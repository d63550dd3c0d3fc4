/** All trios' homework for one session, for organisers and (when allowed) the session's speaker. */
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listAdmittedTrios } from "~/features/homework/homework-overview.server";
import { getSubmission, latestVersion } from "~/features/homework/submission.server";
import { formatDateTime } from "~/utils/dates";
import { homeworkStatusLabels } from "~/features/homework/homework-labels";
import { homeworkStatus } from "~/features/homework/homework-view.server";
import { requireHomeworkReviewer } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Huiswerk bijeenkomst ${data.session.number} – Werkplaats` : "Huiswerk – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, edition, assignment } = await requireHomeworkReviewer(request, params.sessionId ?? "");
  const trios = listAdmittedTrios(edition.id).map((trio) => {
    const submission = getSubmission(session.id, trio.id);
    return {
      id: trio.id,
      municipality: trio.municipality,
      status: homeworkStatus(assignment, trio.id, submission),
      submittedAt: latestVersion(submission)?.submittedAt ?? null,
    };
  });
  return json({ session: { id: session.id, number: session.number, title: session.title }, dueAt: assignment.dueAt, trios });
}

export default function SessionHomework() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to={`/sessies/${data.session.id}`}>← Bijeenkomst {data.session.number}</Link>
      </p>
      <h1>Huiswerk van bijeenkomst {data.session.number}</h1>
      <p className="muted">Inleveren vóór {data.dueAt ? formatDateTime(data.dueAt) : "geen datum"}</p>
      {data.trios.length === 0 ? (
        <p className="empty">Er zijn nog geen toegelaten trio's.</p>
      ) : (
        <ul className="plain-list stack">
          {data.trios.map((t) => (
            <li key={t.id}>
              <Link to={`/sessies/${data.session.id}/huiswerk/${t.id}`}>Trio {t.municipality}</Link> · {homeworkStatusLabels[t.status]}
              {t.submittedAt ? <span className="muted"> · ingeleverd op {formatDateTime(t.submittedAt)}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
