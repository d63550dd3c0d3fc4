/**
 * Issue 11, point 6: markdown cannot break a page. The input limits (validateMarkdown)
 * refuse every shape that made marked throw or take seconds, ordinary rich markdown is
 * rendered exactly as before, and renderMarkdown never throws: a text outside the limits,
 * a renderer error or an oversized result becomes escaped plain text with a notice.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MARKDOWN_LIMITS, markdownField, markdownProblems, validateMarkdown } from "~/utils/markdown-limits";
import { FALLBACK_NOTICE, renderMarkdown } from "~/utils/markdown.server";

const L = MARKDOWN_LIMITS;
const nestedList = (levels: number) => Array.from({ length: levels }, (_, i) => `${"  ".repeat(i)}- niveau ${i + 1}`).join("\n");
const table = (rows: number, columns: number) =>
  [
    `|${" kop |".repeat(columns)}`,
    `|${" --- |".repeat(columns)}`,
    ...Array.from({ length: rows }, (_, r) => `|${` r${r} |`.repeat(columns)}`),
  ].join("\n");
/** Paragraphs of `para` separated by blank lines, up to `chars` characters. */
const fill = (para: string, chars: number) => Array.from({ length: Math.floor(chars / (para.length + 2)) }, () => para).join("\n\n");

/** Every attack measured for issue 11 (see ADR 009, "Limits"), as stored text. */
export const ATTACKS: Record<string, string> = {
  "10,000 nested quotes (marked: RangeError)": ">".repeat(10_000) + " a",
  "10,000 nested quotes with spaces (marked: RangeError)": "> ".repeat(10_000) + "a",
  "5,000 nested list markers on one line (marked: RangeError)": "- ".repeat(5_000) + "a",
  "quotes and lists mixed, 3,000 deep (marked: RangeError)": "> - ".repeat(3_000) + "a",
  "300 list levels by indentation (marked: ~0.2 s per 200 levels, 5,000 levels ran out of memory)": nestedList(300),
  "2,000 unclosed links on one line (marked: ~30 s)": "[a](".repeat(2_000),
  "20,000 emphasis openers (marked: > 30 s)": "*a ".repeat(20_000),
  "10,000 'a *' (marked: 13 s)": "a *".repeat(10_000),
  "25,000 '**' (marked: > 30 s)": "**".repeat(25_000) + "a",
  "100,000 backslashes (marked: > 30 s)": "\\".repeat(100_000),
  "3,500 reference links (marked: 3.9 s)":
    Array.from({ length: 3_500 }, (_, i) => `[r${i}]: https://x.nl/${i}`).join("\n") +
    "\n\n" +
    Array.from({ length: 3_500 }, (_, i) => `[r${i}]`).join(" "),
  "16,000-row table (marked + sanitize: ~0.5 s, 0.9 MB)": table(16_000, 2),
  "table of 1,000 columns": table(10, 1_000),
  "10,000 nested <div>": "<div>".repeat(10_000) + "a" + "</div>".repeat(10_000),
  "50,000 lines": "a\n".repeat(50_000),
};

const warnSpies: Array<{ mockRestore: () => void }> = [];
/** console.warn, watched (and silenced) for one test. */
function watchWarnings() {
  const spy = vi.spyOn(console, "warn").mockImplementation(() => {});
  warnSpies.push(spy);
  return spy;
}

afterEach(() => {
  for (const spy of warnSpies.splice(0)) spy.mockRestore();
  vi.doUnmock("sanitize-html");
  vi.resetModules();
});

