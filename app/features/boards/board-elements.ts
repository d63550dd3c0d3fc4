/**
 * Building and reading board elements without Excalidraw loaded: the outline
 * (a list beside the canvas) and the "Plaknotitie" button make complete Excalidraw
 * element JSON here, so they work before and without the canvas, and in unit tests.
 */
import { domainColours, neutralStickyColour, type BoardElement } from "./board-protocol";
import { bumpElement, randomNonce } from "./board-sync";
import type { Domain } from "~/data/enums";
import { domainColours as domainPalette } from "~/utils/domain-colours";
import { domainLabels } from "~/utils/labels";

export type Author = { id: string; name: string; domain: Domain | null };

/** Excalidraw's FONT_FAMILY.Excalifont (the hand-drawn default of 0.18). */
const FONT_FAMILY = 5;
const FONT_SIZE = 20;
const LINE_HEIGHT = 1.25;
/** Rough average glyph width of Excalifont as a share of the font size, for wrapping without a canvas. */
const AVERAGE_GLYPH_WIDTH = 0.55;
export const STICKY_SIZE = 200;
const STICKY_PADDING = 10;

function randomId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"[b & 63]).join("");
}

/** A complete Excalidraw element of `type` with neutral styling; `extra` overrides any field. Shared with the server's board templates. */
export function baseElement(type: string, x: number, y: number, width: number, height: number, extra: Record<string, unknown> = {}) {
  return { ...base(type, x, y, width, height), ...extra };
}

function base(type: string, x: number, y: number, width: number, height: number) {
  return {
    id: randomId(),
    type,
    x,
    y,
    width,
    height,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "transparent",
    fillStyle: "solid",
    strokeWidth: 1,
    strokeStyle: "solid",
    roughness: 0,
    opacity: 100,
    groupIds: [] as string[],
    frameId: null as string | null,
    index: null,
    roundness: null as null | { type: number },
    seed: randomNonce(),
    version: 1,
    versionNonce: randomNonce(),
    isDeleted: false,
    boundElements: null as null | Array<{ id: string; type: "text" | "arrow" }>,
    updated: Date.now(),
    link: null,
    locked: false,
  };
}

/** Wraps text to a width in pixels, breaking at spaces (long words are cut). */
export function wrapText(text: string, width: number, fontSize = FONT_SIZE): string {
  const perLine = Math.max(4, Math.floor(width / (fontSize * AVERAGE_GLYPH_WIDTH)));
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      let rest = word;
      while (rest.length > perLine) {
        if (line) lines.push(line);
        line = "";
        lines.push(rest.slice(0, perLine));
        rest = rest.slice(perLine);
      }
      if (!line) line = rest;
      else if (line.length + 1 + rest.length <= perLine) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines.join("\n");
}

function textMetrics(wrapped: string, fontSize = FONT_SIZE) {
  const lines = wrapped.split("\n");
  return {
    width: Math.max(...lines.map((l) => l.length)) * fontSize * AVERAGE_GLYPH_WIDTH,
    height: lines.length * fontSize * LINE_HEIGHT,
  };
}

/**
 * Fractional z-order keys (Excalidraw's `index`) above every existing element, so
 * new elements land on top and no client has to re-index (and re-version) them.
 * Appending a base-62 digit to the highest key gives a key just above it.
 */
export function placeOnTop(fresh: BoardElement[], existing: readonly BoardElement[]): BoardElement[] {
  let top = "";
  for (const e of existing) if (typeof e.index === "string" && e.index > top) top = e.index;
  return fresh.map((e, i) => ({ ...e, index: top ? `${top}${"V".repeat(i + 1)}` : `a${i === 0 ? "0" : `0${"V".repeat(i)}`}` }));
}

/**
 * A sticky note: a rectangle in the author's domain colour with its text bound
 * inside, and the author's name and domain in small print at the bottom (kind
 * "label"; the domain in words, so colour is not its only cue), all in one group
 * so they move together.
 */
