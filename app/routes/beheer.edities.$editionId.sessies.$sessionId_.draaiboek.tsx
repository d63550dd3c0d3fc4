import { json, type LinksFunction, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireAllowed, requireEdition } from "~/access/guards.server";
import { requireUser } from "~/features/accounts/auth.server";
import { RunSheet } from "~/features/live/run-sheet";
import { runSheetAction } from "~/features/live/run-sheet-actions.server";
import { draftRunSheet, ensureRunSheet, getRunSheet } from "~/features/live/run-sheet.server";
import { joinView } from "~/features/live/live-views.server";
import { getSession } from "~/features/programme/session.server";
import { readFormData } from "~/utils/forms";

import liveStyles from "~/styles/live.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: liveStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Draaiboek bijeenkomst ${data.session.number} – Werkplaats` : "Draaiboek – Werkplaats" },
];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireUser(request);
  const edition = requireEdition(params.editionId);
  const session = getSession(params.sessionId ?? "");
  if (!session || session.editionId !== edition.id) throw new Response("Deze bijeenkomst bestaat niet.", { status: 404 });
  requireAllowed(user, "live.run", session);
  return { user, edition, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, edition, session } = await load(request, params);
  // The run sheet is copied from the agenda on first use; an archived edition only shows it.
  const sheet = edition.archivedAt ? (getRunSheet(session.id) ?? draftRunSheet(session)) : await ensureRunSheet(session.id);
  return json({
    session: { id: session.id, number: session.number, title: session.title },
    edition: { id: edition.id, name: edition.name },
    archived: Boolean(edition.archivedAt),
    checkInCode: sheet.checkInCode || null,
    blocks: sheet.blocks,
    live: joinView(session, user),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session } = await load(request, params);
  requireAllowed(user, "edition.change", { id: session.editionId });
  return runSheetAction(session, user.id, await readFormData(request));
}

export default function RunSheetPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <RunSheet data={data} result={result} />;
}