describe("validateMarkdown", () => {
  it("accepts ordinary rich markdown and every text in content/", () => {
    expect(validateMarkdown(RICH)).toBeNull();
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (name.endsWith(".md")) files.push(file);
      }
    };
    walk("content");
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect(validateMarkdown(readFileSync(file, "utf8")), file).toBeNull();
  });

  it("refuses nesting deeper than 20 levels of lists, quotes or HTML, and accepts 20", () => {
    expect(validateMarkdown(nestedList(L.maxDepth))).toBeNull();
    expect(validateMarkdown(nestedList(L.maxDepth + 1))).toBe(markdownProblems.tooDeep());
    expect(markdownProblems.tooDeep()).toBe(
      "Deze tekst is te diep genest (meer dan 20 niveaus). Maak de opsomming of het citaat minder diep.",
    );
    expect(validateMarkdown(">".repeat(L.maxDepth) + " a")).toBeNull();
    expect(validateMarkdown(">".repeat(L.maxDepth + 1) + " a")).toBe(markdownProblems.tooDeep());
    expect(validateMarkdown("> ".repeat(L.maxDepth + 1) + "a")).toBe(markdownProblems.tooDeep());
    expect(validateMarkdown("- ".repeat(L.maxDepth + 1) + "a")).toBe(markdownProblems.tooDeep());
    expect(validateMarkdown("> - ".repeat(11) + "a")).toBe(markdownProblems.tooDeep());
    expect(validateMarkdown(Array.from({ length: L.maxDepth + 1 }, (_, i) => `${"   ".repeat(i)}1. punt`).join("\n"))).toBe(
      markdownProblems.tooDeep(),
    );
    expect(validateMarkdown("<div>".repeat(L.maxDepth) + "a" + "</div>".repeat(L.maxDepth))).toBeNull();
    expect(validateMarkdown("<div>".repeat(L.maxDepth + 1) + "a")).toBe(markdownProblems.htmlTooDeep());
    // Lists that end and start again do not add up.
    expect(validateMarkdown(Array.from({ length: 30 }, () => "- punt\n  - dieper\n\nTekst.\n").join("\n"))).toBeNull();
    // Indented code in a fence is not nesting.
    expect(validateMarkdown("```\n" + nestedList(40) + "\n```")).toBeNull();
  });

  it("refuses too many lines, table rows and table columns", () => {
    expect(validateMarkdown("a\n".repeat(L.maxLines - 1))).toBeNull();
    expect(validateMarkdown("a\n".repeat(L.maxLines))).toBe(markdownProblems.tooManyLines());
    expect(validateMarkdown(table(L.maxTableRows, 3))).toBeNull();
    expect(validateMarkdown(table(L.maxTableRows + 1, 3))).toBe(markdownProblems.tableRows());
    expect(validateMarkdown(table(3, L.maxTableColumns))).toBeNull();
    expect(validateMarkdown(table(3, L.maxTableColumns + 1))).toBe(markdownProblems.tableColumns());
    // Two tables are counted apart.
    expect(validateMarkdown(table(L.maxTableRows, 2) + "\n\n" + table(L.maxTableRows, 2))).toBeNull();
  });

  it("refuses too many links, brackets and emphasis marks per paragraph and per text", () => {
    expect(validateMarkdown("[a](".repeat(L.maxLinksPerBlock))).toBeNull();
    expect(validateMarkdown("[a](".repeat(L.maxLinksPerBlock + 1))).toBe(markdownProblems.links());
    expect(validateMarkdown("[".repeat(L.maxBracketsPerBlock + 1))).toBe(markdownProblems.brackets());
    expect(validateMarkdown("*a ".repeat(L.maxMarksPerBlock))).toBeNull();
    expect(validateMarkdown("*a ".repeat(L.maxMarksPerBlock + 1))).toBe(markdownProblems.marks());
    expect(validateMarkdown("\\".repeat(L.maxMarksPerBlock + 1))).toBe(markdownProblems.marks());
    // A long list of bold terms is fine: each item is its own block.
    expect(validateMarkdown(Array.from({ length: 300 }, (_, i) => `- **Term ${i}**: [uitleg](https://x.nl/${i})`).join("\n"))).toBeNull();
    expect(validateMarkdown(fill("*a ".repeat(100), 80_000))).toBe(markdownProblems.totalMarks());
    expect(validateMarkdown(fill("[a](https://x.nl) ".repeat(50), 100_000))).toBe(markdownProblems.totalLinks());
    const definitions = (n: number) => Array.from({ length: n }, (_, i) => `[r${i}]: https://x.nl/${i}`).join("\n");
    expect(validateMarkdown(definitions(L.maxLinkDefinitions))).toBeNull();
    expect(validateMarkdown(definitions(L.maxLinkDefinitions + 1))).toBe(markdownProblems.linkDefinitions());
  });

  it("refuses text over the field's length, with the limit in the message", () => {
    expect(validateMarkdown("a".repeat(L.maxChars))).toBeNull();
    expect(validateMarkdown("a".repeat(L.maxChars + 1))).toBe("Deze tekst is te lang (meer dan 100.000 tekens). Maak hem korter.");
    expect(validateMarkdown("a".repeat(20_001), 20_000)).toMatch(/20\.000/);
  });

  it("refuses every measured attack, quickly", () => {
    for (const [name, text] of Object.entries(ATTACKS)) {
      const started = performance.now();
      expect(validateMarkdown(text), name).not.toBeNull();
      expect(performance.now() - started, name).toBeLessThan(500);
    }
  });

  it("as a zod field: a Dutch issue on the field, and the field's own length message first", () => {
    const field = markdownField(50_000, { tooLong: "Te lang." });
    const deep = field.safeParse(nestedList(25));
    expect(deep.success).toBe(false);
    expect(deep.error?.issues[0].message).toBe(markdownProblems.tooDeep());
    expect(field.safeParse("a".repeat(50_001)).error?.issues[0].message).toBe("Te lang.");
    expect(field.safeParse("  **goed**  ").data).toBe("**goed**");
    expect(markdownField(100, { required: "Schrijf iets." }).safeParse("  ").error?.issues[0].message).toBe("Schrijf iets.");
  });
});

