import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAllowed, requireEdition } from "~/access/guards.server";
import { requireUser } from "~/features/accounts/auth.server";
import { certificateFor } from "~/features/live/attendance-report.server";
import { attendedSessions, certificateThreshold } from "~/features/live/attendance.server";
import { CertificateSheet, PrintButton } from "~/features/live/certificate";
import liveStyles from "~/styles/live.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: liveStyles }];

export const meta: MetaFunction = () => [{ title: "Deelnamebewijs – Werkplaats" }];

/** A participant's own deelnamebewijs (print to PDF). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = requireEdition(params.editionId);
  requireAllowed(user, "certificate.download", { edition, userId: user.id });
  return json({
    certificate: certificateFor(edition, user.id),
    attended: attendedSessions(edition.id, user.id).length,
    threshold: certificateThreshold(edition.id),
  });
}

export default function CertificatePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <article className="stack">
      <h1 className="no-print">Je deelnamebewijs</h1>
      {data.certificate ? (
        <>
          <PrintButton />
          <CertificateSheet certificate={data.certificate} />
        </>
      ) : (
        <p className="notice">
          Je was bij {data.attended} van de bijeenkomsten; voor een deelnamebewijs moet je er minstens {data.threshold} bijwonen. Klopt dit
          niet? Vraag de begeleiders je aanwezigheid te corrigeren.
        </p>
      )}
    </article>
  );
}
