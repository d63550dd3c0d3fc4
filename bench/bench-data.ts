/**
 * Data folders for the benchmarks, made through the app's own model functions (so
 * they are valid data files): the demo edition, a current cohort of 100 people,
 * and optionally years of earlier editions with their full history.
 *
 * Logins are made as stored auth sessions with signed cookies, so no password
 * check (argon2) runs per user; the server gets the same SESSION_SECRET.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type Login = { userId: string; cookie: string };
export type BenchData = {
  organiser: Login;
  speaker: Login;
  participant: Login;
  trioId: string;
  sessionId: string;
  cohort: Login[];
  counts: Record<string, number>;
};

export type DataShape = {
  /** Earlier editions, each archived after its year of use. */
  pastEditions: number;
  triosPerEdition: number;
  /** People in the current edition besides the demo trios (the cohort of the burst). */
  cohort: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const DOMAINS = ["wijk", "fysiek", "sociaal"] as const;

export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Fills `dataDir` (a new folder) and closes the store again. Runs in the bench process, not the server. */
export async function generateData(dataDir: string, secret: string, shape: DataShape): Promise<BenchData> {
  const { initEnv } = await import("~/utils/env.server");
  const { initCurriculum } = await import("~/features/programme/curriculum.server");
  const { openDatabase, closeDatabase, getDb } = await import("~/data/db.server");
  const { initSessionCookie, AUTH_SESSION_TTL_MS } = await import("~/utils/auth-config.server");
  const { createAuthSession } = await import("~/features/accounts/auth-session.server");
  const { createUser, getUserByEmail } = await import("~/features/accounts/user.server");
  const { seedDemo } = await import("~/features/setup/demo-seed.server");
  const { createEdition, setEditionArchived } = await import("~/features/programme/edition.server");
  const { scheduleSession, addSpeakerToSession } = await import("~/features/programme/session.server");
  const { createTrio, addMembership, listTriosOfEdition, listMembershipsOfUser } = await import("~/features/registration/trio.server");
  const { saveDraft, submitDraft } = await import("~/features/homework/submission.server");
  const { getAssignment } = await import("~/features/homework/assignment.server");
  const { giveFeedback, replyToFeedback } = await import("~/features/homework/feedback.server");
  const { notifyUsers, markRead } = await import("~/features/notifications/notification.server");
  const { addToOutbox } = await import("~/features/notifications/outbox.server");
  const { ensureSessionBoards } = await import("~/features/boards/board.server");
  const { openDeskRun, moveSliders, setDeskDone, closeDeskRun } = await import("~/features/exercises/desk.server");
  const { deskCategories } = await import("~/features/exercises/exercise-content");
  const { saveCaseVersion } = await import("~/features/dossier/case.server");
  const { saveAgendaVersion } = await import("~/features/exercises/local-agenda.server");

  initEnv({ NODE_ENV: "production", DATA_DIR: dataDir, SEED: "none", SESSION_SECRET: secret });
  await initCurriculum(path.join(ROOT, "content"));
  await openDatabase(dataDir);
  const cookie = initSessionCookie(secret);
  const login = async (userId: string): Promise<Login> => {
    const session = await createAuthSession(userId, AUTH_SESSION_TTL_MS);
    return { userId, cookie: (await cookie.serialize(session.id)).split(";")[0] };
  };

  const now = new Date();
  const thisYear = now.getUTCFullYear();
  const organiser = await createUser({ email: "begeleider.archief@werkplaats.example", name: "Carla Archief", role: "organiser" });
  let person = 0;
  const newPerson = (role: "speaker" | "participant", year: number) => {
    person++;
    return createUser({ email: `p${person}.${year}@gemeente.example`, name: `Deelnemer ${person}`, role });
  };

  // ---- earlier editions: a year of use each, then archived
  for (let e = 0; e < shape.pastEditions; e++) {
    const year = thisYear - shape.pastEditions + e;
    const start = new Date(Date.UTC(year, 1, 1));
    const { edition, sessions } = await createEdition({
      name: `Werkplaats wijkgericht werken ${year}`,
      year,
      capacity: shape.triosPerEdition,
      registrationOpensAt: new Date(start.getTime() - 60 * DAY_MS).toISOString(),
      registrationClosesAt: new Date(start.getTime() - 20 * DAY_MS).toISOString(),
    });
    const speaker = await newPerson("speaker", year);
    await Promise.all(
      sessions.map((session) => {
        const day = new Date(start.getTime() + (session.number - 1) * 28 * DAY_MS);
        return scheduleSession(session.id, {
          startsAt: new Date(day.getTime() + 12 * 3600_000).toISOString(),
          endsAt: new Date(day.getTime() + 16 * 3600_000).toISOString(),
          location: "Utrecht",
          onlineUrl: null,
        });
      }),
    );
    await Promise.all(sessions.map((session) => addSpeakerToSession(session.id, speaker.id)));
    // Each step for all trios at once: the store folds the changes into a few writes.
    const people = await Promise.all(Array.from({ length: shape.triosPerEdition * 3 }, () => newPerson("participant", year)));
    const trios = await Promise.all(
      Array.from({ length: shape.triosPerEdition }, async (_, t) => {
        const members = people.slice(t * 3, t * 3 + 3).map((u) => u.id);
        const trio = await createTrio({
          editionId: edition.id,
          municipality: `Gemeente ${year}-${t + 1}`,
          status: "admitted",
          registeredBy: members[0],
          caseSummary: "Een wijkvraag over samenwerken met bewoners, corporatie en welzijn.",
        });
        return { id: trio.id, members };
      }),
    );
    await Promise.all(
      trios.flatMap((trio) => [
        ...trio.members.map((userId, m) => addMembership({ trioId: trio.id, userId, domain: DOMAINS[m], jobTitle: "Beleidsmedewerker" })),
        saveCaseVersion(trio.id, trio.members[0], {
          title: `Casus ${year}`,
          question: "Hoe betrekken we bewoners bij de herinrichting van het plein?",
          neighbourhood: "Centrum",
          involved: "Bewoners, corporatie, welzijn",
          learningGoals: "Samen optrekken over de domeinen heen.",
        }),
      ]),
    );
    for (const session of sessions) {
      await ensureSessionBoards(session.id);
      const assignment = getAssignment(session);
      // Two handed-in versions, feedback on the last, a reply, the notifications and mails it caused.
      await Promise.all(trios.map((trio) => saveDraft(session, trio.id, trio.members[0], `Antwoord op opdracht ${session.number}.`, 0)));
      await Promise.all(trios.map((trio) => submitDraft(session, assignment, trio.id, trio.members[0])));
      await Promise.all(
        trios.map((trio) => saveDraft(session, trio.id, trio.members[1], `Antwoord op opdracht ${session.number}, met aanvullingen.`, 1)),
      );
      const versions = await Promise.all(trios.map((trio) => submitDraft(session, assignment, trio.id, trio.members[1])));
      const feedback = await Promise.all(
        trios.map((trio, i) => {
          const submission = getDb().data.submissions.find((x) => x.sessionId === session.id && x.trioId === trio.id)!;
          return giveFeedback({
            submissionId: submission.id,
            versionId: versions[i].id,
            authorId: organiser.id,
            body: "Mooi uitgewerkt; kijk nog eens naar de rol van de corporatie.",
            status: "besproken",
          });
        }),
      );
      await Promise.all(
        trios.flatMap((trio, i) => [
          replyToFeedback(feedback[i].id, trio.members[2], "Dank je, dat nemen we mee naar de volgende bijeenkomst."),
          notifyUsers(trio.members, { kind: "feedback", title: `Feedback op opdracht ${session.number}`, href: `/trios/${trio.id}` }),
          ...trio.members.map((userId) =>
            addToOutbox({ to: `${userId}@gemeente.example`, subject: `Feedback op opdracht ${session.number}`, text: "Er is feedback." }),
          ),
          ...(session.number === 2
            ? [
                saveAgendaVersion(trio.id, session.id, trio.members[0], {
                  goals: "Bewoners aan tafel",
                  actions: [{ what: "Twee avonden", who: "Wijkteam", when: "Voorjaar" }],
                  stakeholders: "Corporatie",
                  nextSteps: "Evalueren",
                }),
              ]
            : []),
        ]),
      );
      if (session.number === 3) {
        const run = await openDeskRun(session, organiser.id);
        await Promise.all(
          trios.map((trio) =>
            moveSliders(
              run.id,
              trio.id,
              trio.members[0],
              deskCategories.map((category, i) => ({ category, value: (i * 17) % 100, reason: "Zo zien wij het." })),
            ),
          ),
        );
        await Promise.all(trios.map((trio) => setDeskDone(run.id, trio.id, true)));
        await closeDeskRun(run.id);
      }
    }
    // Most notifications of a past year were read; some never were.
    await Promise.all(trios.flatMap((trio) => trio.members.slice(0, 2).map((userId) => markRead(userId))));
    await setEditionArchived(edition.id, true);
  }

  // ---- the current edition: the demo, and the cohort of this year
  await seedDemo(now);
  const current = getDb().data.editions.find((e) => e.year === thisYear && !e.archivedAt)!;
  const cohortIds = (await Promise.all(Array.from({ length: shape.cohort }, () => newPerson("participant", thisYear)))).map((u) => u.id);
  await Promise.all(
    Array.from({ length: Math.ceil(cohortIds.length / 3) }, async (_, t) => {
      const members = cohortIds.slice(t * 3, t * 3 + 3);
      const trio = await createTrio({
        editionId: current.id,
        municipality: `Gemeente ${t + 1}`,
        status: "admitted",
        registeredBy: members[0],
        caseSummary: "Een wijkvraag.",
      });
      await Promise.all(members.map((userId, m) => addMembership({ trioId: trio.id, userId, domain: DOMAINS[m], jobTitle: "Adviseur" })));
    }),
  );

  const demoOrganiser = getUserByEmail("begeleider@werkplaats.example")!;
  const demoSpeaker = getUserByEmail("spreker@werkplaats.example")!;
  const demoTrio = listTriosOfEdition(current.id).find((t) => t.municipality === "Altena")!;
  const demoMember = getUserByEmail("sanne.de.vries@werkplaats.example")!;
  if (!listMembershipsOfUser(demoMember.id).some((m) => m.trioId === demoTrio.id)) throw new Error("demo trio member not found");
  const session = getDb()
    .data.sessions.filter((s) => s.editionId === current.id)
    .sort((a, b) => a.number - b.number)[0];

  const data = getDb().data as unknown as Record<string, unknown>;
  const counts = Object.fromEntries(Object.entries(data).flatMap(([k, v]) => (Array.isArray(v) ? [[k, v.length]] : [])));
  const result: BenchData = {
    organiser: await login(demoOrganiser.id),
    speaker: await login(demoSpeaker.id),
    participant: await login(demoMember.id),
    trioId: demoTrio.id,
    sessionId: session.id,
    cohort: [],
    counts,
  };
  result.cohort = await Promise.all(cohortIds.map(login));
  await closeDatabase();
  return result;
}
