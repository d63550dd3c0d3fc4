import { z } from "zod";

/**
 * Limits on the markdown people write (ADR 009, "Limits"). marked is synchronous and
 * some shapes of input make it slow (super-linear) or overflow its stack: thousands of
 * nested quotes throw a RangeError, a line of unclosed links `[a](` takes seconds per
 * few thousand characters, thousands of emphasis marks in one paragraph take seconds.
 * Ordinary texts stay far below every limit. The checks below are single linear passes,
 * so checking is cheap even for the longest text; they run in the browser (same
 * messages as the server) and on the server before anything is stored or rendered.
 */
export const MARKDOWN_LIMITS = {
  /** Characters in one text; form fields keep their own, lower limits. */
  maxChars: 100_000,
  /** Lines in one text. */
  maxLines: 5_000,
  /** Levels of quotes and lists inside each other (`>`, `-`, `1.`), and of HTML tags. */
  maxDepth: 20,
  /** Rows in one table (header not counted). */
  maxTableRows: 200,
  /** Columns in one table. */
  maxTableColumns: 20,
  /** Reference definitions (`[naam]: https://…`) in one text. */
  maxLinkDefinitions: 100,
  /** Links (`](`) in one paragraph, list item or table row. */
  maxLinksPerBlock: 100,
  /** Links (`](`) in one text. */
  maxLinks: 1_000,
  /** Square brackets `[` in one paragraph, list item or table row. */
  maxBracketsPerBlock: 500,
  /** Emphasis, code and escape marks (`*`, `_`, `` ` ``, `\`) in one paragraph, list item or table row. */
  maxMarksPerBlock: 200,
  /** Emphasis, code and escape marks in one text (the per-paragraph cost adds up). */
  maxMarks: 5_000,
} as const;

const nl = (n: number) => n.toLocaleString("nl-NL");

export const markdownProblems = {
  tooLong: (max: number) => `Deze tekst is te lang (meer dan ${nl(max)} tekens). Maak hem korter.`,
  tooManyLines: () =>
    `Deze tekst heeft te veel regels (meer dan ${nl(MARKDOWN_LIMITS.maxLines)}). Maak hem korter of verdeel hem over meer stukken.`,
  tooDeep: () =>
    `Deze tekst is te diep genest (meer dan ${MARKDOWN_LIMITS.maxDepth} niveaus). Maak de opsomming of het citaat minder diep.`,
  htmlTooDeep: () =>
    `Deze tekst heeft te veel HTML-tags in elkaar (meer dan ${MARKDOWN_LIMITS.maxDepth} niveaus). Haal de HTML weg of maak hem eenvoudiger.`,
  tableRows: () =>
    `Een tabel in deze tekst heeft te veel rijen (meer dan ${nl(MARKDOWN_LIMITS.maxTableRows)}). Maak de tabel kleiner of voeg hem toe als bestand.`,
  tableColumns: () =>
    `Een tabel in deze tekst heeft te veel kolommen (meer dan ${MARKDOWN_LIMITS.maxTableColumns}). Maak de tabel smaller of voeg hem toe als bestand.`,
  linkDefinitions: () =>
    `Deze tekst heeft te veel linkverwijzingen ([naam]: adres; meer dan ${MARKDOWN_LIMITS.maxLinkDefinitions}). Schrijf de links in de tekst zelf.`,
  links: () =>
    `Een alinea in deze tekst heeft te veel links (meer dan ${MARKDOWN_LIMITS.maxLinksPerBlock}). Zet de links in een opsomming of verdeel ze over meer alinea's.`,
  brackets: () =>
    `Een alinea in deze tekst heeft te veel vierkante haken [ (meer dan ${MARKDOWN_LIMITS.maxBracketsPerBlock}). Verdeel de tekst over meer alinea's.`,
  totalLinks: () => `Deze tekst heeft te veel links (meer dan ${nl(MARKDOWN_LIMITS.maxLinks)}). Verdeel de tekst over meer stukken.`,
  totalMarks: () =>
    `Deze tekst heeft te veel opmaaktekens (*, _, \` of \\; meer dan ${nl(MARKDOWN_LIMITS.maxMarks)}). Haal opmaak weg of verdeel de tekst over meer stukken.`,
  marks: () =>
    `Een alinea in deze tekst heeft te veel opmaaktekens (*, _, \` of \\; meer dan ${MARKDOWN_LIMITS.maxMarksPerBlock}). Verdeel de tekst over meer alinea's of haal opmaak weg.`,
};

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]{1,999}\]:/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
/** Tags that have no end tag, or whose end tag may be left out: they do not nest. */
const NON_NESTING_TAGS = new Set([
  "br",
  "hr",
  "img",
  "input",
  "meta",
  "link",
  "wbr",
  "col",
  "area",
  "base",
  "embed",
  "source",
  "track",
  "param",
  "p",
  "li",
  "td",
  "th",
  "tr",
  "thead",
  "tbody",
  "tfoot",
  "dt",
  "dd",
  "option",
]);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]{0,30})(?:[ \t/][^<>]{0,2000})?>/g;

