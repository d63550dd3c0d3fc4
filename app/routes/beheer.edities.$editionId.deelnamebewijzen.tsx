import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAllowed, requireEdition } from "~/access/guards.server";
import { requireUser } from "~/features/accounts/auth.server";
import { allCertificates } from "~/features/live/attendance-report.server";
import { CertificateSheet, PrintButton } from "~/features/live/certificate";
import liveStyles from "~/styles/live.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: liveStyles }];

export const meta: MetaFunction = () => [{ title: "Alle deelnamebewijzen – Werkplaats" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = requireEdition(params.editionId);
  requireAllowed(user, "attendance.manage", edition);
  return json({ edition: { name: edition.name }, certificates: allCertificates(edition) });
}

export default function AllCertificatesPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <article className="stack">
      <h1 className="no-print">Deelnamebewijzen: {data.edition.name}</h1>
      {data.certificates.length === 0 ? (
        <p className="empty">Nog niemand heeft genoeg bijeenkomsten bijgewoond voor een deelnamebewijs.</p>
      ) : (
        <>
          <PrintButton />
          {data.certificates.map((c) => (
            <CertificateSheet key={`${c.name}-${c.trio}`} certificate={c} />
          ))}
        </>
      )}
    </article>
  );
}
