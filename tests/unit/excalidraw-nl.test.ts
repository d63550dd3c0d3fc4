import { describe, expect, it } from "vitest";
import { dutchCorrections, fillLocale, missingDutch, type LocaleTree } from "~/features/boards/excalidraw-nl";

const dist = "../../node_modules/@excalidraw/excalidraw/dist/prod";
type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}
const lookup = (tree: Tree, key: string) =>
  key.split(".").reduce<Tree | string | undefined>((n, k) => (typeof n === "object" ? n[k] : undefined), tree);

describe("Excalidraw in Dutch", () => {
  it("the object the canvas fills is Excalidraw's English fallback (the bundle layout of the pinned version)", async () => {
    const fallback = (await import(/* @vite-ignore */ `${dist}/chunk-6U3AYISY.js`)).J as Tree;
    const english = (await import(/* @vite-ignore */ `${dist}/locales/en-B4ZKOASM.js`)).default as Tree;
    expect(leaves(fallback)).toEqual(leaves(english));
  });

  it("with the app's strings, every English string of the editor has a Dutch one", async () => {
    const english = (await import(/* @vite-ignore */ `${dist}/locales/en-B4ZKOASM.js`)).default as Tree;
    const dutch = structuredClone((await import(/* @vite-ignore */ `${dist}/locales/nl-NL-IS3SIHDZ.js`)).default) as Tree;
    const fallback = structuredClone(english) as LocaleTree;
    fillLocale(fallback);
    fillLocale(dutch as LocaleTree, dutchCorrections);
    // What Excalidraw's t() shows: its Dutch text, or else the (now filled) fallback.
    const shown = leaves(english).map(([key, en]) => [key, en, (lookup(dutch, key) as string) || (lookup(fallback, key) as string)]);
    const stillEnglish = shown.filter(
      ([, en, nl]) =>
        nl === en && !/^(PNG|SVG|Excalidraw\+|Zigzag|IFrame|Discord|Code|Medium|Architect|Cartoonist|Link|Menu|Website|Violet)$/.test(en),
    );
    expect(stillEnglish).toEqual([]);
    // Only keys Excalidraw knows, and none it already translates (a typo would silently do nothing).
    const known = new Set(leaves(english).map(([k]) => k));
    const original = (await import(/* @vite-ignore */ `${dist}/locales/nl-NL-IS3SIHDZ.js`)).default as Tree;
    for (const key of Object.keys(missingDutch)) {
      expect(known.has(key), key).toBe(true);
      expect(lookup(original, key) || "", key).toBe("");
    }
    for (const key of Object.keys(dutchCorrections)) expect(lookup(original, key), key).toBe(lookup(english, key));
    // Placeholders survive the translation.
    for (const [key, nl] of Object.entries(missingDutch))
      expect(nl.match(/\{\{\w+\}\}/g)?.sort() ?? [], key).toEqual((lookup(english, key) as string).match(/\{\{\w+\}\}/g)?.sort() ?? []);
  });
});
