/**
 * The layout's import boundaries (eslint.config.js, rule werkplaats/import-boundaries)
 * on small files placed where they would live: each forbidden direction is
 * reported, the allowed ones are not.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "werkplaats/import-boundaries").map((m) => m.message);
}

describe("import boundaries", () => {
  it.each([
    ["app/utils/example.ts", 'import { getBoard } from "~/features/boards/board.server";\nexport const x = getBoard;\n', /a feature/],
    ["app/utils/example.ts", 'import { decide } from "~/access/policy.server";\nexport const x = decide;\n', /the access policy/],
    ["app/data/example.ts", 'import { getIo } from "~/realtime/io.server";\nexport const x = getIo;\n', /the realtime layer/],
    ["app/data/example.ts", 'import { loader } from "~/routes/trios.mijn";\nexport const x = loader;\n', /a route module/],
    [
      "app/features/homework/example.ts",
      'import { BoardOutline } from "~/features/boards/board-outline";\nexport const x = BoardOutline;\n',
      /another feature's component/,
    ],
    ["app/features/homework/example.ts", 'export { loader } from "~/routes/trios.mijn";\n', /a route module/],
    ["app/features/homework/example.ts", 'import { Low } from "lowdb";\nexport const x = Low;\n', /may not import lowdb/],
    ["app/utils/example.ts", 'import { JSONFile } from "lowdb/node";\nexport const x = JSONFile;\n', /may not import lowdb/],
  ])("%s: refuses %s", async (filePath, code, expected) => {
    const messages = await boundaryMessages(filePath, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(expected);
  });

  it.each([
    ["app/routes/example.tsx", 'import { BoardOutline } from "~/features/boards/board-outline";\nexport const x = BoardOutline;\n'],
    ["app/features/homework/example.ts", 'import { getBoard } from "~/features/boards/board.server";\nexport const x = getBoard;\n'],
    ["app/features/boards/example.ts", 'import { BoardOutline } from "./board-outline";\nexport const x = BoardOutline;\n'],
    ["app/data/example.ts", 'import { env } from "~/utils/env.server";\nexport const x = env;\n'],
    ["app/utils/example.ts", 'import { z } from "zod";\nexport const x = z;\n'],
    ["app/data/example.ts", 'import { Low } from "lowdb";\nexport const x = Low;\n'],
  ])("%s: allows %s", async (filePath, code) => {
    expect(await boundaryMessages(filePath, code)).toEqual([]);
  });
});
