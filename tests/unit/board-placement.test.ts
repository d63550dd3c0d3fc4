import { describe, expect, it } from "vitest";
import { newStickyNote, STICKY_SIZE } from "~/features/boards/board-elements";
import { findFreeSpot, nudgeOverlaps, obstaclesOf, overlaps, placeNewNote, type Box } from "~/features/boards/board-placement";
import type { BoardElement } from "~/features/boards/board-protocol";
import { winsOver } from "~/features/boards/board-protocol";

const anna = { id: "anna", name: "Anna", domain: "wijk" as const };
const bram = { id: "bram", name: "Bram", domain: "fysiek" as const };
const size = { width: STICKY_SIZE, height: STICKY_SIZE };
const notesOf = (elements: readonly BoardElement[]) => elements.filter((e) => !e.isDeleted && e.customData?.kind === "sticky");
const box = (e: BoardElement): Box => ({ x: Number(e.x), y: Number(e.y), width: Number(e.width), height: Number(e.height) });

function addNote(elements: BoardElement[], center: { x: number; y: number }, author = anna): BoardElement[] {
  const at = placeNewNote(elements, center, size);
  return [...elements, ...newStickyNote({ ...at, text: "idee", author, frameId: at.frameId })];
}

const frame = (id: string, x: number, y: number, width: number, height: number) =>
  ({ id, type: "frame", name: id, x, y, width, height, version: 1, versionNonce: 1, isDeleted: false }) as BoardElement;

describe("placing new notes", () => {
  it("puts the first note on the centre and eight notes at one centre apart from each other, near it", () => {
    let elements: BoardElement[] = [];
    for (let i = 0; i < 8; i++) elements = addNote(elements, { x: 500, y: 300 });
    const notes = notesOf(elements);
    expect(notes).toHaveLength(8);
    expect(box(notes[0])).toMatchObject({ x: 400, y: 200 });
    for (let i = 0; i < notes.length; i++)
      for (let j = i + 1; j < notes.length; j++) expect(overlaps(box(notes[i]), box(notes[j]))).toBe(false);
    // Near: every note within two note widths of the centre.
    for (const n of notes) expect(Math.hypot(Number(n.x) + 100 - 500, Number(n.y) + 100 - 300)).toBeLessThan(2.5 * STICKY_SIZE);
  });

  it("avoids other shapes and keeps a gap", () => {
    const obstacles = [{ x: -100, y: -100, width: 200, height: 200 }];
    const spot = findFreeSpot({ x: 0, y: 0 }, size, obstacles);
    expect(overlaps({ ...spot, ...size }, obstacles[0], 19)).toBe(false);
  });

  it("ignores deleted notes and text inside a note", () => {
    const [note, label, byline] = newStickyNote({ x: 0, y: 0, text: "weg", author: anna });
    const gone = { ...note, isDeleted: true };
    expect(obstaclesOf([gone, { ...label, isDeleted: true }, { ...byline, isDeleted: true }])).toEqual([]);
    expect(obstaclesOf([note, label, byline])).toHaveLength(2);
    expect(placeNewNote([gone], { x: 100, y: 100 }, size)).toMatchObject({ x: 0, y: 0, frameId: null });
  });

  it("places notes in the column under the centre, in reading order, and outside the columns otherwise", () => {
    const columns = [frame("links", 0, 0, 320, 600), frame("rechts", 360, 0, 320, 600)];
    let elements: BoardElement[] = [...columns];
    for (let i = 0; i < 3; i++) elements = addNote(elements, { x: 500, y: 300 });
    const inRight = notesOf(elements);
    expect(inRight.map((n) => n.frameId)).toEqual(["rechts", "rechts", null]);
    // Two notes fit under each other in a 600 px column; the third goes outside all columns.
    expect(inRight.slice(0, 2).every((n) => n.frameId === "rechts")).toBe(true);
    expect(Number(inRight[1].y)).toBeGreaterThan(Number(inRight[0].y));
    expect(inRight[2].frameId).toBeNull();
    for (const c of columns) expect(overlaps(box(inRight[2]), box(c))).toBe(false);
    // The byline and text of a note in a column are in the column too.
    expect(
      elements
        .filter((e) => e.groupIds && (e.groupIds as string[])[0] === (inRight[0].groupIds as string[])[0])
        .every((e) => e.frameId === "rechts"),
    ).toBe(true);
  });
});

describe("separating notes that met when syncing", () => {
  it("moves the note with the larger id, by its author only, the same way every time", () => {
    const offline = newStickyNote({ x: 0, y: 0, text: "offline", author: anna });
    const online = newStickyNote({ x: 0, y: 0, text: "online", author: bram });
    const scene = [...offline, ...online];
    const [first, second] = [offline[0], online[0]].sort((a, b) => (a.id < b.id ? -1 : 1));
    const moverAuthor = second.customData?.authorId;
    const arrived = new Set([online[0].id, ...online.map((e) => e.id)]);

    const byOther = nudgeOverlaps(scene, arrived, (n) => n.customData?.authorId !== moverAuthor);
    expect(byOther).toEqual([]);
    const byAuthor = nudgeOverlaps(scene, arrived, (n) => n.customData?.authorId === moverAuthor);
    const again = nudgeOverlaps(scene, arrived, (n) => n.customData?.authorId === moverAuthor);
    expect(byAuthor.map((e) => [e.id, e.x, e.y])).toEqual(again.map((e) => [e.id, e.x, e.y]));
    // The whole note moves (rectangle, text, author line), with versions that win.
    const moverParts = scene.filter((e) => (e.groupIds as string[])[0] === (second.groupIds as string[])[0]);
    expect(byAuthor.map((e) => e.id).sort()).toEqual(moverParts.map((e) => e.id).sort());
    for (const e of byAuthor)
      expect(
        winsOver(
          e,
          scene.find((o) => o.id === e.id),
        ),
      ).toBe(true);
    const movedNote = byAuthor.find((e) => e.id === second.id)!;
    expect(overlaps(box(movedNote), box(first))).toBe(false);
  });

  it("leaves notes alone that someone put on top of each other on purpose", () => {
    const a = newStickyNote({ x: 0, y: 0, text: "a", author: anna });
    const b = newStickyNote({ x: 50, y: 50, text: "b", author: anna });
    expect(nudgeOverlaps([...a, ...b], new Set(), () => true)).toEqual([]);
    expect(nudgeOverlaps([...a, ...b], new Set(["some-other-id"]), () => true)).toEqual([]);
  });
});

describe("the gallery's label of a board", () => {
  it("says what is on the board, not the template it started from", async () => {
    const { contentSummary } = await import("~/features/boards/board-elements");
    const { templateElements } = await import("~/features/boards/board-templates.server");
    expect(contentSummary([])).toBe("leeg");
    let elements: BoardElement[] = [frame("a", 0, 0, 500, 500), frame("b", 600, 0, 500, 500)];
    for (let i = 0; i < 6; i++) elements = addNote(elements, { x: 2000, y: 2000 });
    expect(contentSummary(elements)).toBe("6 notities, 2 kaders");
    const [one] = notesOf(elements);
    expect(contentSummary(elements.map((e) => (e.id === one.id ? { ...e, isDeleted: true } : e)))).toBe("5 notities, 2 kaders");
    expect(contentSummary(templateElements("lokale-agenda"))).toBe("4 kaders");
  });
});
