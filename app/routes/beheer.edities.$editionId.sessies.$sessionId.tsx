import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Notice } from "~/components/ui/notice";
import type { ActionResult } from "~/utils/action-result";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary";
import { ArchivedEditionError, getEdition } from "~/features/programme/edition.server";
import {
  addSpeakerToSession,
  getSession,
  removeSpeakerFromSession,
  scheduleProblems,
  scheduleSession,
  updateSessionTexts,
} from "~/features/programme/session.server";
import { getUserById, listUsers } from "~/features/accounts/user.server";
import { formatTimeRange } from "~/utils/dates";
import { fromDutchParts, toDutchParts } from "~/utils/dutch-time";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { absoluteUrl, sendMail } from "~/features/notifications/mail.server";
import { speakerAddedMail } from "~/features/accounts/mail-templates.server";
import { inviteSpeaker } from "~/features/programme/speaker-invite.server";
import { SchedulePart, SpeakersPart, TextsPart } from "~/features/programme/session-editor";
import { inviteSchema, readAgendaRows, scheduleSchema, textsSchema } from "~/features/programme/session-forms";
import { useFormValidation } from "~/utils/use-form-validation";
import { requireOrganiser } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Bijeenkomst ${data?.session.number ?? ""} bewerken – Werkplaats` },
];

function load(params: LoaderFunctionArgs["params"]) {
  const edition = getEdition(params.editionId ?? "");
  const session = getSession(params.sessionId ?? "");
  if (!edition || !session || session.editionId !== edition.id) throw new Response("Deze bijeenkomst bestaat niet.", { status: 404 });
  return { edition, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const { edition, session } = load(params);
  const start = session.startsAt ? toDutchParts(session.startsAt) : null;
  const end = session.endsAt ? toDutchParts(session.endsAt) : null;
  const speakers = session.speakerIds
    .map((id) => getUserById(id))
    .filter(Boolean)
    .map((u) => ({ id: u!.id, name: u!.name, email: u!.email, active: u!.passwordHash !== null }));
  const otherSpeakers = listUsers("speaker")
    .filter((u) => !session.speakerIds.includes(u.id))
    .map((u) => ({ id: u.id, name: u.name }));
  return json({
    edition: { id: edition.id, name: edition.name, archived: Boolean(edition.archivedAt) },
    session: { ...session, scheduled: session.startsAt && session.endsAt ? formatTimeRange(session.startsAt, session.endsAt) : null },
    schedule: {
      date: start?.date ?? "",
      start: start?.time ?? "13:30",
      end: end?.time ?? "17:00",
      location: session.location,
      onlineUrl: session.onlineUrl ?? "",
    },
    speakers,
    otherSpeakers,
  });
}

/** Besides the usual result: which of the page's forms it answers. */
type SessionActionResult = ActionResult & { form: string };
const fail = (form: string, errors: FieldErrors, status = 400, values: Record<string, string> | null = null) =>
  json<SessionActionResult>({ form, errors, values, done: null }, { status });
const ok = (form: string, done: string) => json<SessionActionResult>({ form, errors: null, done });

export async function action({ request, params }: ActionFunctionArgs) {
  const organiser = await requireOrganiser(request);
  const { edition, session } = load(params);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  if (edition.archivedAt) return fail(intent, { form: new ArchivedEditionError().message }, 409);

  if (intent === "schedule") {
    const result = parseForm(form, scheduleSchema);
    if (!result.ok) return fail(intent, result.errors, 400, result.values);
    const startsAt = fromDutchParts(result.data.date, result.data.start);
    const endsAt = fromDutchParts(result.data.date, result.data.end);
    if (!startsAt || !endsAt) return fail(intent, { date: "Deze datum bestaat niet." }, 400, result.values);
    const input = { startsAt, endsAt, location: result.data.location, onlineUrl: result.data.onlineUrl || null };
    const problems = scheduleProblems(session, input);
    if (problems) return fail(intent, problems, 400, result.values);
    await scheduleSession(session.id, input, organiser.id);
    return ok(intent, `Bijeenkomst ${session.number} is ingepland op ${formatTimeRange(startsAt, endsAt)}.`);
  }

  if (intent === "texts") {
    const result = parseForm(form, textsSchema, { maxFieldLength: 50_000 });
    const agenda = readAgendaRows(form);
    if (!result.ok || !agenda.ok) {
      const errors = { ...(result.ok ? {} : result.errors), ...(agenda.ok ? {} : { agenda: agenda.message }) };
      return fail(intent, errors);
    }
    await updateSessionTexts(session.id, { ...result.data, agenda: agenda.rows }, organiser.id);
    return ok(intent, "De teksten van deze bijeenkomst zijn opgeslagen. Het standaardprogramma in content/ blijft ongewijzigd.");
  }

  if (intent === "addSpeaker") {
    const speaker = getUserById(String(form.get("speakerId") ?? ""));
    if (!speaker || speaker.role !== "speaker") return fail(intent, { speakerId: "Kies een spreker uit de lijst." });
    await addSpeakerToSession(session.id, speaker.id);
    await sendMail(speakerAddedMail(speaker, session, edition.name, absoluteUrl(`/sessies/${session.id}`)));
    return ok(intent, `${speaker.name} is gekoppeld aan deze bijeenkomst en heeft een e-mail gekregen.`);
  }

  if (intent === "inviteSpeaker") {
    const result = parseForm(form, inviteSchema);
    if (!result.ok) return fail(intent, result.errors, 400, result.values);
    const invited = await inviteSpeaker(session, edition.name, result.data);
    if (!invited.ok) return fail(intent, invited.errors, 400, result.values);
    return ok(intent, `${invited.speaker.name} is uitgenodigd als spreker voor deze bijeenkomst.`);
  }

  if (intent === "removeSpeaker") {
    const speakerId = String(form.get("speakerId") ?? "");
    if (!session.speakerIds.includes(speakerId)) return fail(intent, { form: "Deze spreker is niet aan deze bijeenkomst gekoppeld." });
    await removeSpeakerFromSession(session.id, speakerId);
    return ok(
      intent,
      `${getUserById(speakerId)?.name ?? "De spreker"} is losgekoppeld van deze bijeenkomst. Het materiaal blijft bewaard.`,
    );
  }

  void organiser;
  return fail(intent, { form: "Onbekende actie." });
}

export default function SessionEditPage() {
  const { edition, session, schedule, speakers, otherSpeakers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errorsFor = (form: string) => (actionData?.form === form ? actionData.errors : null);
  const valuesFor = (form: string) => (actionData?.form === form ? actionData.values : null);
  const scheduleForm = useFormValidation(scheduleSchema, errorsFor("schedule"));
  const inviteForm = useFormValidation(inviteSchema, errorsFor("inviteSpeaker"));
  const sv = valuesFor("schedule") ?? schedule;
  const textErrors = errorsFor("texts");
  const archived = edition.archived;

  return (
    <div className="stack">
      <p>
        <Link to={`/beheer/edities/${edition.id}`}>← {edition.name}</Link>
      </p>
      <h1>{`Bijeenkomst ${session.number}: ${session.title}`}</h1>
      <p className="muted">
        {session.scheduled ?? "Nog niet ingepland"} · <Link to={`/sessies/${session.id}`}>Bekijk de pagina zoals deelnemers die zien</Link>{" "}
        · <Link to={`/beheer/edities/${edition.id}/sessies/${session.id}/draaiboek`}>Draaiboek (de bijeenkomst live leiden)</Link> ·{" "}
        <Link to={`/beheer/edities/${edition.id}/aanwezigheid`}>Aanwezigheid</Link>
      </p>
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}
      {archived ? <Notice tone="info">Deze editie is gearchiveerd: je kunt alles lezen, maar niets wijzigen.</Notice> : null}
      {actionData?.errors?.form ? <ErrorSummary errors={{ form: actionData.errors.form }} /> : null}

      <SchedulePart scheduleForm={scheduleForm} sv={sv} archived={archived} busy={busy} />
      <SpeakersPart
        speakers={speakers}
        otherSpeakers={otherSpeakers}
        inviteForm={inviteForm}
        inviteValues={valuesFor("inviteSpeaker") ?? null}
        defaultName={session.speakerName}
        formKey={actionData?.form === "inviteSpeaker" && actionData.done ? actionData.done : "invite"}
        archived={archived}
        busy={busy}
      />
      <TextsPart session={session} editionName={edition.name} textErrors={textErrors} archived={archived} busy={busy} />
    </div>
  );
}
