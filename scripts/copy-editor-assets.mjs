#!/usr/bin/env node
/**
 * Copies the whiteboard editor's fonts (Excalidraw, 14 MB) and its stylesheet
 * (which names the fonts by relative URL) from node_modules to public/editor/, so the board page loads them from our own origin and makes no
 * external requests (ADR 015). Run by `npm run build` (and so by `npm test`, and by
 * `npm start` when there is no build yet). The copy is git-ignored; a second run only
 * copies files that are missing or differ in size.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "node_modules", "@excalidraw", "excalidraw", "dist", "prod");
const source = path.join(dist, "fonts");
const target = path.join(root, "public", "editor", "fonts");
const stylesheet = path.join(root, "public", "editor", "excalidraw.css");

function copyTree(from, to) {
  let copied = 0;
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) copied += copyTree(src, dest);
    else if (!existsSync(dest) || statSync(dest).size !== statSync(src).size) {
      copyFileSync(src, dest);
      copied++;
    }
  }
  return copied;
}

if (!existsSync(source)) {
  console.error(`Lettertypen van de tekentool niet gevonden in ${source}: draai eerst npm install.`);
  process.exit(1);
}
let copied = copyTree(source, target);
// The package exports its CSS only under "development"/"production" conditions,
// which the Remix compiler does not set: so it is served as a file of its own.
if (!existsSync(stylesheet) || statSync(stylesheet).size !== statSync(path.join(dist, "index.css")).size) {
  copyFileSync(path.join(dist, "index.css"), stylesheet);
  copied++;
}
if (copied > 0) console.log(`Tekentool: ${copied} bestanden gekopieerd naar public/editor.`);