export function newStickyNote(input: { x: number; y: number; text: string; author: Author; frameId?: string | null }): BoardElement[] {
  const size = STICKY_SIZE;
  const note = base("rectangle", input.x, input.y, size, size);
  const wrapped = wrapText(input.text, size - 2 * STICKY_PADDING);
  const metrics = textMetrics(wrapped);
  const label = base("text", input.x + (size - metrics.width) / 2, input.y + (size - metrics.height) / 2, metrics.width, metrics.height);
  const byText = wrapText(bylineText(input.author), size - 2 * STICKY_PADDING, 12);
  const authorMetrics = textMetrics(byText, 12);
  const byline = base(
    "text",
    input.x + STICKY_PADDING,
    input.y + size - STICKY_PADDING - authorMetrics.height,
    authorMetrics.width,
    authorMetrics.height,
  );
  const frameId = input.frameId ?? null;
  const groupIds = [randomId()];
  const author = { authorId: input.author.id, authorName: input.author.name, authorDomain: input.author.domain };
  const textDefaults = {
    fontFamily: FONT_FAMILY,
    autoResize: true,
    lineHeight: LINE_HEIGHT,
    verticalAlign: "top",
    textAlign: "left",
    containerId: null,
  };
  return [
    {
      ...note,
      frameId,
      groupIds,
      backgroundColor: input.author.domain ? domainColours[input.author.domain] : neutralStickyColour,
      strokeColor: input.author.domain ? domainPalette[input.author.domain].strong : "#1e1e1e",
      roundness: { type: 3 },
      boundElements: [{ id: label.id, type: "text" }],
      customData: { kind: "sticky", ...author },
    },
    {
      ...label,
      ...textDefaults,
      frameId,
      groupIds,
      fontSize: FONT_SIZE,
      text: wrapped,
      originalText: input.text,
      textAlign: "center",
      verticalAlign: "middle",
      containerId: note.id,
      customData: author,
    },
    {
      ...byline,
      ...textDefaults,
      frameId,
      groupIds,
      fontSize: 12,
      strokeColor: "#343a40",
      text: byText,
      originalText: byText,
      locked: false,
      customData: { kind: "label", ...author },
    },
  ] as BoardElement[];
}

/** The small print on a note: who wrote it and, in words, their domain. */
export function bylineText(author: Author): string {
  return author.domain ? `${author.name} · ${domainLabels[author.domain]}` : author.name;
}

/** A free text on the board. */
export function newText(input: { x: number; y: number; text: string; author: Author; frameId?: string | null }): BoardElement {
  const metrics = textMetrics(input.text);
  return {
    ...base("text", input.x, input.y, metrics.width, metrics.height),
    frameId: input.frameId ?? null,
    fontSize: FONT_SIZE,
    fontFamily: FONT_FAMILY,
    text: input.text,
    originalText: input.text,
    textAlign: "left",
    verticalAlign: "top",
    containerId: null,
    autoResize: true,
    lineHeight: LINE_HEIGHT,
    customData: { authorId: input.author.id, authorName: input.author.name, authorDomain: input.author.domain },
  } as BoardElement;
}

/** The new version of a text element with other text (wrapped to its container when it has one). */
export function withText(textElement: BoardElement, text: string, container?: BoardElement): BoardElement {
  const containerWidth = typeof container?.width === "number" ? container.width : null;
  const wrapped = containerWidth ? wrapText(text, containerWidth - 2 * STICKY_PADDING, Number(textElement.fontSize) || FONT_SIZE) : text;
  const metrics = textMetrics(wrapped, Number(textElement.fontSize) || FONT_SIZE);
  const position =
    container && typeof container.x === "number" && typeof container.y === "number" && containerWidth
      ? { x: container.x + (containerWidth - metrics.width) / 2, y: container.y + (Number(container.height) - metrics.height) / 2 }
      : {};
  return bumpElement(textElement, { text: wrapped, originalText: text, ...metrics, ...position } as Partial<BoardElement>);
}

/** Tombstones for an element, everything bound inside it and, for a note, its author line. */
export function deletionOf(element: BoardElement, all: readonly BoardElement[]): BoardElement[] {
  const group = Array.isArray(element.groupIds) ? (element.groupIds as string[])[0] : undefined;
  const bound = all.filter(
    (e) =>
      !e.isDeleted &&
      e.id !== element.id &&
      (e.containerId === element.id ||
        (group !== undefined && e.customData?.kind === "label" && Array.isArray(e.groupIds) && (e.groupIds as string[]).includes(group))),
  );
  return [element, ...bound].map((e) => bumpElement(e, { isDeleted: true } as Partial<BoardElement>));
}

export type OutlineItem = {
  /** The element to vote on and delete: the note (rectangle) or the free text. */
  id: string;
  /** The text element to edit (the note's bound text, or the free text itself); null for a note without text. */
  textId: string | null;
  kind: "sticky" | "text";
  text: string;
  authorName: string | null;
  authorDomain: Domain | null;
};
export type OutlineGroup = { frameId: string | null; name: string; items: OutlineItem[] };

const byPosition = (a: BoardElement, b: BoardElement) => Number(a.y) - Number(b.y) || Number(a.x) - Number(b.x) || (a.id < b.id ? -1 : 1);

