import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listOutbox } from "~/features/notifications/outbox.server";
import { formatDateTime } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { requireOrganiser } from "~/access/guards.server";

export const meta: MetaFunction = () => [{ title: "Berichten – Werkplaats" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const mails = listOutbox().map((m) => ({ id: m.id, to: m.to, subject: m.subject, createdAt: m.createdAt }));
  return json({ mails, smtp: Boolean(getEnv().SMTP_URL) });
}

export default function OutboxPage() {
  const { mails, smtp } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Berichten</h1>
      <p>
        {smtp
          ? "E-mail wordt verstuurd via de ingestelde mailserver. Hieronder staan alleen berichten van vóór die instelling."
          : "Er is geen mailserver ingesteld (SMTP_URL). Alle e-mail die het platform verstuurt, komt daarom hier terecht; stuur uitnodigingen en links zelf door als dat nodig is."}
      </p>
      {mails.length === 0 ? (
        <p className="empty">Er zijn nog geen berichten.</p>
      ) : (
        <div className="table-wrap" role="region" aria-label="Tabel, horizontaal scrollbaar" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Verstuurde berichten, nieuwste eerst</caption>
            <thead>
              <tr>
                <th scope="col">Onderwerp</th>
                <th scope="col">Aan</th>
                <th scope="col">Verstuurd</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={m.id}>{m.subject}</Link>
                  </td>
                  <td>{m.to}</td>
                  <td>{formatDateTime(m.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
