import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAllowed, requireSessionAccess } from "~/access/guards.server";
import { DeskOverlayChart } from "~/features/exercises/desk-chart";
import { screenView } from "~/features/live/live-screen.server";
import { Projector } from "~/features/live/projector";
import { joinView } from "~/features/live/live-views.server";

import exerciseStyles from "~/styles/exercises.css";
import liveStyles from "~/styles/live.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: exerciseStyles },
  { rel: "stylesheet", href: liveStyles },
];

/** The root leaves out the header, navigation and footer on this page. */
export const handle = { bare: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Scherm: bijeenkomst ${data.session.number} – Werkplaats` : "Scherm – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireSessionAccess(request, params.sessionId ?? "");
  requireAllowed(access.user, "live.project", access.session);
  return json({
    session: { id: access.session.id, number: access.session.number, title: access.session.title },
    live: { ...joinView(access.session, access.user), screen: await screenView(access.session) },
  });
}

export default function ProjectorPage() {
  return (
    <Projector
      data={useLoaderData<typeof loader>()}
      renderDesks={(reveal) => (
        <DeskOverlayChart
          desks={reveal.desks}
          idPrefix="scherm-mengpanelen"
          title={reveal.anonymised ? "Alle mengpanelen, zonder namen van gemeenten" : "Alle mengpanelen"}
        />
      )}
    />
  );
}