const RICH = [
  "# Kop",
  "",
  "## Tweede kop",
  "",
  "Een alinea met **vet**, *schuin*, ~~doorgehaald~~, `code` en een [link](https://example.nl) en <mailto:a@b.nl>.",
  "",
  "- een",
  "  - twee",
  "    - drie",
  "",
  "1. eerste",
  "2. tweede",
  "",
  "> Een citaat",
  "",
  "| Wie | Wat |",
  "| :-- | --: |",
  "| Ans | *veel* |",
  "",
  "```",
  "const x = 1 < 2;",
  "```",
  "",
  "<script>alert(1)</script>[slecht](javascript:alert(1))",
].join("\n");

/** What the renderer made of RICH before the limits existed (main at 00770ea). */
const RICH_HTML =
  '<h2>Kop</h2>\n<h2>Tweede kop</h2>\n<p>Een alinea met <strong>vet</strong>, <em>schuin</em>, <del>doorgehaald</del>, <code>code</code> en een <a href="https://example.nl" rel="noopener noreferrer nofollow" target="_blank">link</a> en <a href="mailto:a@b.nl">mailto:a@b.nl</a>.</p>\n<ul>\n<li>een<ul>\n<li>twee<ul>\n<li>drie</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n<ol>\n<li>eerste</li>\n<li>tweede</li>\n</ol>\n<blockquote>\n<p>Een citaat</p>\n</blockquote>\n<table>\n<thead>\n<tr>\n<th align="left">Wie</th>\n<th align="right">Wat</th>\n</tr>\n</thead>\n<tbody><tr>\n<td align="left">Ans</td>\n<td align="right"><em>veel</em></td>\n</tr>\n</tbody></table>\n<pre><code>const x = 1 &lt; 2;\n</code></pre>\n[slecht](javascript:alert(1))';

