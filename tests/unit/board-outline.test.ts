import { describe, expect, it } from "vitest";
import { deletionOf, newStickyNote, newText, outlineGroups, placeOnTop, withText, wrapText } from "~/features/boards/board-elements";
import { boardElement, domainColours, winsOver, type BoardElement } from "~/features/boards/board-protocol";
import { sameOriginSources } from "~/features/boards/editor-assets";

const anna = { id: "u1", name: "Anna", domain: "sociaal" as const };
const frame = (id: string, name: string | null, x: number, y: number) =>
  ({ id, type: "frame", name, x, y, width: 500, height: 500, version: 1, versionNonce: 1, isDeleted: false }) as BoardElement;

describe("board elements", () => {
  it("makes a sticky note that passes the contract, coloured by the author's domain", () => {
    const [note, label, byline] = newStickyNote({ x: 0, y: 0, text: "Meer bankjes in het park", author: anna });
    for (const element of [note, label, byline]) expect(boardElement.safeParse(element).success).toBe(true);
    expect(byline).toMatchObject({ text: "Anna · Sociaal domein", customData: { kind: "label" } });
    expect(new Set([note, label, byline].map((e) => JSON.stringify(e.groupIds))).size).toBe(1);
    expect(note.backgroundColor).toBe(domainColours.sociaal);
    expect(note.customData).toMatchObject({ kind: "sticky", authorName: "Anna", authorDomain: "sociaal" });
    expect(label.containerId).toBe(note.id);
    expect(note.boundElements).toEqual([{ id: label.id, type: "text" }]);
  });

  it("wraps text at spaces and cuts words that are too long", () => {
    expect(wrapText("een twee drie vier", 60, 20)).toBe("een\ntwee\ndrie\nvier");
    expect(wrapText("abcdefghij", 44, 20)).toBe("abcd\nefgh\nij");
    expect(wrapText("kort", 500)).toBe("kort");
  });

  it("edits and deletes with a version that wins", () => {
    const [note, label, byline] = newStickyNote({ x: 0, y: 0, text: "oud", author: anna });
    const edited = withText(label, "nieuw", note);
    expect(edited.originalText).toBe("nieuw");
    expect(winsOver(edited, label)).toBe(true);
    const gone = deletionOf(note, [note, label, byline]);
    expect(gone.map((e) => [e.id, e.isDeleted])).toEqual([
      [note.id, true],
      [label.id, true],
      [byline.id, true],
    ]);
    expect(gone.every((e, i) => winsOver(e, [note, label, byline][i]))).toBe(true);
  });

  it("places new elements above every existing one in z-order", () => {
    const existing = [
      { id: "a", index: "a5" },
      { id: "b", index: "a9" },
      { id: "c", index: null },
    ] as unknown as BoardElement[];
    const placed = placeOnTop(newStickyNote({ x: 0, y: 0, text: "x", author: anna }), existing);
    expect(placed.map((e) => e.index)).toEqual(["a9V", "a9VV", "a9VVV"]);
    expect(placeOnTop([newText({ x: 0, y: 0, text: "x", author: anna })], [])[0].index).toBe("a0");
  });
});

describe("outlineGroups", () => {
  it("lists notes and texts per frame in reading order, loose items first", () => {
    const left = frame("f1", "Kansen", 0, 1000);
    const top = frame("f2", null, 0, 0);
    const [n1, t1] = newStickyNote({ x: 300, y: 1100, text: "tweede", author: anna, frameId: "f1" });
    const [n2, t2] = newStickyNote({ x: 10, y: 1100, text: "eerste", author: anna, frameId: "f1" });
    const loose = newText({ x: 5000, y: 5000, text: "<img src=x onerror=alert(1)>", author: anna });
    const empty = newText({ x: 1, y: 1, text: "  ", author: anna, frameId: "f2" });
    const deleted = { ...newText({ x: 1, y: 1, text: "weg", author: anna }), isDeleted: true };
    const groups = outlineGroups([left, top, n1, t1, n2, t2, loose, empty, deleted]);
    expect(groups.map((g) => g.name)).toEqual(["Los op het bord", "Kader 1", "Kansen"]);
    expect(groups[0].items.map((i) => i.text)).toEqual(["<img src=x onerror=alert(1)>"]);
    expect(groups[1].items).toEqual([]);
    expect(groups[2].items.map((i) => [i.kind, i.text, i.authorName])).toEqual([
      ["sticky", "eerste", "Anna"],
      ["sticky", "tweede", "Anna"],
    ]);
    expect(groups[2].items[0]).toMatchObject({ id: n2.id, textId: t2.id });
  });

  it("has one empty group for an empty board", () => {
    expect(outlineGroups([])).toEqual([{ frameId: null, name: "Los op het bord", items: [] }]);
  });
});

describe("sameOriginSources", () => {
  it("keeps our own font sources and drops a CDN fallback", () => {
    const source = `url(http://localhost:3000/editor/fonts/Virgil/Virgil.woff2) format('woff2'), url(https://esm.sh/@excalidraw/excalidraw@0.18.1/dist/prod/fonts/Virgil/Virgil.woff2) format('woff2')`;
    expect(sameOriginSources(source, "http://localhost:3000")).toBe(
      "url(http://localhost:3000/editor/fonts/Virgil/Virgil.woff2) format('woff2')",
    );
    expect(sameOriginSources("url(data:font/woff2;base64,AAAA)", "http://localhost:3000")).toBe("url(data:font/woff2;base64,AAAA)");
    expect(sameOriginSources("local(Arial)", "http://x")).toBe("local(Arial)");
  });
});
