import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { validateMarkdown } from "./markdown-limits";

/**
 * Markdown for content/ and everything users write. marked turns it into HTML and
 * sanitize-html keeps only a safe subset: no scripts, no event handlers, no
 * iframes or embeds, no style attributes, and links only to http(s), mailto and
 * relative URLs (so no javascript: or data: links).
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "blockquote",
    "pre",
    "code",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "del",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: { a: ["href", "title"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // A user's "# Kop" must not compete with the page's own h1.
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? "") ? { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" } : attribs,
    }),
  },
};
SANITIZE.allowedAttributes = { ...SANITIZE.allowedAttributes, a: ["href", "title", "rel", "target"] };

/** Rendered HTML longer than this is not sent: the text is shown as plain text instead. */
export const MAX_RENDERED_CHARS = 1_000_000;
/** A render slower than this is logged, so a slow shape of input the limits miss gets noticed. */
export const SLOW_RENDER_MS = 250;

/**
 * The HTML of recently rendered texts, keyed by the text itself: renderMarkdown is a
 * pure function of its input, and the same session texts, materials and feedback are
 * shown to every reader, so each distinct text is parsed and sanitised once instead of
 * on every page view. Least recently used texts go first once the budget is used up.
 */
const RENDERED_BUDGET_CHARS = 2_000_000;
const rendered = new Map<string, string>();
let renderedChars = 0;

function remember(source: string, html: string): void {
  const size = source.length + html.length;
  if (size > RENDERED_BUDGET_CHARS / 8) return;
  rendered.set(source, html);
  renderedChars += size;
  for (const [oldest, oldHtml] of rendered) {
    if (renderedChars <= RENDERED_BUDGET_CHARS) break;
    rendered.delete(oldest);
    renderedChars -= oldest.length + oldHtml.length;
  }
}

export const FALLBACK_NOTICE = "Deze tekst kon niet als opmaak worden getoond en staat hieronder als platte tekst.";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** One document as escaped plain text with a notice: what a page shows when rendering failed. */
export function plainTextFallback(source: string): string {
  return `<p class="markdown-fallback__notice" role="note">${FALLBACK_NOTICE}</p><pre class="markdown-fallback">${escapeHtml(source)}</pre>`;
}

function fallback(source: string, reason: string): string {
  console.warn(`[markdown] shown as plain text (${source.length} characters): ${reason}`);
  return plainTextFallback(source);
}

/**
 * Markdown as safe HTML. Never throws: a text outside the input limits (stored before
 * they existed, or imported), a renderer error (e.g. a stack overflow) or an oversized
 * result gives that one document as escaped plain text with a notice, so the page
 * around it still answers. Texts outside the limits are not handed to marked at all,
 * because marked is synchronous and cannot be stopped once it is slow.
 * `draft`: a text being typed (the preview), rendered without being remembered.
 */
export function renderMarkdown(source: string, options: { draft?: boolean } = {}): string {
  const known = rendered.get(source);
  if (known !== undefined) {
    rendered.delete(source);
    rendered.set(source, known);
    return known;
  }
  const problem = validateMarkdown(source);
  if (problem) return fallback(source, `outside the limits: ${problem}`);
  const started = performance.now();
  let html: string;
  try {
    html = sanitizeHtml(marked.parse(source) as string, SANITIZE);
  } catch (error) {
    return fallback(
      source,
      `renderer failed: ${error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error)}`,
    );
  }
  const elapsed = performance.now() - started;
  if (elapsed > SLOW_RENDER_MS) console.warn(`[markdown] slow render: ${Math.round(elapsed)} ms for ${source.length} characters`);
  if (html.length > MAX_RENDERED_CHARS) return fallback(source, `rendered HTML too long (${html.length} characters)`);
  // A preview's draft is seen once; keeping it would only push stored texts out.
  if (!options.draft) remember(source, html);
  return html;
}
