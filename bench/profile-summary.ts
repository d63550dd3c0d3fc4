/**
 * Reads a .cpuprofile written by bench/profile-pages.ts and prints where the server's
 * time went from its first page request on: the top functions and modules by self
 * time, and every busy sample attributed to one category (a named frame anywhere in
 * the stack first, e.g. route matching inside React's render counts as route
 * matching; otherwise the nearest frame of a known module).
 *
 *   npx tsx bench/profile-summary.ts /tmp/prof/CPU.….cpuprofile [top=15]
 */
import { readFileSync } from "node:fs";

type Frame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
type Rule = [string, (f: Frame) => boolean];

const NAMED: Rule[] = [
  ["garbage collection", (f) => f.functionName === "(garbage collector)"],
  [
    "route matching and per-request route tables (Remix, react-router)",
    (f) =>
      /^(matchRoutes|matchServerRoutes|createServerRoutes|convertRoutesToDataRoutes|createStaticRouter|groupRoutesByParentId)$/.test(
        f.functionName,
      ),
  ],
  ["markdown (marked, sanitize-html)", (f) => f.functionName === "renderMarkdown"],
  [
    "loader responses: JSON stringify and parse",
    (f) => (f.functionName === "json" && /remix-run/.test(f.url)) || f.functionName === "parseJSONFromBytes",
  ],
  ["app loaders", (f) => /^loader\d*$/.test(f.functionName) && /build\/index\.js/.test(f.url)],
  ["React renderToString (with the app's components)", (f) => f.functionName === "exports.renderToString"],
];
const NEAREST: Rule[] = [
  ["request log (pino, pino-http)", (f) => /node_modules\/pino/.test(f.url)],
  ["security headers, compression, rate limits", (f) => /helmet|compression|express-rate-limit|http-security|on-headers/.test(f.url)],
  [
    "Request, Response, Headers (undici, web streams)",
    (f) => /undici|webstreams|js_transferable|abort_controller|event_target/.test(f.url),
  ],
  ["socket writes", (f) => /^(writev|writeBuffer|writeString|writeUtf8String|writeLatin1String)$/.test(f.functionName)],
  ["HTTP parsing, node http", (f) => /_http_server|_http_common|_http_incoming|_http_outgoing/.test(f.url)],
  ["Remix runtime, other", (f) => /remix-run|react-router/.test(f.url)],
  ["express routing", (f) => /node_modules\/express\//.test(f.url)],
];

const moduleOf = (url: string) =>
  url ? (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? url.replace(/^file:\/\/.*?\/(build|app|server)/, "$1")) : "(native)";
const frameName = (f: Frame) => `${f.functionName || "(anonymous)"} ${moduleOf(f.url)}:${f.lineNumber + 1}`;

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 15);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const stackOf = (id: number) => {
  const frames: Frame[] = [];
  for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) frames.push(byId.get(c)!.callFrame);
  return frames;
};

const bySelf = new Map<string, number>();
const byModule = new Map<string, number>();
const byCategory = new Map<string, number>();
const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
let started = false;
let busy = 0;
profile.samples.forEach((id, i) => {
  const stack = stackOf(id);
  started ||= stack.some((f) => f.functionName === "handleDocumentRequest");
  if (!started || stack[0].functionName === "(idle)") return;
  const us = profile.timeDeltas[i];
  busy += us;
  add(bySelf, frameName(stack[0]), us);
  add(byModule, moduleOf(stack[0].url), us);
  const named = NAMED.find(([, test]) => stack.some(test));
  const nearest = named ? undefined : stack.map((f) => NEAREST.find(([, test]) => test(f))).find(Boolean);
  add(byCategory, (named ?? nearest)?.[0] ?? "other", us);
});

const print = (title: string, map: Map<string, number>, limit: number) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`${((100 * us) / busy).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
  }
};
console.log(`busy ${(busy / 1000).toFixed(0)} ms from the first page request on`);
print("self time by function", bySelf, top);
print("self time by module", byModule, top);
print("by category", byCategory, 20);
