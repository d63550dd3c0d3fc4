/** The user's notifications (new feedback, replies, new material), newest first; opening them marks them read. */
import { SubmitButton } from "~/components/ui/submit-button";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { listNotifications, markRead } from "~/features/notifications/notification.server";
import { requireUser } from "~/features/accounts/auth.server";
import { formatDateTime } from "~/utils/dates";
import { readFormData } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Meldingen – Werkplaats" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({
    notifications: listNotifications(user.id).map((n) => ({
      id: n.id,
      title: n.title,
      href: n.href,
      createdAt: n.createdAt,
      unread: !n.readAt,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "read-all") {
    const count = await markRead(user.id);
    return json({ done: count ? "Alle meldingen zijn als gelezen gemarkeerd." : "Er waren geen ongelezen meldingen." });
  }
  if (intent === "open") {
    const id = String(form.get("id") ?? "").slice(0, 64);
    const notification = listNotifications(user.id, Number.MAX_SAFE_INTEGER).find((n) => n.id === id);
    if (!notification) return json({ done: null }, { status: 404 });
    await markRead(user.id, [id]);
    return new Response(null, { status: 303, headers: { Location: notification.href } });
  }
  return json({ done: null }, { status: 400 });
}

export default function NotificationsPage() {
  const { notifications } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  const unread = notifications.filter((n) => n.unread).length;
  return (
    <div className="stack">
      <h1>Meldingen</h1>
      {notifications.length === 0 ? (
        <p className="empty">Je hebt nog geen meldingen. Hier verschijnt nieuwe feedback op jullie huiswerk en nieuw materiaal.</p>
      ) : (
        <>
          {unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="read-all" />
              <SubmitButton className="button button--quiet" busy={busy}>
                Alles als gelezen markeren
              </SubmitButton>
            </Form>
          ) : null}
          <ul className="plain-list stack">
            {notifications.map((n) => (
              <li key={n.id} className={n.unread ? "card" : "card card--muted"}>
                {n.unread ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="open" />
                    <input type="hidden" name="id" value={n.id} />
                    <strong>Nieuw:</strong>{" "}
                    <SubmitButton className="button button--small button--quiet" busy={busy}>
                      {n.title}
                    </SubmitButton>
                  </Form>
                ) : (
                  <Link to={n.href}>{n.title}</Link>
                )}
                <p className="muted">{formatDateTime(n.createdAt)}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
