/**
 * The programme in a real browser against a real server with the demo seed: an
 * organiser creates an edition and plans and edits a session; the seeded speaker
 * writes, uploads and schedules material; a participant sees it only once its
 * moment has come and downloads the file; questions are asked, read and hidden;
 * a speaker is refused another speaker's session; and the busiest pages fit a
 * 360 px screen. Every page visited gets an axe scan and must produce no console
 * errors, page errors or failed requests.
 *
 * The tests run in order and build on each other (the material of test 2 is what
 * the participant of test 3 sees). Each person gets a fresh browser context.
 */
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import type { Material } from "~/data/schema.server";
import { formatDateTime, formatTimeRange } from "~/utils/dates";
import { minimalPdf } from "../setup/sample-files";
import { seededLogin, type TestServer } from "../setup/test-server";
import {
  checkPage,
  loginThroughForm,
  openPage,
  takeExpectedStatusLog,
  visit,
  waitForHydration,
  uploadThrottled,
  withServerAndBrowser,
} from "./helpers";

let server: TestServer;
let browser: Browser;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** The Amsterdam wall clock at an instant, as date and time inputs want it (computed here, not with the app's helper). */
function dutchParts(at: Date): { date: string; time: string } {
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The seeded edition's session the seeded speaker is linked to, and the next one. */
function seededSessions() {
  const speaker = getDb().data.users.find((u) => u.email === seededLogin(server, "speaker").email)!;
  const own = getDb().data.sessions.find((s) => s.speakerIds.includes(speaker.id))!;
  const other = getDb().data.sessions.find((s) => s.editionId === own.editionId && s.number === 2)!;
  return { own, other };
}

const TEXT_TITLE = "Samenvatting van de lezing";
const FILE_TITLE = "Presentatie van de lezing";
const LINK_TITLE = "Leestip over wijkgericht werken";
const FILE_NAME = "presentatie-werkplaats.pdf";
/** A real PDF of about 1.5 MB (comment lines), so the upload takes a moment on a throttled connection. */
const PDF = minimalPdf(`% ${"opvulling ".repeat(100)}\n`.repeat(1500));
const QUESTION = "Hoe betrek je bewoners die niet naar een avond komen?";

/** Set by the speaker's test: the future moment both items are published at. */
let moment: { iso: string; date: string; time: string } | null = null;

const rowOf = (page: Page, title: string) => page.locator("tbody tr", { hasText: title });
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

type Opened = Awaited<ReturnType<typeof openPage>>;
type Role = "organiser" | "speaker" | "participant";
/** Session cookies of each person, kept after their first login through the form. */
const cookieJar = new Map<string, Awaited<ReturnType<Opened["context"]["cookies"]>>>();

/**
 * Logs a person in: the first time through the login form (landing on the home
 * page, which gets checked); after that their new context gets the session
 * cookie of that login, which saves a password hash per context.
 */
async function logIn({ context, page, problems }: Opened, role: Role, detail?: string) {
  const login = seededLogin(server, role, detail);
  const key = `${role} ${detail ?? ""}`;
  const saved = cookieJar.get(key);
  if (saved) {
    await context.addCookies(saved);
    return login;
  }
  await loginThroughForm(page, server.url, login.email, login.password);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(`Welkom, ${login.name}`);
  await checkPage(page, problems, `/ (${role})`);
  cookieJar.set(key, await context.cookies());
  return login;
}

describe("the programme of an edition", () => {
  it("an organiser creates an edition, plans session 1 and edits its homework", async () => {
    const opened = await openPage(browser);
    const { context, page, problems } = opened;
    try {
      await logIn(opened, "organiser");
      await visit(page, server.url, "/beheer/edities", problems);

      const today = dutchParts(new Date());
      const closes = dutchParts(new Date(Date.now() + 30 * DAY_MS));
      const name = "Werkplaats wijkgericht werken (voorjaar)";
      await page.getByLabel("Naam van de editie").fill(name);
      await page.getByLabel("Jaar", { exact: true }).fill(today.date.slice(0, 4));
      await page.getByLabel("Aantal plaatsen (trio's)").fill("8");
      await page.getByLabel("Aanmelding opent op").fill(today.date);
      await page.getByLabel("Aanmelding sluit na").fill(closes.date);
      await page.getByRole("button", { name: "Editie aanmaken" }).click();

      await page.waitForURL(new RegExp(`^${server.url}/beheer/edities/[^/?]+\\?nieuw=1$`));
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(name);
      expect(await page.getByRole("status").innerText()).toContain("De editie is aangemaakt met de vier bijeenkomsten");
      const sessions = page.locator("ol.session-list > li");
      expect(await sessions.count()).toBe(4);
      expect(await sessions.getByText("Nog niet ingepland", { exact: true }).count()).toBe(4);
      await checkPage(page, problems, "/beheer/edities/:id?nieuw=1");
      const editionId = new URL(page.url()).pathname.split("/").at(-1)!;
      const edition = getDb().data.editions.find((e) => e.id === editionId);
      expect(edition?.name).toBe(name);
      expect(edition?.capacity).toBe(8);

      // Session 1: plan it.
      await page.getByRole("link", { name: "Plannen en bewerken bijeenkomst 1" }).click();
      await page.waitForURL(new RegExp(`^${server.url}/beheer/edities/${editionId}/sessies/[^/]+$`));
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toMatch(/^Bijeenkomst 1: /);
      await checkPage(page, problems, "/beheer/edities/:id/sessies/:id");
      const sessionId = new URL(page.url()).pathname.split("/").at(-1)!;

      const day = dutchParts(new Date(Date.now() + 60 * DAY_MS)).date;
      await page.getByLabel("Datum", { exact: true }).fill(day);
      await page.getByLabel("Begintijd", { exact: true }).fill("13:30");
      await page.getByLabel("Eindtijd", { exact: true }).fill("17:00");
      await page.getByLabel(/^Locatie/).fill("Den Haag, Het Nutshuis, Riviervismarkt 5");
      await page.getByRole("button", { name: "Planning opslaan" }).click();
      const session = () => getDb().data.sessions.find((s) => s.id === sessionId)!;
      await expect.poll(() => session().startsAt).not.toBeNull();
      const planned = formatTimeRange(session().startsAt!, session().endsAt!);
      expect(planned).toContain("13:30 – 17:00");
      await expect.poll(() => page.getByRole("status").innerText()).toBe(`Bijeenkomst 1 is ingepland op ${planned}.`);
      expect(dutchParts(new Date(session().startsAt!))).toEqual({ date: day, time: "13:30" });
      expect(session().location).toBe("Den Haag, Het Nutshuis, Riviervismarkt 5");
      await checkPage(page, problems, "session edit page after planning");

      // An end before the start: the Dutch summary, in the browser, and nothing changes.
      const posts: string[] = [];
      page.on("request", (request) => {
        if (request.method() !== "GET") posts.push(request.url());
      });
      await page.getByLabel("Begintijd", { exact: true }).fill("15:00");
      await page.getByLabel("Eindtijd", { exact: true }).fill("14:00");
      await page.getByRole("button", { name: "Planning opslaan" }).click();
      const summary = page.getByRole("alert");
      await expect.poll(() => summary.count()).toBe(1);
      expect(await summary.getByRole("heading").innerText()).toBe("Er is een probleem");
      expect(await summary.getByRole("link").allInnerTexts()).toEqual(["Eindtijd: De eindtijd moet na de begintijd liggen."]);
      expect(await page.getByLabel("Eindtijd", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
      expect(posts).toEqual([]);
      expect(formatTimeRange(session().startsAt!, session().endsAt!)).toBe(planned);
      await checkPage(page, problems, "session edit page with errors");

      // Edit the homework and read it on the page participants see.
      await page.getByLabel(/^Huiswerk/).fill("Lees **het wijkprofiel** van je eigen gemeente.\n\n- Noteer drie opvallende cijfers");
      await page.getByRole("button", { name: "Teksten opslaan" }).click();
      await expect.poll(() => page.getByRole("status").innerText()).toContain("De teksten van deze bijeenkomst zijn opgeslagen.");
      expect(session().homework).toContain("**het wijkprofiel**");
      await checkPage(page, problems, "session edit page after saving the texts");

      await page.getByRole("link", { name: "Bekijk de pagina zoals deelnemers die zien" }).click();
      await page.waitForURL(`${server.url}/sessies/${sessionId}`);
      const homework = page.getByRole("region", { name: "Huiswerk" });
      await expect.poll(() => homework.innerText()).toContain("Lees het wijkprofiel van je eigen gemeente.");
      expect(await homework.locator("strong").innerText()).toBe("het wijkprofiel");
      expect(await homework.locator("li").innerText()).toBe("Noteer drie opvallende cijfers");
      expect(await page.locator(".when-where").innerText()).toContain(planned);
      await checkPage(page, problems, "/sessies/:id (organiser)");

      // Back on the edition page, session 1 is planned and the other three are not.
      await visit(page, server.url, `/beheer/edities/${editionId}`, problems);
      expect(await sessions.getByText("Nog niet ingepland", { exact: true }).count()).toBe(3);
      expect(await sessions.first().innerText()).toContain(planned);
    } finally {
      await context.close();
    }
  });

  it("the speaker writes a text, uploads a PDF, schedules both and keeps a draft", async () => {
    const opened = await openPage(browser);
    const { context, page, problems } = opened;
    try {
      const { own } = seededSessions();
      await logIn(opened, "speaker");
      if (page.url() !== `${server.url}/`) await visit(page, server.url, "/", problems);
      const card = page.locator("main .card", { hasText: own.title });
      expect(await card.count()).toBe(1);
      await card.getByRole("link", { name: "Materiaal beheren" }).click();
      await page.waitForURL(`${server.url}/sessies/${own.id}/materiaal`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Materiaal");
      expect(await page.locator("main .empty").innerText()).toContain("Nog geen materiaal.");
      await checkPage(page, problems, "/sessies/:id/materiaal (empty)");

      // About two minutes ahead, on a whole minute (the fields have no seconds).
      const at = new Date(Math.ceil((Date.now() + 2 * 60_000) / 60_000) * 60_000);
      moment = { iso: at.toISOString(), ...dutchParts(at) };

      // 1. A text, with the live preview.
      await page.getByRole("link", { name: "Tekst schrijven" }).click();
      await page.waitForURL(`${server.url}/sessies/${own.id}/materiaal/nieuw?soort=text`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Nieuw: tekst");
      await checkPage(page, problems, "material editor (new text)");
      await page.getByLabel("Titel", { exact: true }).fill(TEXT_TITLE);
      await page
        .getByLabel("Tekst", { exact: true })
        .fill("Drie lessen uit de lezing:\n\n- **Begin klein** in één straat\n- Vraag bewoners wat *zij* zien");
      const preview = page.getByRole("region", { name: "Voorbeeld" });
      await expect
        .poll(
          () =>
            preview
              .locator(".prose strong")
              .innerText()
              .catch(() => ""),
          { timeout: 5_000 },
        )
        .toBe("Begin klein");
      expect(await preview.locator(".prose em").innerText()).toBe("zij");
      expect(await preview.locator(".prose li").count()).toBe(2);
      await page.getByLabel("Publiceren op een gekozen moment").check();
      await page.getByLabel("Datum van publicatie").fill(moment.date);
      await page.getByLabel("Tijd van publicatie").fill(moment.time);
      await checkPage(page, problems, "material editor (text, with preview)");
      await page.getByRole("button", { name: "Opslaan" }).click();
      await page.waitForURL(`${server.url}/sessies/${own.id}/materiaal?opgeslagen=1`);
      await expect.poll(() => rowOf(page, TEXT_TITLE).count()).toBe(1);
      await checkPage(page, problems, "/sessies/:id/materiaal after the text");

      // 2. A PDF through the upload component, on a throttled connection to see the progress.
      await page.getByRole("link", { name: "Bestand toevoegen" }).click();
      await page.waitForURL(`${server.url}/sessies/${own.id}/materiaal/nieuw?soort=file`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Nieuw: bestand");
      await checkPage(page, problems, "material editor (new file)");
      await page.getByLabel("Titel", { exact: true }).fill(FILE_TITLE);
      const picker = page.getByLabel("Bestand kiezen", { exact: true });
      await expect.poll(() => picker.isEnabled()).toBe(true);
      const { progress, fullSpeed } = await uploadThrottled(context, page, picker, {
        name: FILE_NAME,
        mimeType: "application/pdf",
        buffer: PDF,
      });
      await expect
        .poll(
          () =>
            page
              .locator(".file-upload .notice--success")
              .innerText()
              .catch(() => ""),
          { timeout: 10_000 },
        )
        .toContain(FILE_NAME);
      await fullSpeed();
      expect(await progress.count()).toBe(0);
      expect(await page.locator("#veld-fileId").innerText()).toContain(`Gekozen bestand: ${FILE_NAME}`);
      await expect.poll(() => page.locator(".file-upload [role=status]").innerText()).toBe(`${FILE_NAME} is geüpload.`);
      const fileId = await page.locator('input[type=hidden][name="fileId"]').inputValue();
      expect(getDb().data.files.find((f) => f.id === fileId)?.size).toBe(PDF.length);
      await page.getByLabel("Publiceren op een gekozen moment").check();
      await page.getByLabel("Datum van publicatie").fill(moment.date);
      await page.getByLabel("Tijd van publicatie").fill(moment.time);
      await checkPage(page, problems, "material editor (file uploaded)");
      await page.getByRole("button", { name: "Opslaan" }).click();
      await page.waitForURL(`${server.url}/sessies/${own.id}/materiaal?opgeslagen=1`);
      await expect.poll(() => rowOf(page, FILE_TITLE).count()).toBe(1);

      // 3. A link, kept as a draft (the editor's default).
      await page.getByRole("link", { name: "Link delen" }).click();
      await page.waitForURL(`${server.url}/sessies/${own.id}/materiaal/nieuw?soort=link`);
      await waitForHydration(page);
      await page.getByLabel("Titel", { exact: true }).fill(LINK_TITLE);
      await page.getByLabel("Link", { exact: true }).fill("https://example.org/wijkgericht-werken");
      expect(await page.getByLabel("Nog niet: bewaren als concept").isChecked()).toBe(true);
      await checkPage(page, problems, "material editor (new link)");
      await page.getByRole("button", { name: "Opslaan" }).click();
      await page.waitForURL(`${server.url}/sessies/${own.id}/materiaal?opgeslagen=1`);
      await expect.poll(() => rowOf(page, LINK_TITLE).count()).toBe(1);

      // The list shows each state; the moment is the one chosen, in Dutch time.
      const scheduled = `Gepland voor ${formatDateTime(moment.iso)}`;
      expect(await rowOf(page, TEXT_TITLE).locator(".status").innerText()).toBe(scheduled);
      expect(await rowOf(page, FILE_TITLE).locator(".status").innerText()).toBe(scheduled);
      expect(await rowOf(page, LINK_TITLE).locator(".status").innerText()).toBe("Concept, nog niet zichtbaar");
      expect(await page.locator("tbody tr").count()).toBe(3);
      await checkPage(page, problems, "/sessies/:id/materiaal with three items");
      const stored = getDb().data.materials.filter((m) => m.sessionId === own.id);
      expect(stored.map((m) => [m.kind, m.revisions.at(-1)!.status, m.revisions.at(-1)!.publishAt])).toEqual([
        ["text", "published", moment.iso],
        ["file", "published", moment.iso],
        ["link", "draft", null],
      ]);

      // The session page tells the speaker that participants do not see them yet.
      await page.getByRole("link", { name: /^← Bijeenkomst 1/ }).click();
      await page.waitForURL(`${server.url}/sessies/${own.id}`);
      await expect
        .poll(() => page.locator("main .notice").first().innerText())
        .toContain("Er staan 3 items materiaal klaar dat deelnemers nog niet zien.");
      await checkPage(page, problems, "/sessies/:id (speaker)");
    } finally {
      await context.close();
    }
  });

  it("a participant sees the material only once its moment has come, and downloads the PDF", async () => {
    expect(moment, "the speaker's test scheduled the material").not.toBeNull();
    const { own } = seededSessions();
    const materials = () => getDb().data.materials.filter((m) => m.sessionId === own.id && !m.deletedAt);
    const fileId = materials()
      .find((m) => m.kind === "file")!
      .revisions.at(-1)!.fileId!;
    const opened = await openPage(browser);
    const { context, page, problems } = opened;
    try {
      // Still before the moment (it is minutes away): nothing is visible.
      expect(moment!.iso > new Date().toISOString()).toBe(true);
      await logIn(opened, "participant", "trio Altena");
      if (page.url() !== `${server.url}/`) await visit(page, server.url, "/", problems);
      const newMaterial = page.getByRole("region", { name: "Nieuw materiaal" });
      expect(await newMaterial.innerText()).toContain("Geen nieuw materiaal in de afgelopen twee weken.");
      await visit(page, server.url, `/sessies/${own.id}`, problems);
      const section = page.getByRole("region", { name: "Materiaal van de spreker" });
      expect(await section.innerText()).toContain("Er is nog geen materiaal gepubliceerd.");
      for (const title of [TEXT_TITLE, FILE_TITLE, LINK_TITLE]) expect(await page.getByText(title).count()).toBe(0);
      expect(await page.getByText("Materiaal beheren").count()).toBe(0);

      // The file's address, asked for directly, is a 404, the same answer as for a file that does not exist.
      const refused = await page.goto(`${server.url}/bestanden/${fileId}`);
      expect(refused?.status()).toBe(404);
      expect(await page.locator("body").innerText()).toBe("Dit bestand bestaat niet of je hebt er geen toegang toe.");
      await takeExpectedStatusLog(problems, 404, page.url());
      expect(problems).toEqual([]);

      // Let the moment arrive: the scheduled revisions now started a second ago (records replaced, not mutated).
      const past = new Date(Date.now() - 1_000).toISOString();
      await getDb().change((data) => {
        data.materials = data.materials.map((m): Material =>
          m.sessionId === own.id && m.revisions.some((r) => r.publishAt === moment!.iso)
            ? { ...m, revisions: m.revisions.map((r) => (r.publishAt === moment!.iso ? { ...r, publishAt: past } : r)) }
            : m,
        );
      });

      await visit(page, server.url, `/sessies/${own.id}`, problems);
      const items = section.locator(".material-list > li");
      expect(await items.count()).toBe(2);
      const text = items.filter({ hasText: TEXT_TITLE });
      expect(await text.locator(".prose strong").innerText()).toBe("Begin klein");
      expect(await text.innerText()).toContain(`Gepubliceerd ${formatDateTime(past)}`);
      const file = items.filter({ hasText: FILE_TITLE });
      const download = file.getByRole("link", { name: `Download ${FILE_NAME}` });
      expect(await download.getAttribute("href")).toBe(`/bestanden/${fileId}`);
      expect(await page.getByText(LINK_TITLE).count()).toBe(0);
      expect(await section.getByText("Er is nog geen materiaal gepubliceerd.").count()).toBe(0);

      const downloading = page.waitForEvent("download");
      await download.click();
      const downloaded = await downloading;
      expect(downloaded.suggestedFilename()).toBe(FILE_NAME);
      const bytes = await readFile((await downloaded.path())!);
      expect(bytes.length).toBe(PDF.length);
      expect(bytes.equals(PDF)).toBe(true);
      expect(problems).toEqual([]);

      // The home page lists both as new material, the draft not.
      await visit(page, server.url, "/", problems);
      const links = newMaterial.getByRole("link");
      expect((await links.allInnerTexts()).sort()).toEqual([FILE_TITLE, TEXT_TITLE].sort());
      expect(await links.first().getAttribute("href")).toBe(`/sessies/${own.id}#materiaal`);
      expect(await newMaterial.getByText(LINK_TITLE).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("a participant asks a question, the speaker reads it, the organiser hides it", async () => {
    const { own } = seededSessions();
    const [participant, speaker, organiser] = await Promise.all([openPage(browser), openPage(browser), openPage(browser)]);
    try {
      await Promise.all([logIn(participant, "participant", "trio Altena"), logIn(speaker, "speaker"), logIn(organiser, "organiser")]);
      {
        const { page, problems } = participant;
        await visit(page, server.url, `/sessies/${own.id}`, problems);
        await page.getByLabel(/^Je vraag/).fill(QUESTION);
        await page.getByRole("button", { name: "Vraag plaatsen" }).click();
        await expect.poll(() => page.getByRole("status").filter({ hasText: "Je vraag is geplaatst." }).count()).toBe(1);
        const questions = page.getByRole("region", { name: "Vragen voor de spreker" });
        await expect.poll(() => questions.locator(".question__text").allInnerTexts()).toEqual([QUESTION]);
        // The form is empty again for a next question.
        expect(await page.getByLabel(/^Je vraag/).inputValue()).toBe("");
        await checkPage(page, problems, "/sessies/:id after asking");
      }

      const questionsOf = (page: Page) => page.getByRole("region", { name: "Vragen voor de spreker" });
      {
        const { page, problems } = speaker;
        await visit(page, server.url, `/sessies/${own.id}`, problems);
        const question = questionsOf(page).locator("li", { hasText: QUESTION });
        expect(await question.count()).toBe(1);
        expect(await question.innerText()).toContain("Trio Altena");
        // Speakers see the trio, not the person.
        expect(await question.innerText()).not.toContain(seededLogin(server, "participant", "trio Altena").name);
      }

      {
        const { page, problems } = organiser;
        await visit(page, server.url, `/sessies/${own.id}`, problems);
        await questionsOf(page).getByRole("button", { name: "Verbergen vraag van trio Altena" }).click();
        await expect.poll(() => page.getByRole("status").innerText()).toBe("De vraag is verborgen voor deelnemers en de spreker.");
        const question = questionsOf(page).locator("li", { hasText: QUESTION });
        await expect.poll(() => question.innerText()).toContain("verborgen");
        expect(await question.getByRole("button", { name: "Weer tonen vraag van trio Altena" }).count()).toBe(1);
        await checkPage(page, problems, "/sessies/:id after hiding (organiser)");
      }

      {
        const { page, problems } = speaker;
        await visit(page, server.url, `/sessies/${own.id}`, problems);
        expect(await questionsOf(page).getByText(QUESTION).count()).toBe(0);
        expect(await questionsOf(page).innerText()).toContain("Er zijn nog geen vragen gesteld.");
      }
    } finally {
      await Promise.all([participant.context.close(), speaker.context.close(), organiser.context.close()]);
    }
  });

  it("a speaker opening another speaker's session gets the 403 page", async () => {
    const { other } = seededSessions();
    const opened = await openPage(browser);
    const { context, page, problems } = opened;
    try {
      await logIn(opened, "speaker");
      await visit(page, server.url, `/sessies/${other.id}`, problems, 403);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Geen toegang");
      expect(await page.title()).toBe("Geen toegang – Werkplaats");
      // Its material is refused the same way.
      await visit(page, server.url, `/sessies/${other.id}/materiaal`, problems, 403);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Geen toegang");
    } finally {
      await context.close();
    }
  });

  it("at 360 px the session page, the material editor and the organiser's session page do not scroll sideways", async () => {
    const { own } = seededSessions();
    const textMaterial = getDb().data.materials.find((m) => m.sessionId === own.id && m.kind === "text")!;
    const people = await Promise.all([0, 1, 2].map(() => openPage(browser, { width: 360, height: 740 })));
    try {
      const [participant, speaker, organiser] = people;
      await Promise.all([logIn(participant, "participant", "trio Altena"), logIn(speaker, "speaker"), logIn(organiser, "organiser")]);
      await visit(participant.page, server.url, `/sessies/${own.id}`, participant.problems);
      expect(await participant.page.locator(".material-list > li").count()).toBe(2);
      expect(await scrollWidth(participant.page), "session page").toBeLessThanOrEqual(360);

      await visit(speaker.page, server.url, `/sessies/${own.id}/materiaal/${textMaterial.id}`, speaker.problems);
      await expect
        .poll(() =>
          speaker.page
            .locator(".markdown-editor__preview .prose strong")
            .innerText()
            .catch(() => ""),
        )
        .toBe("Begin klein");
      expect(await scrollWidth(speaker.page), "material editor (text)").toBeLessThanOrEqual(360);
      await visit(speaker.page, server.url, `/sessies/${own.id}/materiaal/nieuw?soort=file`, speaker.problems);
      expect(await scrollWidth(speaker.page), "material editor (file)").toBeLessThanOrEqual(360);
      await visit(speaker.page, server.url, `/sessies/${own.id}/materiaal`, speaker.problems);
      expect(await scrollWidth(speaker.page), "material list").toBeLessThanOrEqual(360);

      await visit(organiser.page, server.url, `/beheer/edities/${own.editionId}/sessies/${own.id}`, organiser.problems);
      expect(await scrollWidth(organiser.page), "organiser's session page").toBeLessThanOrEqual(360);
    } finally {
      await Promise.all(people.map((p) => p.context.close()));
    }
  });
});
