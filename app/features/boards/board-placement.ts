/**
 * Where a new sticky note goes: in free space near the viewer's centre, never on
 * top of another note or shape; inside a frame (a template's column) when the
 * centre is in one. And the deterministic nudge that separates two notes that
 * land on one spot because they were made apart (one of them offline) and only
 * met when the boards synced. Pure: unit-tested in tests/unit/board-placement.test.ts.
 */
import type { BoardElement } from "./board-protocol";
import { bumpElement } from "./board-sync";

export type Box = { x: number; y: number; width: number; height: number };
type Point = { x: number; y: number };

/** Space kept free around a note, in scene pixels. */
export const PLACEMENT_GAP = 20;
/** Candidate positions lie on a grid this fine (scene pixels). */
const GRID_STEP = 40;
/** How far (in grid steps, each way) the search looks before giving up and stacking below everything. */
const SEARCH_RADIUS_STEPS = 60;

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);
const boxOf = (e: BoardElement): Box => ({
  x: num(e.x),
  y: num(e.y),
  width: Math.max(0, num(e.width)),
  height: Math.max(0, num(e.height)),
});

/** Shapes a note must not cover: everything solid except frames, lines and text bound inside a shape. */
const SOLID = new Set(["rectangle", "ellipse", "diamond", "text", "image"]);

export function obstaclesOf(elements: readonly BoardElement[], except: ReadonlySet<string> = new Set()): Box[] {
  return elements
    .filter(
      (e) => !e.isDeleted && !except.has(e.id) && SOLID.has(String(e.type)) && !(e.type === "text" && typeof e.containerId === "string"),
    )
    .map(boxOf);
}

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

let ringOffsets: Array<[number, number]> | null = null;
/** Grid offsets sorted by distance from the origin (ties in a fixed order), computed once. */
function offsetsByDistance(): Array<[number, number]> {
  if (ringOffsets) return ringOffsets;
  const list: Array<[number, number]> = [];
  for (let i = -SEARCH_RADIUS_STEPS; i <= SEARCH_RADIUS_STEPS; i++)
    for (let j = -SEARCH_RADIUS_STEPS; j <= SEARCH_RADIUS_STEPS; j++) list.push([i, j]);
  list.sort((a, b) => a[0] ** 2 + a[1] ** 2 - (b[0] ** 2 + b[1] ** 2) || a[1] - b[1] || a[0] - b[0]);
  return (ringOffsets = list);
}

const isFree = (box: Box, obstacles: readonly Box[]) => !obstacles.some((o) => overlaps(box, o, PLACEMENT_GAP));

/** The top-left corner of the free spot for a box of `size` nearest to `center`. */
export function findFreeSpot(center: Point, size: { width: number; height: number }, obstacles: readonly Box[]): Point {
  const origin = { x: Math.round(center.x - size.width / 2), y: Math.round(center.y - size.height / 2) };
  for (const [i, j] of offsetsByDistance()) {
    const box = { x: origin.x + i * GRID_STEP, y: origin.y + j * GRID_STEP, ...size };
    if (isFree(box, obstacles)) return { x: box.x, y: box.y };
  }
  // Everything near is taken: below all of it.
  const bottom = Math.max(origin.y, ...obstacles.map((o) => o.y + o.height));
  return { x: origin.x, y: bottom + 2 * PLACEMENT_GAP };
}

/** The first free spot inside a frame in reading order (rows of notes, top to bottom), or null when it is full. */
export function findSpotInFrame(frame: Box, size: { width: number; height: number }, obstacles: readonly Box[]): Point | null {
  for (let y = frame.y + PLACEMENT_GAP; y + size.height <= frame.y + frame.height - PLACEMENT_GAP / 2; y += GRID_STEP / 2)
    for (let x = frame.x + PLACEMENT_GAP; x + size.width <= frame.x + frame.width - PLACEMENT_GAP / 2; x += GRID_STEP / 2) {
      const box = { x, y, ...size };
      if (contains(frame, box) && isFree(box, obstacles)) return { x, y };
    }
  return null;
}

