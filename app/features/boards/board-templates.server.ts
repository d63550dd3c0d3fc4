import { baseElement } from "./board-elements";
import type { BoardElement } from "./board-protocol";
import type { BoardTemplate } from "~/data/board-schema.server";

/**
 * The starting content of a board, as Excalidraw element JSON: frames with a
 * title and text labels. Every element carries the fields Excalidraw needs to
 * render it without repair. Ids are fresh per board.
 */

export const templateLabels: Record<BoardTemplate, string> = {
  blank: "Leeg bord",
  organogram: "Organogram",
  "lokale-agenda": "Lokale agenda",
  intervisie: "Intervisie",
  kennisuitwisseling: "Kennisuitwisseling",
};

/** Template elements: drawn a little bolder than notes, and marked as labels (not authored notes). */
function base(type: string, x: number, y: number, width: number, height: number, extra: Record<string, unknown> = {}) {
  return baseElement(type, x, y, width, height, { strokeWidth: 2, customData: { kind: "label" as const }, ...extra });
}

function frame(name: string, x: number, y: number, width: number, height: number) {
  return base("frame", x, y, width, height, { name, strokeWidth: 1, roughness: 0 });
}

const FONT_SIZE = 20;
const LINE_HEIGHT = 1.25;

function text(
  value: string,
  x: number,
  y: number,
  options: { frameId?: string | null; fontSize?: number; containerId?: string | null; width?: number } = {},
) {
  const fontSize = options.fontSize ?? FONT_SIZE;
  const lines = value.split("\n");
  const width = options.width ?? Math.max(...lines.map((l) => l.length)) * fontSize * 0.55;
  return base("text", x, y, width, lines.length * fontSize * LINE_HEIGHT, {
    frameId: options.frameId ?? null,
    text: value,
    originalText: value,
    fontSize,
    fontFamily: 5,
    textAlign: options.containerId ? "center" : "left",
    verticalAlign: options.containerId ? "middle" : "top",
    containerId: options.containerId ?? null,
    lineHeight: LINE_HEIGHT,
    autoResize: !options.containerId,
  });
}

/** A frame with a title label inside, laid out as columns for sticky notes. */
function columns(titles: string[], heading: string, options: { width?: number; height?: number } = {}) {
  const width = options.width ?? 320;
  const height = options.height ?? 600;
  const gap = 40;
  const elements: Array<ReturnType<typeof base>> = [text(heading, 0, -80, { fontSize: 32 })];
  titles.forEach((title, index) => {
    const f = frame(title, index * (width + gap), 0, width, height);
    elements.push(f, text(title, f.x + 16, 16, { frameId: f.id, fontSize: 24 }));
  });
  return elements;
}

/** A box with centred text (for the organogram). */
function box(label: string, x: number, y: number) {
  const rect = base("rectangle", x, y, 220, 80, { roundness: { type: 3 }, backgroundColor: "#ffffff" });
  const label_ = text(label, x + 10, y + 27, { containerId: rect.id, width: 200 });
  rect.boundElements = [{ id: label_.id, type: "text" }];
  return [rect, label_];
}

function arrow(from: { x: number; y: number }, to: { x: number; y: number }) {
  return base("arrow", from.x, from.y, Math.abs(to.x - from.x), Math.abs(to.y - from.y), {
    points: [
      [0, 0],
      [to.x - from.x, to.y - from.y],
    ],
    lastCommittedPoint: null,
    startBinding: null,
    endBinding: null,
    startArrowhead: null,
    endArrowhead: "arrow",
    roundness: { type: 2 },
    elbowed: false,
  });
}

function organogram() {
  const elements: Array<ReturnType<typeof base>> = [text("Organogram: wie doet wat in de wijk?", 0, -80, { fontSize: 32 })];
  elements.push(...box("Gemeente (bestuur)", 360, 0));
  const row = ["Wijkteam", "Fysiek domein", "Sociaal domein"];
  row.forEach((label, index) => {
    const x = index * 360;
    elements.push(...box(label, x, 200), arrow({ x: 470, y: 80 }, { x: x + 110, y: 200 }));
  });
  elements.push(text("Voeg partners toe: corporaties, zorg, politie, bewoners…", 0, 340));
  return elements;
}

export function templateElements(template: BoardTemplate): BoardElement[] {
  let elements: Array<ReturnType<typeof base>>;
  switch (template) {
    case "blank":
      elements = [];
      break;
    case "organogram":
      elements = organogram();
      break;
    case "lokale-agenda":
      elements = columns(["Wat speelt er in de wijk?", "Wat willen we bereiken?", "Wie doet wat?", "Eerste stappen"], "Lokale agenda");
      break;
    case "intervisie":
      elements = columns(
        ["1. Casus inbrengen", "2. Verhelderende vragen", "3. Analyse", "4. Adviezen", "5. Wat neem ik mee?"],
        "Intervisie",
        { width: 280 },
      );
      break;
    case "kennisuitwisseling":
      elements = columns(["Wijk", "Fysiek", "Sociaal", "Wat leren we van elkaar?"], "Kennisuitwisseling");
      break;
  }
  return elements as unknown as BoardElement[];
}
