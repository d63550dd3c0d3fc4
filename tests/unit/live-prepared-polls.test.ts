/** The run sheet's poll form (prepared per block) and the presence list's spoken messages. */
import { describe, expect, it } from "vitest";
import { pollSchema } from "~/features/live/run-sheet-actions.server";
import { applyPresence, presenceMessage, type PresenceList } from "~/features/live/use-presence";
import { parseForm } from "~/utils/forms";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

describe("poll form", () => {
  it("refuses in Dutch: empty question, too few or too long or repeated options, unknown kind", () => {
    const errors = (fields: Record<string, string>) => {
      const result = parseForm(form({ kind: "choice", per: "person", question: "Vraag?", ...fields }), pollSchema);
      return result.ok ? {} : result.errors;
    };
    expect(errors({ question: "   ", options: "Ja\nNee" }).question).toBe("Schrijf de vraag op.");
    expect(errors({ options: "Alleen ja" }).options).toMatch(/minstens twee antwoorden/);
    expect(errors({ options: `Ja\n${"n".repeat(121)}` }).options).toBe("Houd elk antwoord korter dan 120 tekens.");
    expect(errors({ options: "Ja\nja" }).options).toBe("Elk antwoord mag maar één keer voorkomen.");
    expect(errors({ options: Array.from({ length: 11 }, (_, i) => `a${i}`).join("\n") }).options).toBe("Geef hoogstens tien antwoorden.");
    expect(errors({ kind: "quiz", options: "Ja\nNee" }).kind).toBe("Kies een soort peiling.");
  });

  it("keeps the block of a prepared poll; a scale needs no options; empty block means on the spot", () => {
    const prepared = parseForm(form({ kind: "scale", per: "trio", question: " Hoe ver zijn jullie? ", blockId: "b3" }), pollSchema);
    expect(prepared.ok && prepared.data).toEqual({
      kind: "scale",
      per: "trio",
      question: "Hoe ver zijn jullie?",
      options: [],
      blockId: "b3",
    });
    const spot = parseForm(form({ kind: "choice", per: "person", question: "Welke?", options: " A \n\nB\n", blockId: "" }), pollSchema);
    expect(spot.ok && spot.data).toMatchObject({ options: ["A", "B"], blockId: null });
  });
});

describe("presence messages", () => {
  const base = {
    editionId: "e",
    sessionId: "s1",
    sessionNumber: 1,
    userId: "u1",
    name: "Anna de Vries",
    present: true,
    at: "2026-11-30T13:00:00.000Z",
    byId: "u1",
    byName: "Anna de Vries",
  };

  it("says who checked in, and who corrected whom", () => {
    expect(presenceMessage({ ...base, source: "code" })).toBe("Anna de Vries is aangemeld bij bijeenkomst 1.");
    expect(presenceMessage({ ...base, source: "organiser", present: false, byId: "o", byName: "Annemiek Visser" })).toBe(
      "Annemiek Visser heeft Anna de Vries afwezig gemeld bij bijeenkomst 1.",
    );
  });

  it("changes only the row of that person in that session", () => {
    const row = (userId: string) => ({ userId, name: userId, trio: "Altena", present: false, source: null });
    const lists: PresenceList[] = [
      { session: { id: "s1", number: 1, title: "Een" }, rows: [row("u1"), row("u2")] },
      { session: { id: "s2", number: 2, title: "Twee" }, rows: [row("u1")] },
    ];
    const next = applyPresence(lists, { ...base, source: "session" });
    expect(next[0].rows.map((r) => r.present)).toEqual([true, false]);
    expect(next[0].rows[0].source).toBe("session");
    expect(next[1]).toBe(lists[1]);
  });
});
