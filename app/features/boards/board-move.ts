/**
 * Moving an outline item into another frame without a mouse (WCAG 2.1.1): the
 * note (or text) and everything bound to it shift to a free spot in the frame
 * and take the frame's id, as a drag on the canvas would.
 */
import type { BoardElement } from "./board-protocol";
import { bumpElement } from "./board-sync";

/** The element that carries the item's position: a note's rectangle, or a text's box if it sits in one. */
function rootOf(itemId: string, all: readonly BoardElement[]): BoardElement | undefined {
  const item = all.find((e) => e.id === itemId && !e.isDeleted);
  if (!item) return undefined;
  if (item.type === "text" && typeof item.containerId === "string")
    return all.find((e) => e.id === item.containerId && !e.isDeleted) ?? item;
  return item;
}

export function moveIntoFrame(
  itemId: string,
  frameId: string | null,
  at: { x: number; y: number },
  all: readonly BoardElement[],
): BoardElement[] {
  const root = rootOf(itemId, all);
  if (!root) return [];
  const group = Array.isArray(root.groupIds) ? (root.groupIds as string[])[0] : undefined;
  const members = [
    root,
    ...all.filter(
      (e) =>
        !e.isDeleted &&
        e.id !== root.id &&
        (e.containerId === root.id ||
          (group !== undefined && e.customData?.kind === "label" && Array.isArray(e.groupIds) && (e.groupIds as string[]).includes(group))),
    ),
  ];
  const dx = at.x - Number(root.x);
  const dy = at.y - Number(root.y);
  return members.map((e) => bumpElement(e, { x: Number(e.x) + dx, y: Number(e.y) + dy, frameId } as Partial<BoardElement>));
}
