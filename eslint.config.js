/**
 * Lint: the recommended JavaScript and TypeScript rules, the rules of React hooks,
 * and the layout's import boundaries (README, "Architecture"):
 *   - app/utils is infrastructure: it imports no feature, no access policy, no realtime, no route;
 *   - app/data is storage: it imports no realtime, no access policy and no route, and it
 *     is the only place that imports lowdb (the one data-access layer, ADR 025);
 *   - a feature imports no route, and none of another feature's components (.tsx);
 *     shared pieces go to app/components or app/utils;
 *   - nothing imports a route module.
 * `npm run lint` runs it; `npm test` runs it before the tests, so a violation fails CI.
 */
import fs from "node:fs";
import path from "node:path";
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const APP = path.resolve("app");
const EXTENSIONS = ["", ".ts", ".tsx", ".js", "/index.ts", "/index.tsx"];

/** The file an import points at inside app/, or null for packages and files outside app/. */
function resolveInApp(specifier, fromFile) {
  let base;
  if (specifier.startsWith("~/")) base = path.join(APP, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (candidate.startsWith(APP + path.sep) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** "utils", "data", "routes", "features/boards", ... for a file in app/, else null. */
function areaOf(file) {
  const relative = path.relative(APP, file);
  if (relative.startsWith("..")) return null;
  const [first, second] = relative.split(path.sep);
  return first === "features" ? `features/${second}` : first;
}

const FORBIDDEN = {
  utils: { features: "a feature", access: "the access policy", realtime: "the realtime layer", routes: "a route", data: null },
  data: { realtime: "the realtime layer", access: "the access policy", routes: "a route" },
};

const importBoundaries = {
  meta: { type: "problem", schema: [], messages: { boundary: "{{from}} may not import {{what}} ({{target}}): {{why}}" } },
  create(context) {
    const file = context.filename;
    const from = areaOf(file);
    if (!from) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== "string") return;
      if ((specifier === "lowdb" || specifier.startsWith("lowdb/")) && from !== "data")
        return context.report({
          node,
          messageId: "boundary",
          data: {
            from: `app/${from}`,
            what: "lowdb",
            target: specifier,
            why: "only app/data reads and writes the data file; use its store",
          },
        });
      const target = resolveInApp(specifier, file);
      if (!target) return;
      const to = areaOf(target);
      const report = (what, why) =>
        context.report({ node, messageId: "boundary", data: { from: `app/${from}`, what, target: path.relative(APP, target), why } });
      const top = to.split("/")[0];
      if (to === "routes" && from !== "routes")
        return report("a route module", "routes are the URL map; move what is shared into a feature");
      const forbidden = FORBIDDEN[from]?.[top];
      if (forbidden) return report(forbidden, `app/${from} sits below ${top === "features" ? "the features" : `app/${top}`}`);
      if (from.startsWith("features/") && to.startsWith("features/") && from !== to && target.endsWith(".tsx")) {
        return report(`another feature's component`, "features do not use each other's internals; move a shared piece to app/components");
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
    };
  },
};

export default tseslint.config(
  { ignores: ["build/**", "public/**", "node_modules/**", "test-results/**", "data/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks, werkplaats: { rules: { "import-boundaries": importBoundaries } } },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "werkplaats/import-boundaries": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Control characters are what some checks look for (safe redirects, single-line names).
      "no-control-regex": "off",
    },
  },
);
