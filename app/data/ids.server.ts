import { randomBytes } from "node:crypto";

/** 96 random bits, URL-safe: unguessable, so an id in a URL reveals nothing. */
export function newId(): string {
  return randomBytes(12).toString("base64url");
}

export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