/**
 * Where a new note of `size` goes when the viewer's centre is `center`: inside the
 * (innermost) frame under the centre if it has room, else in free space near the
 * centre, clear of frames too (a note half in a column belongs to neither).
 */
export function placeNewNote(
  elements: readonly BoardElement[],
  center: Point,
  size: { width: number; height: number },
): Point & { frameId: string | null } {
  const obstacles = obstaclesOf(elements);
  const frames = elements.filter((e) => !e.isDeleted && e.type === "frame");
  const under = frames
    .filter((f) => contains(boxOf(f), { ...center, width: 0, height: 0 }))
    .sort((a, b) => num(a.width) * num(a.height) - num(b.width) * num(b.height))[0];
  if (under) {
    const spot = findSpotInFrame(boxOf(under), size, obstacles);
    if (spot) return { ...spot, frameId: under.id };
  }
  return { ...findFreeSpot(center, size, [...obstacles, ...frames.map(boxOf)]), frameId: null };
}

const isNote = (e: BoardElement) => !e.isDeleted && e.customData?.kind === "sticky";

/** The note and everything that moves with it (its text, its author line). */
function partsOf(note: BoardElement, elements: readonly BoardElement[]): BoardElement[] {
  const group = Array.isArray(note.groupIds) ? (note.groupIds as string[])[0] : undefined;
  return elements.filter(
    (e) =>
      !e.isDeleted &&
      (e.id === note.id ||
        e.containerId === note.id ||
        (group !== undefined && Array.isArray(e.groupIds) && (e.groupIds as string[]).includes(group))),
  );
}

/**
 * Separates notes that overlap because at least one of them is new to this
 * viewer (`arrived`: it came with a sync, typically made offline). Of each such
 * pair the note with the larger id moves, to the free spot nearest to where it
 * was (in its frame if it has one); only its author's client moves it (`mine`),
 * so every pair is resolved once, the same way on every client. Notes moved on
 * purpose onto each other (known notes) are left alone. Returns the changed
 * elements (new versions), or [] when nothing overlaps.
 */
export function nudgeOverlaps(
  elements: readonly BoardElement[],
  arrived: ReadonlySet<string>,
  mine: (note: BoardElement) => boolean,
): BoardElement[] {
  if (arrived.size === 0) return [];
  const notes = elements.filter(isNote).sort((a, b) => (a.id < b.id ? -1 : 1));
  const moved = new Map<string, BoardElement>();
  const current = () => elements.map((e) => moved.get(e.id) ?? e);
  for (let i = 0; i < notes.length; i++) {
    for (let j = i + 1; j < notes.length; j++) {
      const [a, b] = [notes[i], notes[j]];
      if (!arrived.has(a.id) && !arrived.has(b.id)) continue;
      const mover = moved.get(b.id) ?? b;
      if (!mine(mover) || moved.has(b.id) || !overlaps(boxOf(moved.get(a.id) ?? a), boxOf(mover))) continue;
      const scene = current();
      const parts = partsOf(mover, scene);
      const box = boxOf(mover);
      const others = obstaclesOf(scene, new Set(parts.map((p) => p.id)));
      const frame = typeof mover.frameId === "string" ? scene.find((e) => e.id === mover.frameId && !e.isDeleted) : undefined;
      const spot =
        (frame ? findSpotInFrame(boxOf(frame), box, others) : null) ??
        findFreeSpot({ x: box.x + box.width / 2, y: box.y + box.height / 2 }, box, others);
      const dx = spot.x - box.x;
      const dy = spot.y - box.y;
      for (const part of parts)
        moved.set(part.id, bumpElement(part, { x: num(part.x) + dx, y: num(part.y) + dy } as Partial<BoardElement>));
      notes[j] = moved.get(b.id)!;
    }
  }
  return [...moved.values()];
}
