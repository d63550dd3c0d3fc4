import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { getOutboxMail } from "~/features/notifications/outbox.server";
import { formatDateTime } from "~/utils/dates";
import { requireOrganiser } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.mail.subject ?? "Bericht"} – Werkplaats` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const mail = getOutboxMail(params.id ?? "");
  if (!mail) throw new Response(null, { status: 404 });
  return json({ mail });
}

/** Mail text as React text nodes with its links clickable; never as HTML. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function OutboxMailPage() {
  const { mail } = useLoaderData<typeof loader>();
  return (
    <div className="stack narrow">
      <p>
        <Link to="/beheer/berichten">← Alle berichten</Link>
      </p>
      <h1>{mail.subject}</h1>
      <dl className="details">
        <div>
          <dt>Aan</dt>
          <dd>{mail.to}</dd>
        </div>
        <div>
          <dt>Verstuurd</dt>
          <dd>{formatDateTime(mail.createdAt)}</dd>
        </div>
      </dl>
      <div className="mail-body">
        <Linkified text={mail.text} />
      </div>
    </div>
  );
}
