import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAnnounceQueue } from "~/utils/announce-queue";

describe("announce queue (one polite live region, throttled)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("says the first message at once and a burst after it as one summary, at most once per interval", () => {
    const spoken: string[] = [];
    const queue = createAnnounceQueue((m) => spoken.push(m), 2_000);
    queue.announce("Anna plakte een notitie.", { group: "note", summary: (n) => `${n} nieuwe notities op het bord.` });
    expect(spoken).toEqual(["Anna plakte een notitie."]);
    queue.announce("Bram plakte een notitie.", { group: "note", summary: (n) => `${n} nieuwe notities op het bord.` });
    queue.announce("Chris plakte een notitie.", { group: "note", summary: (n) => `${n} nieuwe notities op het bord.` });
    queue.announce("Timer gestart: 5 minuten.", { group: "timer" });
    vi.advanceTimersByTime(1_999);
    expect(spoken).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(spoken).toEqual(["Anna plakte een notitie.", "2 nieuwe notities op het bord. Timer gestart: 5 minuten."]);
  });

  it("keeps the newest of a group without summary (a slider moving) and drops an echo of what was just said", () => {
    const spoken: string[] = [];
    const queue = createAnnounceQueue((m) => spoken.push(m), 2_000);
    queue.announce("Stemronde geopend: 3 stemmen per deelnemer.");
    queue.announce("Stemronde geopend: 3 stemmen per deelnemer.");
    queue.announce("Anna zette Communicatie op 40.", { group: "desk-communicatie" });
    queue.announce("Anna zette Communicatie op 70.", { group: "desk-communicatie" });
    vi.advanceTimersByTime(2_000);
    expect(spoken).toEqual(["Stemronde geopend: 3 stemmen per deelnemer.", "Anna zette Communicatie op 70."]);
    vi.advanceTimersByTime(5_000);
    queue.announce("Anna zette Communicatie op 70.", { group: "desk-communicatie" });
    expect(spoken).toHaveLength(3);
  });

  it("an immediate message (a new page) is said at once and drops what waited", () => {
    const spoken: string[] = [];
    const queue = createAnnounceQueue((m) => spoken.push(m), 2_000);
    queue.announce("Eerste.");
    queue.announce("Wacht nog.");
    queue.announce("Edities – Werkplaats", { immediate: true });
    vi.advanceTimersByTime(5_000);
    expect(spoken).toEqual(["Eerste.", "Edities – Werkplaats"]);
  });
});
