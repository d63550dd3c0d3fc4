import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ContentError, loadCurriculum } from "~/features/programme/curriculum.server";

const CONTENT = path.resolve(__dirname, "../../content");
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-content-"));
  await cp(CONTENT, dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function breakFile(name: string, from: string | RegExp, to: string) {
  const file = path.join(dir, name);
  await writeFile(file, (await readFile(file, "utf8")).replace(from, to));
}

async function loadError(): Promise<Error> {
  try {
    await loadCurriculum(dir);
  } catch (error) {
    return error as Error;
  }
  throw new Error("loadCurriculum did not fail");
}

describe("the curriculum in content/", () => {
  it("has an introduction and four sessions with speaker, agenda, assignment and homework", async () => {
    const { programme, sessions } = await loadCurriculum(CONTENT);
    expect(programme.title).toBe("Werkplaats wijkgericht werken");
    expect(sessions.map((s) => s.number)).toEqual([1, 2, 3, 4]);
    for (const s of sessions) {
      expect(s.speaker.name).not.toBe("");
      expect(s.agenda.map((a) => a.kind)).toEqual(
        expect.arrayContaining(["welkom", "spreker", "kennisuitwisseling", "opdracht", "afsluiting"]),
      );
      expect(s.assignment.length).toBeGreaterThan(100);
      expect(s.homework.length).toBeGreaterThan(100);
    }
    expect(sessions[0].assignment).toMatch(/organogram/i);
    expect(sessions[0].assignment).toMatch(/schuifoefening/i);
    expect(sessions[3].intro).toMatch(/publieke bricoleurs/i);
  });

  it("names the file and the field of bad front matter", async () => {
    await breakFile("sessies/2-wendbare-wijkaanpak.md", '{ start: "13:45", end: "14:35"', '{ start: "13:45", end: "kwart voor drie"');
    const error = await loadError();
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toMatch(/sessies\/2-wendbare-wijkaanpak\.md: veld agenda\.1\.end: moet een tijd zijn als 13:30/);
  });

  it("names a missing field", async () => {
    await breakFile("sessies/3-sociale-basis.md", /^homework: \|[\s\S]*?(?=^---$)/m, "");
    expect((await loadError()).message).toMatch(/3-sociale-basis\.md: veld homework: ontbreekt/);
  });

  it("refuses YAML that does not parse", async () => {
    await breakFile("programma.md", "subtitle:", "subtitle: [");
    expect((await loadError()).message).toMatch(/programma\.md: de front matter is geen geldige YAML/);
  });

  it("needs exactly the sessions 1 to 4", async () => {
    await breakFile("sessies/4-publieke-bricoleurs.md", "number: 4", "number: 3");
    expect((await loadError()).message).toMatch(/precies vier sessies .* \(gevonden: 1, 2, 3, 3\)/);
  });
});
