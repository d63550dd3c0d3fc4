import type { Notification } from "~/data/homework-schema.server";
import { getDb } from "~/data/db.server";
import { absoluteUrl, sendMail } from "./mail.server";
import { wantsMail, withUnsubscribe, type MailKind } from "./preferences.server";

const signature = "\n\nMet vriendelijke groet,\nHet team van de werkplaats wijkgericht werken";

/** Which mail preference covers an in-app notification; kinds without one are not mailed. */
const mailKindOf: Partial<Record<Notification["kind"], MailKind>> = { feedback: "feedback", reply: "feedback", material: "material" };

/** The e-mail beside an in-app notification, for everyone who has not turned that kind off. */
export async function mailNotification(userIds: string[], input: Pick<Notification, "kind" | "title" | "href">): Promise<number> {
  const kind = mailKindOf[input.kind];
  if (!kind) return 0;
  let sent = 0;
  for (const userId of userIds) {
    const user = getDb().data.users.find((u) => u.id === userId);
    if (!user?.passwordHash || !wantsMail(userId, kind)) continue;
    const text = `Beste collega,\n\n${input.title}.\n\nBekijk het op het platform:\n\n${absoluteUrl(input.href)}` + signature;
    await sendMail(withUnsubscribe({ to: user.email, subject: input.title, text }, userId, kind));
    sent++;
  }
  return sent;
}
