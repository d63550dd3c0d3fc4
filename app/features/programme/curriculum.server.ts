import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { StartupError } from "~/utils/env.server";
import { getSingleton, setSingleton } from "~/utils/singleton.server";
import { agendaKinds } from "~/data/schema.server";

/**
 * The default programme: content/programma.md and content/sessies/*.md, markdown
 * with YAML front matter. Loaded and validated once at start; a bad file stops the
 * start with a message naming the file and the field.
 */

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "moet een tijd zijn als 13:30");

const agendaItem = z
  .object({ start: time, end: time, kind: z.enum(agendaKinds), title: z.string().min(1).max(200) })
  .strict()
  .refine((item) => item.end > item.start, { message: "eindtijd moet na de begintijd liggen", path: ["end"] });

const sessionFrontMatter = z
  .object({
    number: z.number().int().min(1).max(4),
    title: z.string().min(1).max(200),
    theme: z.string().min(1).max(300),
    speaker: z
      .object({ name: z.string().min(1).max(200), organisation: z.string().max(200).optional(), topic: z.string().min(1).max(300) })
      .strict(),
    agenda: z.array(agendaItem).min(1),
    assignment: z.string().min(1),
    homework: z.string().min(1),
  })
  .strict();

const programmeFrontMatter = z
  .object({ title: z.string().min(1), subtitle: z.string().min(1), organisers: z.array(z.string().min(1)).min(1) })
  .strict();

export type AgendaItem = z.infer<typeof agendaItem>;
export type CurriculumSession = z.infer<typeof sessionFrontMatter> & { intro: string; file: string };
export type Programme = z.infer<typeof programmeFrontMatter> & { intro: string };
export type Curriculum = { programme: Programme; sessions: CurriculumSession[] };

export class ContentError extends StartupError {}

function splitFrontMatter(file: string, text: string): { data: unknown; body: string } {
  const match = text.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/);
  if (!match) throw new ContentError(`Inhoudsfout in ${file}: het bestand begint niet met front matter tussen twee regels '---'.`);
  try {
    return { data: parseYaml(match[1]), body: match[2].trim() };
  } catch (error) {
    throw new ContentError(`Inhoudsfout in ${file}: de front matter is geen geldige YAML (${(error as Error).message.split("\n")[0]}).`);
  }
}

/** Dutch messages for the generic cases; the schema's own messages stay as written. */
const dutchErrors: z.ZodErrorMap = (issue, ctx) => {
  if (issue.code === "invalid_type") {
    return { message: issue.received === "undefined" ? "ontbreekt" : `moet een ${issue.expected} zijn, niet een ${issue.received}` };
  }
  if (issue.code === "unrecognized_keys") return { message: `onbekend veld ${issue.keys.join(", ")}` };
  if (issue.code === "invalid_enum_value") return { message: `moet een van ${issue.options.join(", ")} zijn` };
  if (issue.code === "too_small") return { message: "is leeg of te kort" };
  if (issue.code === "too_big") return { message: "is te lang" };
  return { message: ctx.defaultError };
};

function validate<T>(file: string, schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data, { errorMap: dutchErrors });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join(".") || "(hele front matter)";
  throw new ContentError(`Inhoudsfout in ${file}: veld ${field}: ${issue.message}.`);
}

export async function loadCurriculum(contentDir: string): Promise<Curriculum> {
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  const programmeFile = path.join(contentDir, "programma.md");
  let programmeText: string;
  try {
    programmeText = await readFile(programmeFile, "utf8");
  } catch {
    throw new ContentError(`Inhoudsfout: ${relative(programmeFile)} ontbreekt.`);
  }
  const programmeParts = splitFrontMatter(relative(programmeFile), programmeText);
  const programme = { ...validate(relative(programmeFile), programmeFrontMatter, programmeParts.data), intro: programmeParts.body };

  const sessionDir = path.join(contentDir, "sessies");
  const names = (await readdir(sessionDir).catch(() => [] as string[])).filter((n) => n.endsWith(".md")).sort();
  const sessions: CurriculumSession[] = [];
  for (const name of names) {
    const file = relative(path.join(sessionDir, name));
    const parts = splitFrontMatter(file, await readFile(path.join(sessionDir, name), "utf8"));
    sessions.push({ ...validate(file, sessionFrontMatter, parts.data), intro: parts.body, file });
  }
  const numbers = sessions.map((s) => s.number).sort();
  if (numbers.join(",") !== "1,2,3,4") {
    throw new ContentError(
      `Inhoudsfout in ${relative(sessionDir)}: er moeten precies vier sessies zijn met de nummers 1 tot en met 4 (gevonden: ${numbers.join(", ") || "geen"}).`,
    );
  }
  sessions.sort((a, b) => a.number - b.number);
  return { programme, sessions };
}

export async function initCurriculum(contentDir: string): Promise<Curriculum> {
  return setSingleton("curriculum", await loadCurriculum(contentDir));
}

export function getCurriculum(): Curriculum {
  const curriculum = getSingleton<Curriculum>("curriculum");
  if (!curriculum) throw new Error("getCurriculum() called before initCurriculum()");
  return curriculum;
}
