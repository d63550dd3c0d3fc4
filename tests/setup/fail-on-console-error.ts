import { afterEach, beforeEach, vi } from "vitest";

/**
 * An unexpected console.error fails the test. A test that expects one (e.g. a
 * server logging a refused request on purpose) calls `expectConsoleError(/pattern/)`.
 */
const expected: RegExp[] = [];
let unexpected: string[] = [];

export function expectConsoleError(pattern: RegExp): void {
  expected.push(pattern);
}

beforeEach(() => {
  unexpected = [];
  expected.length = 0;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    const text = args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(" ");
    if (expected.some((pattern) => pattern.test(text))) return;
    unexpected.push(text);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (unexpected.length > 0) {
    throw new Error(`Unexpected console.error during the test:\n${unexpected.join("\n---\n")}`);
  }
});
