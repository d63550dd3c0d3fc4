import { json, type LinksFunction, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireSessionAccess } from "~/access/guards.server";
import { LiveArea } from "~/features/live/live-area";
import { joinView } from "~/features/live/live-views.server";
import { SessionHeader, SessionSections } from "~/features/programme/session-page";
import { questionSchema } from "~/features/programme/session-page-form";
import { sessionPageAction, sessionPageData } from "~/features/programme/session-page.server";
import { readFormData } from "~/utils/forms";
import { useFormValidation } from "~/utils/use-form-validation";

import liveStyles from "~/styles/live.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: liveStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Bijeenkomst ${data.session.number}: ${data.session.title} – Werkplaats` : "Bijeenkomst – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireSessionAccess(request, params.sessionId ?? "");
  const page = await sessionPageData(access);
  const plenary = page.boards.find((b) => b.scope === "plenary");
  const trioBoard = page.boards.find((b) => b.scope === "trio");
  return json({
    ...page,
    live: joinView(access.session, access.user),
    liveLinks: {
      plenaryBoard: plenary ? `/borden/${plenary.id}` : null,
      trioBoard: trioBoard ? `/borden/${trioBoard.id}` : null,
      desk: access.role === "speaker" ? null : "schuifoefening",
      homework: page.homework.link,
      runSheet: access.role === "organiser" ? `/beheer/edities/${access.edition.id}/sessies/${access.session.id}/draaiboek` : null,
      projector: access.role === "participant" ? null : `/sessies/${access.session.id}/scherm`,
      certificate: access.role === "participant" ? `/deelnamebewijs/${access.edition.id}` : null,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireSessionAccess(request, params.sessionId ?? "");
  return sessionPageAction(access, await readFormData(request));
}

export default function SessionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(questionSchema, actionData?.errors);
  return (
    <article className="stack session-page">
      <SessionHeader data={data} actionData={actionData} />
      <LiveArea initial={data.live} links={data.liveLinks} archived={data.archived} />
      <SessionSections
        data={data}
        errors={errors}
        onSubmit={onSubmit}
        submitting={navigation.state === "submitting"}
        formKey={actionData?.done ?? "ask"}
      />
    </article>
  );
}
