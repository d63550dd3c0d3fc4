import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireAllowed, requireEdition } from "~/access/guards.server";
import { requireUser } from "~/features/accounts/auth.server";
import { participantsOfEdition, presenceLists } from "~/features/live/attendance-report.server";
import { certificateThreshold, setCertificateThreshold, setPresence } from "~/features/live/attendance.server";
import { PresenceLists } from "~/features/live/presence-list";
import { getSession } from "~/features/programme/session.server";
import { actionResult } from "~/utils/action-result";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { readFormData } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Aanwezigheid – Werkplaats" }];

async function load(request: Request, editionId: string | undefined) {
  const user = await requireUser(request);
  const edition = requireEdition(editionId);
  requireAllowed(user, "attendance.manage", edition);
  return { user, edition };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, edition } = await load(request, params.editionId);
  return json({
    edition: { id: edition.id, name: edition.name },
    viewerId: user.id,
    archived: Boolean(edition.archivedAt),
    threshold: certificateThreshold(edition.id),
    lists: presenceLists(edition.id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, edition } = await load(request, params.editionId);
  requireAllowed(user, "edition.change", edition);
  const form = await readFormData(request);
  try {
    if (form.get("intent") === "threshold") {
      const threshold = Number(form.get("threshold"));
      if (!Number.isInteger(threshold) || threshold < 1 || threshold > 4)
        return json(actionResult({ errors: { threshold: "Kies een aantal van 1 tot en met 4." } }), { status: 400 });
      await setCertificateThreshold(edition.id, threshold);
      return json(actionResult({ done: `Een deelnamebewijs vanaf ${threshold} bijeenkomsten.` }));
    }
    if (form.get("intent") === "presence") {
      const session = getSession(String(form.get("sessionId") ?? ""));
      const userId = String(form.get("userId") ?? "");
      if (!session || session.editionId !== edition.id || !participantsOfEdition(edition.id).some((p) => p.userId === userId))
        return json(actionResult({ errors: { form: "Deze deelnemer of bijeenkomst hoort niet bij deze editie." } }), { status: 404 });
      await setPresence(session.id, userId, form.get("present") === "yes", user.id);
      return json(actionResult({ done: "De aanwezigheid is gecorrigeerd." }));
    }
  } catch (error) {
    return domainErrorResponse(error);
  }
  return json(actionResult({ errors: { form: "Onbekende actie." } }), { status: 400 });
}

export default function AttendancePage() {
  return <PresenceLists data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />;
}
