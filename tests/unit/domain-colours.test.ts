import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { domains } from "~/data/enums";
import { domainColours, neutralTint, noteInk } from "~/utils/domain-colours";
import { domainColours as stickyColours } from "~/features/boards/board-protocol";
import { newStickyNote } from "~/features/boards/board-elements";
import { contrastRatio, deltaE2000, minimumDifference, simulate } from "./colour-vision";

const strong = domains.map((d) => domainColours[d].strong);
const tints = domains.map((d) => domainColours[d].tint);
const visions = ["normal", "protanopia", "deuteranopia"] as const;

describe("domain colours", () => {
  it("the simulation is the standard one: protanopia and deuteranopia confuse red and green", () => {
    for (const d of ["protanopia", "deuteranopia"] as const) {
      const redGreen = deltaE2000(simulate("#d62728", d), simulate("#2ca02c", d));
      const blueOrange = deltaE2000(simulate("#1f77b4", d), simulate("#ff7f0e", d));
      expect(redGreen).toBeLessThan(blueOrange / 2);
    }
    // The old pair of issue 15: wijk-yellow and sociaal-green were hard to tell apart.
    expect(deltaE2000(simulate("#ffe08a", "deuteranopia"), simulate("#b2f2bb", "deuteranopia"))).toBeLessThan(12);
  });

  it.each(visions)("bars and borders stay clearly apart with %s (CIEDE2000 >= 20)", (vision) => {
    expect(minimumDifference(strong, vision)).toBeGreaterThanOrEqual(20);
  });

  it.each(visions)("note backgrounds stay apart with %s (CIEDE2000 >= 10)", (vision) => {
    expect(minimumDifference(tints, vision)).toBeGreaterThanOrEqual(10);
  });

  it("bars are readable on white (>= 4.5:1) and note text on every note background (>= 7:1)", () => {
    for (const c of strong) expect(contrastRatio(c, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    for (const c of [...tints, neutralTint]) expect(contrastRatio(c, noteInk)).toBeGreaterThanOrEqual(7);
  });

  it("is the one set: the stylesheet, the notes and the outline use the same values", () => {
    const css = readFileSync(path.resolve("app/styles/app.css"), "utf8");
    const boardCss = readFileSync(path.resolve("app/styles/board.css"), "utf8");
    for (const d of domains) {
      expect(css).toMatch(new RegExp(`--color-${d}:\\s*${domainColours[d].strong};`, "i"));
      expect(css).toMatch(new RegExp(`--color-${d}-tint:\\s*${domainColours[d].tint};`, "i"));
      expect(stickyColours[d]).toBe(domainColours[d].tint);
      expect(boardCss).toMatch(new RegExp(`\\.board-outline__item--${d}\\s*\\{\\s*border-left-color:\\s*var\\(--color-${d}\\)`));
      const [note] = newStickyNote({ x: 0, y: 0, text: "x", author: { id: "u", name: "U", domain: d } });
      expect(note).toMatchObject({ backgroundColor: domainColours[d].tint, strokeColor: domainColours[d].strong });
    }
    // No other hex colour is declared for a domain anywhere in the stylesheets.
    expect(css.match(/--color-(wijk|fysiek|sociaal)(-tint)?:/g)).toHaveLength(6);
    expect(boardCss).not.toMatch(/item--(wijk|fysiek|sociaal)\s*\{[^}]*#/);
  });
});
