import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAllowed, requireSessionAccess } from "~/access/guards.server";
import { listBoardsOfSession } from "~/features/boards/board.server";
import { Projector } from "~/features/live/projector";
import { joinView } from "~/features/live/live-views.server";

import liveStyles from "~/styles/live.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: liveStyles }];

/** The root leaves out the header, navigation and footer on this page. */
export const handle = { bare: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Scherm: bijeenkomst ${data.session.number} – Werkplaats` : "Scherm – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireSessionAccess(request, params.sessionId ?? "");
  requireAllowed(access.user, "live.project", access.session);
  const plenary = (await listBoardsOfSession(access.session.id)).find((b) => b.scope === "plenary");
  return json({
    session: { id: access.session.id, number: access.session.number, title: access.session.title },
    live: joinView(access.session, access.user),
    plenaryBoard: plenary ? { title: plenary.title, url: `/borden/${plenary.id}` } : null,
    desk: access.role === "organiser" ? `/sessies/${access.session.id}/schuifoefening` : null,
  });
}

export default function ProjectorPage() {
  return <Projector data={useLoaderData<typeof loader>()} />;
}
