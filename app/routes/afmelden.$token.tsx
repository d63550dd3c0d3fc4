/**
 * /afmelden/<signed token>: turns off one kind of mail without logging in. GET shows a
 * confirm button (link scanners in mail filters only GET, so they cannot unsubscribe
 * anyone); POST from that button, or the one-click POST of a mail program (RFC 8058),
 * does it.
 */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Notice } from "~/components/ui/notice";
import { SubmitButton } from "~/components/ui/submit-button";
import { mailKindLabels, readUnsubscribeToken, setMailChoices, wantsMail } from "~/features/notifications/preferences.server";

export const meta: MetaFunction = () => [{ title: "Afmelden voor e-mail – Werkplaats wijkgericht werken" }];

function requireToken(token: string | undefined) {
  const found = readUnsubscribeToken(token ?? "");
  if (!found) throw new Response("Deze afmeldlink klopt niet (meer). Pas je e-mailvoorkeuren aan op je accountpagina.", { status: 404 });
  return found;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { userId, kind } = requireToken(params.token);
  return json(
    { label: mailKindLabels[kind], alreadyOff: !wantsMail(userId, kind) },
    { headers: { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } },
  );
}

export async function action({ params }: ActionFunctionArgs) {
  const { userId, kind } = requireToken(params.token);
  await setMailChoices(userId, { [kind]: false });
  return json({ done: true });
}

export default function UnsubscribePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const done = actionData?.done || data.alreadyOff;
  return (
    <div className="narrow stack">
      <h1>Afmelden voor e-mail</h1>
      {done ? (
        <Notice tone="success">
          {`Je krijgt geen e-mail meer over ${data.label}.`} Bedacht? Zet het weer aan op <Link to="/account#e-mail">je accountpagina</Link>{" "}
          (daarvoor log je in).
        </Notice>
      ) : (
        <Form method="post" className="stack">
          <p>Wil je geen e-mail meer krijgen over {data.label}? In het platform zie je deze meldingen gewoon nog.</p>
          <div className="actions">
            <SubmitButton className="button" busy={navigation.state === "submitting"}>
              Ja, meld mij af
            </SubmitButton>
          </div>
        </Form>
      )}
    </div>
  );
}
