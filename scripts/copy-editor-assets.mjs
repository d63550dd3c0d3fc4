#!/usr/bin/env node
/**
 * Copies the whiteboard editor's fonts (Excalidraw, 14 MB) from node_modules to
 * public/editor/, so the board page loads them from our own origin and makes no
 * external requests (ADR 015). Run by `npm run build`, `npm test` and, at start,
 * by app/utils/ensure-build.server.ts. The copy is git-ignored; a second run only
 * copies files that are missing or differ in size.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "node_modules", "@excalidraw", "excalidraw", "dist", "prod", "fonts");
const target = path.join(root, "public", "editor", "fonts");

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
const copied = copyTree(source, target);
if (copied > 0) console.log(`Tekentool: ${copied} lettertypebestanden gekopieerd naar public/editor/fonts.`);