describe("renderMarkdown", () => {
  it("renders ordinary rich markdown exactly as before: headings, lists 3 deep, tables, links, code", () => {
    const warn = watchWarnings();
    expect(renderMarkdown(RICH)).toBe(RICH_HTML);
    // (A cold first render may be logged as slow; it is never shown as plain text.)
    expect(warn.mock.calls.filter((call) => String(call[0]).includes("plain text"))).toEqual([]);
  });

  it("shows each measured attack as escaped plain text with a notice, fast and without throwing", () => {
    const warn = watchWarnings();
    for (const [name, text] of Object.entries(ATTACKS)) {
      const started = performance.now();
      const html = renderMarkdown(text);
      expect(performance.now() - started, name).toBeLessThan(1_000);
      expect(html, name).toContain(FALLBACK_NOTICE);
      expect(html, name).toContain('<pre class="markdown-fallback">');
      expect(html, name).not.toMatch(/<(div|blockquote|ul|table)/);
    }
    expect(warn).toHaveBeenCalledTimes(Object.keys(ATTACKS).length);
    expect(String(warn.mock.calls[0][0])).toMatch(/\[markdown\] shown as plain text .*te diep genest/);
  });

  it("escapes the plain text, so a stored script stays text", () => {
    watchWarnings();
    const html = renderMarkdown('<script>alert("x")</script>\n\n' + ">".repeat(100) + " & 'a'");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("&gt;&gt;&gt; &amp; &#39;a&#39;");
  });

  it("renders the worst texts inside the limits in well under a second of CPU", () => {
    watchWarnings();
    const worst = {
      "'a *' at the paragraph limit, up to the total": fill("a *".repeat(L.maxMarksPerBlock - 1), 25 * (3 * (L.maxMarksPerBlock - 1) + 2)),
      "unclosed links at the paragraph limit, 10 paragraphs": fill("[a](".repeat(L.maxLinksPerBlock), 4_100),
      "20 levels of lists, repeated": fill(nestedList(L.maxDepth), 50_000),
      "200-row table of 20 columns": table(L.maxTableRows, L.maxTableColumns).slice(0, 100_000),
    };
    for (const [name, text] of Object.entries(worst)) {
      expect(validateMarkdown(text), name).toBeNull();
      // CPU time, not wall time: what runs beside the test on a busy machine must not decide it.
      const started = process.cpuUsage();
      expect(renderMarkdown(text), name).not.toContain(FALLBACK_NOTICE);
      const used = process.cpuUsage(started);
      const elapsed = (used.user + used.system) / 1000;
      console.info(`worst inside the limits: ${name}: ${text.length} characters, ${Math.round(elapsed)} ms`);
      expect(elapsed, name).toBeLessThan(1_000);
    }
  });

  it("shows the text as plain text when the renderer throws (e.g. a stack overflow)", async () => {
    vi.doMock("sanitize-html", () => ({
      default: () => {
        throw new RangeError("Maximum call stack size exceeded");
      },
    }));
    const { renderMarkdown: render } = await import("~/utils/markdown.server");
    const warn = watchWarnings();
    const html = render("**vet** <b>");
    expect(html).toBe(
      `<p class="markdown-fallback__notice" role="note">${FALLBACK_NOTICE}</p><pre class="markdown-fallback">**vet** &lt;b&gt;</pre>`,
    );
    expect(String(warn.mock.calls[0][0])).toMatch(/renderer failed: RangeError: Maximum call stack/);
  });

  it("parses each stored text once: the same text again is the remembered HTML; a preview's draft is not remembered", async () => {
    const real = (await vi.importActual<{ default: (html: string, options: object) => string }>("sanitize-html")).default;
    const sanitize = vi.fn(real);
    vi.doMock("sanitize-html", () => ({ default: sanitize }));
    const { renderMarkdown: render } = await import("~/utils/markdown.server");
    const first = render(RICH);
    expect(render(RICH)).toBe(first);
    expect(first).toBe(RICH_HTML);
    expect(sanitize).toHaveBeenCalledTimes(1);
    render("*concept*", { draft: true });
    render("*concept*", { draft: true });
    expect(sanitize).toHaveBeenCalledTimes(3);
    // Texts outside the limits are never remembered either: each view logs its fallback.
    const warn = watchWarnings();
    render(">".repeat(100) + " a");
    render(">".repeat(100) + " a");
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it("shows the text as plain text when the HTML would be too long", async () => {
    vi.doMock("sanitize-html", () => ({ default: () => "x".repeat(1_000_001) }));
    const { renderMarkdown: render } = await import("~/utils/markdown.server");
    const warn = watchWarnings();
    expect(render("kort")).toContain(FALLBACK_NOTICE);
    expect(String(warn.mock.calls[0][0])).toMatch(/rendered HTML too long/);
  });
});
