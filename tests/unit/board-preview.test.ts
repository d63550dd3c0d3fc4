import { describe, expect, it } from "vitest";
import { newStickyNote, newText } from "~/features/boards/board-elements";
import type { BoardElement } from "~/features/boards/board-protocol";
import { boardPreviewSvg } from "~/features/boards/board-preview.server";
import { domainColours } from "~/utils/domain-colours";

const author = { id: "u1", name: "Anna <b>", domain: "wijk" as const };

describe("boardPreviewSvg", () => {
  it("draws notes and text, with hostile text escaped and odd colours refused", () => {
    const note = newStickyNote({ x: 0, y: 0, text: "a & b", author });
    const text = {
      ...newText({ x: 300, y: 0, text: `</text><script>alert(1)</script>`, author }),
      strokeColor: "red;}</style><script>",
    } as BoardElement;
    const svg = boardPreviewSvg([...note, text])!;
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(svg).toContain("a &amp; b");
    expect(svg).toContain("Anna &lt;b&gt;");
    expect(svg).toContain(`fill="${domainColours.wijk.tint}"`);
    expect(svg).toContain('fill="#1e1e1e"'); // the refused stroke colour fell back
  });

  it("leaves out deleted elements and draws nothing for an empty board", () => {
    const [gone] = newStickyNote({ x: 0, y: 0, text: "weg", author });
    expect(boardPreviewSvg([{ ...gone, isDeleted: true }])).toBeNull();
    expect(boardPreviewSvg([])).toBeNull();
  });

  it("draws frames with their names, lines from their points", () => {
    const frame = {
      id: "f",
      type: "frame",
      name: "Kansen",
      x: 0,
      y: 0,
      width: 400,
      height: 300,
      version: 1,
      versionNonce: 1,
      isDeleted: false,
    } as BoardElement;
    const line = {
      id: "l",
      type: "line",
      x: 10,
      y: 10,
      points: [
        [0, 0],
        [50, 20],
      ],
      version: 1,
      versionNonce: 1,
      isDeleted: false,
    } as unknown as BoardElement;
    const svg = boardPreviewSvg([frame, line])!;
    expect(svg).toContain(">Kansen</text>");
    expect(svg).toContain('points="10,10 60,30"');
  });
});
