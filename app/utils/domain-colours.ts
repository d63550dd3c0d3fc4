import type { Domain } from "~/data/enums";

/**
 * The one set of domain colours, used by member cards, sticky notes, the board
 * outline's bars and anything else that colours by domain. Chosen to stay apart
 * for people with protanopia and deuteranopia (tests/unit/domain-colours.test.ts
 * checks the CIEDE2000 distance after simulation); colour is never the only cue,
 * the domain is always written beside it.
 * - `strong`: bars, borders and text on white (contrast >= 4.5:1).
 * - `tint`: the background of a sticky note, with dark text on it (contrast >= 7:1).
 * app/styles/app.css repeats them as --color-<domain> and --color-<domain>-tint.
 */
export const domainColours: Record<Domain, { strong: string; tint: string }> = {
  wijk: { strong: "#6a1b4d", tint: "#e8b0f5" },
  fysiek: { strong: "#0a58ca", tint: "#d4ecf8" },
  sociaal: { strong: "#8f5200", tint: "#f2d0a0" },
};

/** Background of a note whose author has no domain (an organiser). */
export const neutralTint = "#eeeeee";
/** Text colour on notes. */
export const noteInk = "#1e1e1e";
