import { listSessionsOfEdition } from "~/features/programme/session.server";
import { listPolls, listVotes, pollResults } from "./live-polls.server";

export type PollReportItem = {
  id: string;
  question: string;
  per: "person" | "trio";
  responses: number;
  /** Choice, scale and agree polls: each option with its count; word clouds: the most given words. */
  rows: Array<{ label: string; count: number }>;
  words: boolean;
};
export type PollReportSession = { sessionId: string; number: number; title: string; polls: PollReportItem[] };

/** The polls that were put to the room (prepared ones never opened are left out), per session of an edition. */
export function editionPollReport(editionId: string): PollReportSession[] {
  return listSessionsOfEdition(editionId)
    .map((session) => ({
      sessionId: session.id,
      number: session.number,
      title: session.title,
      polls: listPolls(session.id)
        .filter((poll) => poll.state !== "draft")
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((poll) => {
          const results = pollResults(poll);
          const words = poll.kind === "words";
          return {
            id: poll.id,
            question: poll.question,
            per: poll.per,
            responses: listVotes(poll.id).length,
            rows: words
              ? results.words.slice(0, 10).map((w) => ({ label: w.text, count: w.count }))
              : poll.options.map((label, i) => ({ label, count: results.counts[i] ?? 0 })),
            words,
          };
        }),
    }))
    .filter((session) => session.polls.length > 0);
}