const count = (line: string, ch: string) => {
  let n = 0;
  for (let i = line.indexOf(ch); i !== -1; i = line.indexOf(ch, i + 1)) n++;
  return n;
};

/** Leading whitespace as columns (a tab counts as 4, as in markdown). */
function indentOf(line: string): { columns: number; rest: string } {
  let columns = 0;
  let i = 0;
  for (; i < line.length; i++) {
    if (line[i] === " ") columns++;
    else if (line[i] === "\t") columns += 4 - (columns % 4);
    else break;
  }
  return { columns, rest: line.slice(i) };
}

/**
 * What is wrong with a markdown text, as one Dutch sentence, or null when it is fine.
 * `maxChars` lets a field keep its own (lower) length limit.
 */
export function validateMarkdown(text: string, maxChars: number = MARKDOWN_LIMITS.maxChars): string | null {
  if (text.length > maxChars) return markdownProblems.tooLong(maxChars);
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > MARKDOWN_LIMITS.maxLines) return markdownProblems.tooManyLines();

  let fence: string | null = null;
  // Indents of the list items we are in (outermost first), for the current quote level.
  let listIndents: number[] = [];
  let quoteLevel = 0;
  let previousBlank = true;
  let htmlDepth = 0;
  let linkDefinitions = 0;
  let tableRows = -1; // -1: not in a table
  let block = { links: 0, brackets: 0, marks: 0 };
  const total = { links: 0, marks: 0 };

  for (const raw of lines) {
    if (fence) {
      if (raw.trimStart().startsWith(fence)) fence = null;
      continue;
    }
    const opened = FENCE.exec(raw);
    if (opened) {
      fence = opened[1].slice(0, 3);
      previousBlank = false;
      block = { links: 0, brackets: 0, marks: 0 };
      continue;
    }

    // Container prefix: quotes (`>`) and list markers, possibly several on one line.
    let { columns, rest } = indentOf(raw);
    let quotes = 0;
    while (rest.startsWith(">")) {
      if (++quotes > MARKDOWN_LIMITS.maxDepth) return markdownProblems.tooDeep();
      ({ rest } = indentOf(rest.slice(1)));
    }
    if (quotes > 0) {
      // Inside a quote, indentation is counted from after the last `>`.
      ({ columns, rest } = indentOf(raw.replace(/^[ \t]*(?:>[ \t]?)+/, "")));
    }
    if (quotes !== quoteLevel && (quotes > 0 || rest.trim() === "")) {
      quoteLevel = quotes;
      listIndents = [];
    }
    const blank = rest.trim() === "";
    let markers = 0;
    let firstMarkerIndent = -1;
    // List markers, and quotes inside list items ("- > - a"), each one level deeper.
    for (let scan = rest; ;) {
      const marker = scan.startsWith(">") ? ">" : LIST_MARKER.exec(scan)?.[0];
      if (!marker) break;
      if (firstMarkerIndent === -1) firstMarkerIndent = columns;
      if (quotes + ++markers > MARKDOWN_LIMITS.maxDepth) return markdownProblems.tooDeep();
      ({ rest: scan } = indentOf(scan.slice(marker.length)));
      rest = scan;
    }
    if (firstMarkerIndent !== -1) {
      while (listIndents.length > 0 && listIndents[listIndents.length - 1] >= firstMarkerIndent) listIndents.pop();
    } else if (!blank && previousBlank && columns === 0) {
      // Unindented text after a blank line ends every list.
      listIndents = [];
    }
    if (quotes + listIndents.length + markers > MARKDOWN_LIMITS.maxDepth) return markdownProblems.tooDeep();
    if (firstMarkerIndent !== -1) {
      listIndents.push(firstMarkerIndent);
      for (let i = 1; i < markers; i++) listIndents.push(firstMarkerIndent + i);
    }

    if (LINK_DEFINITION.test(rest) && ++linkDefinitions > MARKDOWN_LIMITS.maxLinkDefinitions) return markdownProblems.linkDefinitions();

    // Tables: a delimiter row starts one; rows follow until a line without `|`.
    if (tableRows >= 0 && rest.includes("|") && !blank) {
      if (++tableRows > MARKDOWN_LIMITS.maxTableRows) return markdownProblems.tableRows();
    } else tableRows = -1;
    if (tableRows === -1 && rest.includes("|") && rest.includes("-") && TABLE_DELIMITER.test(rest)) {
      tableRows = 0;
      if (
        rest
          .replace(/^[ \t]*\|/, "")
          .replace(/\|[ \t]*$/, "")
          .split("|").length > MARKDOWN_LIMITS.maxTableColumns
      )
        return markdownProblems.tableColumns();
    }
    if (tableRows >= 0 && count(rest, "|") > MARKDOWN_LIMITS.maxTableColumns + 1) return markdownProblems.tableColumns();

    // Inline marks are counted per paragraph, list item, heading or table row.
    if (blank || markers > 0 || tableRows >= 0 || HEADING.test(rest)) block = { links: 0, brackets: 0, marks: 0 };
    if (!blank) {
      const links = count(rest, "](");
      const marks = count(rest, "*") + count(rest, "_") + count(rest, "`") + count(rest, "\\");
      block.links += links;
      block.brackets += count(rest, "[");
      block.marks += marks;
      total.links += links;
      total.marks += marks;
      if (block.links > MARKDOWN_LIMITS.maxLinksPerBlock) return markdownProblems.links();
      if (block.brackets > MARKDOWN_LIMITS.maxBracketsPerBlock) return markdownProblems.brackets();
      if (block.marks > MARKDOWN_LIMITS.maxMarksPerBlock) return markdownProblems.marks();
      if (total.links > MARKDOWN_LIMITS.maxLinks) return markdownProblems.totalLinks();
      if (total.marks > MARKDOWN_LIMITS.maxMarks) return markdownProblems.totalMarks();
    }

    // HTML nesting, outside inline code.
    if (rest.includes("<")) {
      const withoutCode = rest.replace(/`[^`]*`/g, "");
      for (const tag of withoutCode.matchAll(TAG)) {
        const name = tag[2].toLowerCase();
        if (NON_NESTING_TAGS.has(name) || tag[0].endsWith("/>")) continue;
        if (tag[1]) htmlDepth = Math.max(0, htmlDepth - 1);
        else if (++htmlDepth > MARKDOWN_LIMITS.maxDepth) return markdownProblems.htmlTooDeep();
      }
    }
    previousBlank = blank;
  }
  return null;
}

/**
 * A zod field for markdown: trimmed or not, at most `max` characters (with the field's
 * own message), and within MARKDOWN_LIMITS. Use it in every schema with a markdown text.
 */
export function markdownField(max: number, options: { tooLong?: string; required?: string; trim?: boolean } = {}) {
  let base = z.string(options.required ? { required_error: options.required } : {});
  if (options.trim ?? true) base = base.trim();
  if (options.required) base = base.min(1, options.required);
  base = base.max(max, options.tooLong ?? `Gebruik hoogstens ${nl(max)} tekens.`);
  return base.superRefine((value, ctx) => {
    const problem = validateMarkdown(value, max);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}
