/**
 * The run sheet's form posts (beheer … draaiboek): start and re-time blocks, prepare
 * and run polls, choose what the projector shows. The route asks "live.run" first.
 */
import { json } from "@remix-run/node";
import { z } from "zod";
import { pollKinds } from "~/data/live-schema.server";
import type { Session } from "~/data/schema.server";
import { actionResult } from "~/utils/action-result";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { parseForm, withCrossChecks } from "~/utils/forms";
import { createPoll, getPoll, removePoll, setPollState, updatePoll } from "./live-polls.server";
import { editBlock, moveBlock, nextBlock, setProjecting, startBlock, stopRun } from "./run-sheet.server";

const clock = (what: string) => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Vul ${what} in als uu:mm, bijvoorbeeld 14:05.`);

const blockSchema = z.object({
  blockId: z.string().min(1).max(64),
  title: z.string().trim().min(1, "Geef het onderdeel een titel.").max(200, "Houd de titel korter dan 200 tekens."),
  start: clock("het begin"),
  end: clock("het einde"),
  notes: z.string().max(5000, "Houd de aantekeningen korter dan 5.000 tekens."),
});

const OPTION_MAX = 120;

export const pollSchema = withCrossChecks(
  z.object({
    kind: z.enum(pollKinds, { errorMap: () => ({ message: "Kies een soort peiling." }) }),
    question: z.string().trim().min(1, "Schrijf de vraag op.").max(300, "Houd de vraag korter dan 300 tekens."),
    options: z
      .string()
      .max(2000, "Houd de antwoorden samen korter dan 2.000 tekens.")
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(/\r?\n/)
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .refine((o) => o.length <= 10, "Geef hoogstens tien antwoorden.")
      .refine((o) => o.every((option) => option.length <= OPTION_MAX), `Houd elk antwoord korter dan ${OPTION_MAX} tekens.`)
      .refine(
        (o) => new Set(o.map((option) => option.toLocaleLowerCase("nl"))).size === o.length,
        "Elk antwoord mag maar één keer voorkomen.",
      ),
    per: z.enum(["person", "trio"], { errorMap: () => ({ message: "Kies per persoon of per trio." }) }),
    /** The run-sheet block a prepared poll belongs to; empty for a poll made on the spot. */
    blockId: z
      .string()
      .max(64)
      .optional()
      .transform((v) => v || null),
  }),
  // On the raw values, so a missing question and too few answers show together.
  (poll, ctx) => {
    const options = (poll.options ?? "").split(/\r?\n/).filter((o) => o.trim());
    if (poll.kind === "choice" && options.length < 2)
      ctx.addIssue({ code: "custom", path: ["options"], message: "Geef bij meerkeuze minstens twee antwoorden, elk op een eigen regel." });
  },
);

const pollMessages = {
  open: "De peiling is open.",
  close: "De peiling is gesloten.",
  reveal: "De uitslag is zichtbaar.",
  hide: "De uitslag is weer verborgen.",
} as const;

const done = (message: string) => json(actionResult({ done: message }));

export async function runSheetAction(session: Session, userId: string, form: FormData) {
  const intent = String(form.get("intent") ?? "");
  const blockId = String(form.get("blockId") ?? "");
  try {
    switch (intent) {
      case "start":
        await startBlock(session.id, blockId);
        return done("Het onderdeel is gestart; alle schermen volgen.");
      case "next":
        await nextBlock(session.id);
        return done("Het volgende onderdeel is gestart.");
      case "stop":
        await stopRun(session.id);
        return done("De bijeenkomst is afgesloten op de schermen.");
      case "move":
        await moveBlock(session.id, blockId, form.get("direction") === "up" ? "up" : "down");
        return done("De volgorde is aangepast.");
      case "edit": {
        const result = parseForm(form, blockSchema);
        if (!result.ok) return json(actionResult({ errors: result.errors }), { status: 400 });
        const { blockId: id, ...input } = result.data;
        await editBlock(session.id, id, input);
        return done("Het onderdeel is bijgewerkt.");
      }
      case "poll": {
        form.delete("intent");
        const result = parseForm(form, pollSchema);
        if (!result.ok) return json(actionResult({ errors: result.errors }), { status: 400 });
        await createPoll(session.id, result.data, userId);
        return done("De peiling staat klaar. Open hem als het zover is.");
      }
      case "poll-edit": {
        const pollId = String(form.get("pollId") ?? "");
        form.delete("intent");
        form.delete("pollId");
        form.delete("blockId");
        const result = parseForm(form, pollSchema);
        if (!result.ok) return json(actionResult({ errors: result.errors }), { status: 400 });
        await updatePoll(session.id, pollId, result.data);
        return done("De peiling is aangepast.");
      }
      case "poll-remove":
        await removePoll(session.id, String(form.get("pollId") ?? ""));
        return done("De peiling is verwijderd.");
      case "poll-state": {
        const poll = getPoll(String(form.get("pollId") ?? ""));
        const change = String(form.get("change") ?? "");
        if (!poll || poll.sessionId !== session.id || !["open", "close", "reveal", "hide"].includes(change))
          return json(actionResult({ errors: { form: "Deze peiling bestaat niet (meer)." } }), { status: 404 });
        await setPollState(poll.id, change as "open" | "close" | "reveal" | "hide");
        return done(pollMessages[change as keyof typeof pollMessages]);
      }
      case "project": {
        const pollId = String(form.get("pollId") ?? "") || null;
        if (pollId && getPoll(pollId)?.sessionId !== session.id)
          return json(actionResult({ errors: { form: "Deze peiling bestaat niet (meer)." } }), { status: 404 });
        await setProjecting(session.id, { pollId, questions: form.get("questions") === "on" });
        return done("Het scherm in de zaal is bijgewerkt.");
      }
    }
  } catch (error) {
    return domainErrorResponse(error);
  }
  return json(actionResult({ errors: { form: "Onbekende actie." } }), { status: 400 });
}
