import { describe, expect, it } from "vitest";
import { BoardPortal, type PortalListener } from "~/features/boards/board-client";
import { newStickyNote } from "~/features/boards/board-elements";
import {
  BoardLimits,
  boardElement,
  LEGACY_VERSION,
  normaliseStoredElement,
  updateRefusal,
  winsOver,
  type BoardContent,
  type BoardElement,
} from "~/features/boards/board-protocol";
import { bumpElement } from "~/features/boards/board-sync";
import { templateElements } from "~/features/boards/board-templates.server";

/** The element rules of ADR 023 without a server: schema, repair of stored content, budgets. */

const el = (id: string, extra: Record<string, unknown> = {}) =>
  ({ id, type: "rectangle", x: 0, y: 0, width: 10, height: 10, version: 1, versionNonce: 5, isDeleted: false, ...extra }) as BoardElement;

function content(elements: BoardElement[], bytesEach = 100, total?: number): BoardContent {
  const map = new Map(elements.map((e) => [e.id, e]));
  return { elements: map, bytes: total ?? elements.length * bytesEach, sizeOf: (id) => (map.has(id) ? bytesEach : 0) };
}

describe("what the product makes passes the rules", () => {
  it("sticky notes, texts and every template", () => {
    const author = { id: "u1", name: "Anna de Vries", domain: "wijk" as const };
    for (const element of newStickyNote({ x: 1, y: 2, text: "Idee", author })) expect(boardElement.safeParse(element).success).toBe(true);
    for (const template of ["blank", "organogram", "lokale-agenda", "intervisie", "kennisuitwisseling"] as const) {
      for (const element of templateElements(template))
        expect(boardElement.safeParse(element).error?.issues ?? [], `${template} ${element.type}`).toEqual([]);
    }
  });
});

describe("normaliseStoredElement", () => {
  it("leaves valid elements alone and repairs the same way every time", () => {
    const valid = el("a");
    expect(normaliseStoredElement(valid)).toEqual({ element: valid, repaired: false });
    const hostile = el("b", { version: Number.MAX_SAFE_INTEGER, customData: { kind: "sticky", prompt: "x", authorName: 5 } });
    const once = normaliseStoredElement(hostile)!;
    expect(once.repaired).toBe(true);
    expect(once.element).toMatchObject({ version: LEGACY_VERSION, customData: { kind: "sticky" } });
    expect(normaliseStoredElement(hostile)).toEqual(once);
    expect(normaliseStoredElement(once.element)!.repaired).toBe(false);
    // The honest next version is accepted by the schema and wins.
    const next = bumpElement(once.element, { isDeleted: true });
    expect(boardElement.safeParse(next).success).toBe(true);
    expect(winsOver(next, once.element)).toBe(true);
  });

  it("turns what cannot be repaired into a plain tombstone with the same id and version; drops what has no id", () => {
    expect(normaliseStoredElement(el("c", { type: "iframe", version: 7 }))!.element).toEqual({
      id: "c",
      type: "rectangle",
      version: 7,
      versionNonce: 5,
      isDeleted: true,
    });
    expect(normaliseStoredElement(el("d", { x: 1e300 }))!.element).toMatchObject({ id: "d", isDeleted: true });
    expect(normaliseStoredElement({ id: "../x", type: "rectangle" })).toBeNull();
    expect(normaliseStoredElement("nonsense")).toBeNull();
  });
});

describe("updateRefusal", () => {
  it("refuses a version jump beyond MAX_VERSION_STEP above the stored version", () => {
    const stored = el("a", { version: 10 });
    expect(updateRefusal([el("a", { version: 10 + BoardLimits.MAX_VERSION_STEP })], [100], content([stored]))).toBeNull();
    expect(updateRefusal([el("a", { version: 11 + BoardLimits.MAX_VERSION_STEP })], [100], content([stored]))?.code).toBe(
      "invalid_payload",
    );
    expect(updateRefusal([el("new", { version: BoardLimits.MAX_VERSION_STEP + 1 })], [100], content([]))?.code).toBe("invalid_payload");
  });

  it("on a full board refuses growth, but not deletions or edits that do not grow it", () => {
    const stored = el("a");
    const full = content([stored], 100, BoardLimits.MAX_BOARD_BYTES);
    expect(updateRefusal([el("new")], [100], full)?.message).toMatch(/^Dit bord is vol/);
    expect(updateRefusal([el("a", { version: 2 })], [101], full)?.code).toBe("too_large");
    expect(updateRefusal([el("a", { version: 2 })], [100], full)).toBeNull();
    expect(updateRefusal([el("a", { version: 2, isDeleted: true })], [5000], full)).toBeNull();
    // The same id twice in one update counts once.
    const almost = content([stored], 100, BoardLimits.MAX_BOARD_BYTES - 150);
    expect(updateRefusal([el("n", { version: 1 }), el("n", { version: 2 })], [100, 100], almost)).toBeNull();
  });
});

describe("the browser client", () => {
  it("never sends an element of a type the product does not offer, and says so once", () => {
    const problems: string[] = [];
    const listener = { problem: (m: string) => problems.push(m), changedLocally: () => {}, unsaved: () => {} } as unknown as PortalListener;
    const portal = new BoardPortal("b1", listener);
    const image = el("img", { type: "image" });
    portal.change([el("r"), image]);
    portal.change([el("r", { version: 2 }), image]);
    expect(portal.elements().map((e) => e.id)).toEqual(["r"]);
    expect(problems).toEqual(["Dit soort onderdeel (image) kan niet op een bord."]);
  });
});
