import { initCurriculum } from "~/features/programme/curriculum.server";
import { openDatabase } from "~/data/db.server";
import { clearIncomingFiles, removeUnrecordedFiles } from "~/data/file-store.server";
import { removeUnrecordedBoardFolders } from "~/data/board-store.server";
import { seedDemo, type SeededLogin } from "./demo-seed.server";
import { loadOrCreateSessionSecret } from "~/data/secret.server";
import { issueToken } from "~/features/accounts/token.server";
import { countUsers } from "~/features/accounts/user.server";
import { initSessionCookie, SETUP_TTL_MS } from "~/utils/auth-config.server";
import { initEnv, type Env } from "~/utils/env.server";
import { roleLabels } from "~/utils/labels";
import { plural } from "~/utils/plural";

export type BootResult = { env: Env; seeded: SeededLogin[]; setupLink: string | null };

/**
 * Everything that must be true before the first request: a valid environment, an
 * open and validated data file, the cookie secret, and on a new data folder the
 * demo edition (or, without an organiser, a one-time link to create one).
 */
export async function boot(source: Record<string, string | undefined>, contentDir: string): Promise<BootResult> {
  const env = initEnv(source);
  // Content first: a bad curriculum file must stop the start before anything is written.
  await initCurriculum(contentDir);
  const { store, created } = await openDatabase(env.dataDir);
  await clearIncomingFiles();
  const strays = await removeUnrecordedFiles();
  if (strays > 0)
    console.warn(
      `${plural(strays, "geüpload bestand", "geüploade bestanden")} zonder gegevens verwijderd (achtergebleven na een onderbroken upload of verwijdering).`,
    );
  const boardStrays = await removeUnrecordedBoardFolders();
  if (boardStrays > 0)
    console.warn(
      `${plural(boardStrays, "bordmap", "bordmappen")} zonder bord verwijderd (achtergebleven na een onderbroken verwijdering).`,
    );
  initSessionCookie(env.SESSION_SECRET ?? (await loadOrCreateSessionSecret(env.dataDir)));
  store.startDailyBackups();

  let seeded: SeededLogin[] = [];
  if (created && env.SEED === "demo") seeded = await seedDemo();

  let setupLink: string | null = null;
  // Each start without an organiser prints a fresh link (only its hash is stored,
  // so an earlier one cannot be shown again); the earlier one stops working.
  if (countUsers("organiser") === 0) {
    const { token } = await issueToken("setup", null, SETUP_TTL_MS);
    setupLink = `/welkom/${token}`;
  }
  return { env, seeded, setupLink };
}

/** The one-time message printed at first start. Passwords appear here and nowhere else. */
export function firstStartMessage(result: BootResult, baseUrl: string): string | null {
  const lines: string[] = [];
  if (result.seeded.length > 0) {
    lines.push("", "Demo-editie aangemaakt. Deze inloggegevens worden maar één keer getoond:", "");
    for (const login of result.seeded) {
      const who = `${roleLabels[login.role]}${login.detail ? ` (${login.detail})` : ""}`;
      lines.push(`  ${who.padEnd(28)} ${login.email.padEnd(42)} ${login.password}`);
    }
    lines.push("", `Open ${baseUrl} in je browser en log in met een van deze gegevens.`, "");
  }
  if (result.setupLink) {
    lines.push(
      "",
      "Er is nog geen begeleider. Maak het eerste account aan via deze eenmalige link (24 uur geldig):",
      `  ${baseUrl}${result.setupLink}`,
      "",
    );
  }
  return lines.length ? lines.join("\n") : null;
}
