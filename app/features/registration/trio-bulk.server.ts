/**
 * Organisers' work on several trios at once: one decision for many trios (all or
 * nothing) and one message to a chosen group of trios.
 */
import { getDb } from "~/data/db.server";
import type { TrioStatus } from "~/data/schema.server";
import { trioDecisionMail, type TrioDecision } from "~/features/accounts/mail-templates.server";
import { latestVersion, getSubmission } from "~/features/homework/submission.server";
import { absoluteUrl, sendMail, type OutgoingMail } from "~/features/notifications/mail.server";
import { getSession } from "~/features/programme/session.server";
import { plural } from "~/utils/plural";
import { AdmissionError, decideTrio } from "./registration.server";
import { listMembersOfTrio, listTriosOfEdition, type Trio } from "./trio.server";

const MAX_BULK_TRIOS = 200;

/** Mails every member of a trio the organisers' decision. */
export async function mailTrioDecision(trio: Pick<Trio, "id" | "municipality">, decision: TrioDecision, editionName: string) {
  for (const member of listMembersOfTrio(trio.id)) {
    await sendMail(trioDecisionMail(member.user, decision, { municipality: trio.municipality, editionName }, absoluteUrl("/")));
  }
}

/**
 * The same decision for several trios, all or nothing. Everything decideTrio could refuse
 * (an unknown trio, an archived edition, too few places) is checked for the whole
 * selection first; then decideTrio runs for each trio in the same tick, so no other
 * request can change the data in between and the store writes them as one batch.
 */
export async function decideTrios(
  editionId: string,
  trioIds: string[],
  status: Exclude<TrioStatus, "registered">,
  actorId?: string,
): Promise<{ changed: Trio[]; unchanged: Trio[] }> {
  const ids = [...new Set(trioIds)];
  if (ids.length === 0) throw new AdmissionError("Kies eerst een of meer trio's.", 400);
  if (ids.length > MAX_BULK_TRIOS) throw new AdmissionError(`Kies hoogstens ${MAX_BULK_TRIOS} trio's tegelijk.`, 400);
  const data = getDb().data;
  const edition = data.editions.find((e) => e.id === editionId);
  if (!edition) throw new AdmissionError("Deze editie bestaat niet.", 404);
  if (edition.archivedAt) throw new AdmissionError("Deze editie is gearchiveerd en kan niet meer worden gewijzigd.");
  const trios = ids.map((id) => data.trios.find((t) => t.id === id && t.editionId === editionId));
  if (trios.some((t) => !t))
    throw new AdmissionError("Een van de gekozen trio's bestaat niet (meer) in deze editie. Er is niets gewijzigd.", 404);
  const chosen = trios as Trio[];
  const toChange = chosen.filter((t) => t.status !== status);
  if (status === "admitted") {
    const admitted = data.trios.filter((t) => t.editionId === editionId && t.status === "admitted").length;
    const free = Math.max(0, edition.capacity - admitted);
    if (toChange.length > free) {
      throw new AdmissionError(
        `Er is niets gewijzigd: je koos ${plural(toChange.length, "trio", "trio's")} om toe te laten, maar er ${free === 1 ? "is" : "zijn"} nog ${plural(free, "plaats", "plaatsen")} vrij (${admitted} van ${edition.capacity} bezet). Kies minder trio's of verhoog het aantal plaatsen.`,
      );
    }
  }
  const now = new Date();
  const decided = toChange.map((t) => decideTrio(t.id, status, now, actorId));
  const results = await Promise.all(decided);
  return { changed: results.filter((r) => r.changed).map((r) => r.trio), unchanged: chosen.filter((t) => t.status === status) };
}

export type MessageAudience = { kind: "admitted" } | { kind: "all" } | { kind: "missingHomework"; sessionId: string };

/** The trios a message goes to: all (not rejected), the admitted ones, or admitted trios without homework for a session. */
export function messageRecipients(editionId: string, audience: MessageAudience): Trio[] {
  const trios = listTriosOfEdition(editionId).filter((t) => t.status !== "rejected");
  if (audience.kind === "all") return trios;
  const admitted = trios.filter((t) => t.status === "admitted");
  if (audience.kind === "admitted") return admitted;
  const session = getSession(audience.sessionId);
  if (!session || session.editionId !== editionId) return [];
  return admitted.filter((t) => !latestVersion(getSubmission(session.id, t.id)));
}

function organiserMessage(to: { email: string }, subject: string, text: string, editionName: string): OutgoingMail {
  return {
    to: to.email,
    subject: `${subject} (${editionName})`,
    text: `Beste collega,\n\n${text.trim()}\n\nMet vriendelijke groet,\nDe begeleiders van ${editionName}\n\n${absoluteUrl("/")}`,
  };
}

/** Sends one message to every member of the chosen trios (through the mail transport or the outbox). */
export async function messageTrios(
  editionId: string,
  editionName: string,
  audience: MessageAudience,
  message: { subject: string; text: string },
): Promise<{ trios: number; people: number }> {
  const trios = messageRecipients(editionId, audience);
  let people = 0;
  for (const trio of trios) {
    for (const member of listMembersOfTrio(trio.id)) {
      await sendMail(organiserMessage(member.user, message.subject, message.text, editionName));
      people++;
    }
  }
  return { trios: trios.length, people };
}
