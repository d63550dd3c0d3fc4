/**
 * A small SVG picture of a board for the organisers' gallery: rectangles,
 * ellipses, diamonds, frames, lines, arrows, freehand strokes and text, without
 * Excalidraw's hand-drawn style. Rendered on the server so the gallery of twenty
 * trio boards loads no editor code (ADR 017). All text is escaped; the result is
 * shown as an <img> (data URL), where even a mistake could not run script.
 */
import type { BoardElement } from "./board-protocol";

const MAX_PREVIEW_ELEMENTS = 5_000;
const PADDING = 20;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

const num = (value: unknown, fallback = 0) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

/** Only plain colours (#abc, #aabbcc, names, "transparent") reach the SVG. */
function colour(value: unknown, fallback: string): string {
  return typeof value === "string" && /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/.test(value) ? value : fallback;
}

function points(element: BoardElement): Array<[number, number]> {
  const raw = Array.isArray(element.points) ? (element.points as unknown[]) : [];
  return raw
    .filter((p): p is [number, number] => Array.isArray(p) && typeof p[0] === "number" && typeof p[1] === "number")
    .map(([px, py]) => [num(element.x) + px, num(element.y) + py]);
}

function shape(element: BoardElement): string {
  const x = num(element.x);
  const y = num(element.y);
  const w = Math.max(0, num(element.width));
  const h = Math.max(0, num(element.height));
  const stroke = colour(element.strokeColor, "#1e1e1e");
  const fill = colour(element.backgroundColor, "transparent");
  const style = `stroke="${stroke}" fill="${fill === "transparent" ? "none" : fill}" stroke-width="${num(element.strokeWidth, 1)}"`;
  const rotate = num(element.angle) ? ` transform="rotate(${(num(element.angle) * 180) / Math.PI} ${x + w / 2} ${y + h / 2})"` : "";
  switch (element.type) {
    case "rectangle":
      return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${element.roundness ? 8 : 0}" ${style}${rotate}/>`;
    case "ellipse":
      return `<ellipse cx="${x + w / 2}" cy="${y + h / 2}" rx="${w / 2}" ry="${h / 2}" ${style}${rotate}/>`;
    case "diamond":
      return `<polygon points="${x + w / 2},${y} ${x + w},${y + h / 2} ${x + w / 2},${y + h} ${x},${y + h / 2}" ${style}${rotate}/>`;
    case "frame": {
      const name = typeof element.name === "string" ? element.name : "";
      return (
        `<rect x="${x}" y="${y}" width="${w}" height="${h}" stroke="#868e96" fill="none" stroke-dasharray="6 4"/>` +
        (name ? `<text x="${x}" y="${y - 6}" font-size="14" fill="#495057">${escapeXml(name)}</text>` : "")
      );
    }
    case "line":
    case "arrow":
    case "freedraw": {
      const list = points(element);
      if (list.length < 2) return "";
      return `<polyline points="${list.map(([px, py]) => `${px},${py}`).join(" ")}" stroke="${stroke}" fill="none" stroke-width="${num(element.strokeWidth, 1)}" stroke-linecap="round" stroke-linejoin="round"/>`;
    }
    case "text": {
      const size = num(element.fontSize, 20);
      const lines = String(element.text ?? "").split("\n");
      const align = element.textAlign === "center" ? "middle" : element.textAlign === "right" ? "end" : "start";
      const tx = align === "middle" ? x + w / 2 : align === "end" ? x + w : x;
      return (
        `<text x="${tx}" y="${y}" font-size="${size}" font-family="sans-serif" fill="${stroke}" text-anchor="${align}"${rotate}>` +
        lines.map((line, i) => `<tspan x="${tx}" dy="${i === 0 ? size : size * 1.25}">${escapeXml(line)}</tspan>`).join("") +
        `</text>`
      );
    }
    default:
      return "";
  }
}

/** The board as an SVG document, or null when there is nothing to draw. */
export function boardPreviewSvg(elements: Iterable<BoardElement>): string | null {
  const live: BoardElement[] = [];
  for (const e of elements) {
    if (e.isDeleted) continue;
    live.push(e);
    if (live.length >= MAX_PREVIEW_ELEMENTS) break;
  }
  if (!live.length) return null;
  live.sort((a, b) => (String(a.index ?? "") < String(b.index ?? "") ? -1 : 1));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const e of live) {
    const list = points(e);
    const xs = list.length ? list.map((p) => p[0]) : [num(e.x), num(e.x) + num(e.width)];
    const ys = list.length ? list.map((p) => p[1]) : [num(e.y), num(e.y) + num(e.height)];
    minX = Math.min(minX, ...xs);
    minY = Math.min(minY, ...ys, e.type === "frame" ? num(e.y) - 20 : Infinity);
    maxX = Math.max(maxX, ...xs);
    maxY = Math.max(maxY, ...ys);
  }
  const width = Math.max(1, maxX - minX + 2 * PADDING);
  const height = Math.max(1, maxY - minY + 2 * PADDING);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${minX - PADDING} ${minY - PADDING} ${width} ${height}" width="${Math.round(width)}" height="${Math.round(height)}">` +
    `<rect x="${minX - PADDING}" y="${minY - PADDING}" width="${width}" height="${height}" fill="#ffffff"/>` +
    live.map(shape).join("") +
    `</svg>`
  );
}