/**
 * The outline of a board: sticky notes and texts grouped by frame (frames in
 * reading order, top to bottom, left to right; loose items first), each group in
 * reading order too. Text inside other shapes (a template's labelled box) counts
 * as text.
 */
export function outlineGroups(elements: readonly BoardElement[]): OutlineGroup[] {
  const live = elements.filter((e) => !e.isDeleted);
  const byId = new Map(live.map((e) => [e.id, e]));
  const textOf = new Map<string, BoardElement>();
  for (const e of live) if (e.type === "text" && typeof e.containerId === "string") textOf.set(e.containerId, e);

  const frames = live.filter((e) => e.type === "frame").sort(byPosition);
  const groups = new Map<string | null, OutlineGroup>([[null, { frameId: null, name: "Los op het bord", items: [] }]]);
  frames.forEach((frame, i) => {
    const name = typeof frame.name === "string" && frame.name.trim() ? frame.name.trim() : `Kader ${i + 1}`;
    groups.set(frame.id, { frameId: frame.id, name, items: [] });
  });

  const entries: Array<{ at: BoardElement; item: OutlineItem; frameId: string | null }> = [];
  for (const e of live) {
    const custom = e.customData ?? {};
    if (e.customData?.kind === "sticky") {
      const text = textOf.get(e.id);
      entries.push({
        at: e,
        frameId: e.frameId ?? null,
        item: {
          id: e.id,
          textId: text?.id ?? null,
          kind: "sticky",
          text: textContent(text),
          authorName: custom.authorName ?? null,
          authorDomain: custom.authorDomain ?? null,
        },
      });
    } else if (e.type === "text" && e.customData?.kind !== "label") {
      const container = typeof e.containerId === "string" ? byId.get(e.containerId) : undefined;
      if (container?.customData?.kind === "sticky") continue;
      if (!textContent(e).trim()) continue;
      entries.push({
        at: container ?? e,
        frameId: (container ?? e).frameId ?? null,
        item: {
          id: e.id,
          textId: e.id,
          kind: "text",
          text: textContent(e),
          authorName: custom.authorName ?? null,
          authorDomain: custom.authorDomain ?? null,
        },
      });
    }
  }
  entries.sort((a, b) => byPosition(a.at, b.at));
  for (const entry of entries) (groups.get(entry.frameId) ?? groups.get(null)!).items.push(entry.item);
  return [...groups.values()].filter((g) => g.frameId !== null || g.items.length > 0 || groups.size === 1);
}

/** The text as its author wrote it (Excalidraw wraps `text`; `originalText` is unwrapped). */
export function textContent(element: BoardElement | undefined): string {
  if (!element) return "";
  return String(element.originalText ?? element.text ?? "");
}

/**
 * How many things a person changed, as they see them: a note, its text and its
 * author line are one thing (one group), and so is a shape with its label. Counts
 * the offline banner's "n wijzigingen", which would otherwise count three per note.
 */
export function changedObjectCount(elements: readonly BoardElement[]): number {
  const things = new Set<string>();
  for (const e of elements) {
    const group = Array.isArray(e.groupIds) && typeof e.groupIds[0] === "string" ? (e.groupIds[0] as string) : null;
    things.add(group ?? (typeof e.containerId === "string" ? e.containerId : e.id));
  }
  return things.size;
}

const SHAPES = new Set(["rectangle", "ellipse", "diamond", "arrow", "line", "freedraw"]);
const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What is on a board, in words for the gallery: "6 notities, 2 kaders". Counts
 * what people see: notes (with their text and author line as one), frames, free
 * texts and drawn shapes; a template's own labels are part of its frames.
 */
export function contentSummary(elements: Iterable<BoardElement>): string {
  let notes = 0;
  let frames = 0;
  let texts = 0;
  let shapes = 0;
  for (const e of elements) {
    if (e.isDeleted) continue;
    const kind = e.customData?.kind;
    if (kind === "sticky") notes++;
    else if (e.type === "frame") frames++;
    else if (kind === "label" && e.type === "text") continue;
    else if (e.type === "text" && typeof e.containerId !== "string" && textContent(e).trim()) texts++;
    else if (SHAPES.has(String(e.type))) shapes++;
  }
  const parts = [
    notes ? counted(notes, "notitie", "notities") : "",
    frames ? counted(frames, "kader", "kaders") : "",
    texts ? counted(texts, "tekst", "teksten") : "",
    shapes ? counted(shapes, "vorm", "vormen") : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "leeg";
}
