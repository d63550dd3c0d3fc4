import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import type { ActionResult } from "~/utils/action-result";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, TextArea } from "~/components/ui/field";
import { agendaKinds } from "~/data/enums";
import { ArchivedEditionError, getEdition } from "~/features/programme/edition.server";
import {
  addSpeakerToSession,
  getSession,
  removeSpeakerFromSession,
  scheduleProblems,
  scheduleSession,
  updateSessionTexts,
} from "~/features/programme/session.server";
import { issueToken } from "~/features/accounts/token.server";
import { createUser, DuplicateEmailError, getUserByEmail, getUserById, listUsers } from "~/features/accounts/user.server";
import { INVITE_TTL_MS } from "~/utils/auth-config.server";
import { formatTimeRange } from "~/utils/dates";
import { fromDutchParts, toDutchParts } from "~/utils/dutch-time";
import { emailField, nameField, parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { absoluteUrl, sendMail } from "~/features/notifications/mail.server";
import { invitationMail, speakerAddedMail } from "~/features/accounts/mail-templates.server";
import {
  agendaKindLabels,
  readAgendaRows,
  scheduleLabels,
  scheduleSchema,
  textsLabels,
  textsSchema,
} from "~/features/programme/session-forms";
import { useFormValidation } from "~/utils/use-form-validation";
import { requireOrganiser } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Bijeenkomst ${data?.session.number ?? ""} bewerken – Werkplaats` },
];

const inviteSchema = z.object({ name: nameField("de naam van de spreker"), email: emailField });
const inviteLabels = { name: "Naam", email: "E-mailadres" };

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
    await scheduleSession(session.id, input);
    return ok(intent, `Bijeenkomst ${session.number} is ingepland op ${formatTimeRange(startsAt, endsAt)}.`);
  }

  if (intent === "texts") {
    const result = parseForm(form, textsSchema, { maxFieldLength: 50_000 });
    const agenda = readAgendaRows(form);
    if (!result.ok || !agenda.ok) {
      const errors = { ...(result.ok ? {} : result.errors), ...(agenda.ok ? {} : { agenda: agenda.message }) };
      return fail(intent, errors);
    }
    await updateSessionTexts(session.id, { ...result.data, agenda: agenda.rows });
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
    const existing = getUserByEmail(result.data.email);
    if (existing && existing.role !== "speaker") {
      return fail(intent, { email: "Dit e-mailadres hoort bij een account dat geen spreker is." }, 400, result.values);
    }
    let speaker = existing;
    try {
      speaker ??= await createUser({ name: result.data.name, email: result.data.email, role: "speaker" });
    } catch (error) {
      if (error instanceof DuplicateEmailError)
        return fail(intent, { email: "Er bestaat al een account met dit e-mailadres." }, 400, result.values);
      throw error;
    }
    await addSpeakerToSession(session.id, speaker.id);
    if (speaker.passwordHash) {
      await sendMail(speakerAddedMail(speaker, session, edition.name, absoluteUrl(`/sessies/${session.id}`)));
    } else {
      const { token } = await issueToken("invite", speaker.id, INVITE_TTL_MS);
      await sendMail(
        invitationMail(
          speaker,
          "speaker",
          absoluteUrl(`/wachtwoord/${token}`),
          INVITE_TTL_MS / 86_400_000,
          `bijeenkomst ${session.number} (${session.title}) van ${edition.name}`,
        ),
      );
    }
    return ok(intent, `${speaker.name} is uitgenodigd als spreker voor deze bijeenkomst.`);
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

function AgendaRows({
  agenda,
  disabled,
}: {
  agenda: Array<{ start: string; end: string; kind: string; title: string }>;
  disabled: boolean;
}) {
  const rows = [...agenda, ...Array.from({ length: 2 }, () => ({ start: "", end: "", kind: "opdracht", title: "" }))];
  return (
    <fieldset className="field agenda-editor" disabled={disabled}>
      <legend>{textsLabels.agenda}</legend>
      <p className="field__hint">Laat de titel leeg om een onderdeel te verwijderen. De onderdelen worden op begintijd gesorteerd.</p>
      <div className="table-wrap" role="region" aria-label="Programmaonderdelen, horizontaal scrollbaar" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Van</th>
              <th scope="col">Tot</th>
              <th scope="col">Soort</th>
              <th scope="col">Titel</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td>
                  <input name="agendaStart" type="time" defaultValue={row.start} aria-label={`Begintijd onderdeel ${i + 1}`} />
                </td>
                <td>
                  <input name="agendaEnd" type="time" defaultValue={row.end} aria-label={`Eindtijd onderdeel ${i + 1}`} />
                </td>
                <td>
                  <select name="agendaKind" defaultValue={row.kind} aria-label={`Soort onderdeel ${i + 1}`}>
                    {agendaKinds.map((k) => (
                      <option key={k} value={k}>
                        {agendaKindLabels[k]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input name="agendaTitle" type="text" defaultValue={row.title} aria-label={`Titel onderdeel ${i + 1}`} maxLength={200} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
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

      <section aria-labelledby="planning" className="card narrow">
        <h2 id="planning">Planning</h2>
        <ErrorSummary errors={scheduleForm.errors} labels={scheduleLabels} />
        <Form method="post" noValidate onSubmit={scheduleForm.onSubmit} className="stack">
          <input type="hidden" name="intent" value="schedule" />
          <fieldset disabled={archived} className="plain-fieldset stack">
            <Field name="date" label={scheduleLabels.date} type="date" required defaultValue={sv.date} error={scheduleForm.errors?.date} />
            <div className="field-row">
              <Field
                name="start"
                label={scheduleLabels.start}
                type="time"
                required
                defaultValue={sv.start}
                error={scheduleForm.errors?.start}
              />
              <Field name="end" label={scheduleLabels.end} type="time" required defaultValue={sv.end} error={scheduleForm.errors?.end} />
            </div>
            <Field
              name="location"
              label={scheduleLabels.location}
              defaultValue={sv.location}
              error={scheduleForm.errors?.location}
              hint="Adres en zaal. Laat leeg bij een online bijeenkomst."
            />
            <Field
              name="onlineUrl"
              label={scheduleLabels.onlineUrl}
              type="url"
              defaultValue={sv.onlineUrl}
              error={scheduleForm.errors?.onlineUrl}
              hint="Bijvoorbeeld de link naar Teams of Zoom."
            />
            <div className="actions">
              <SubmitButton className="button" busy={busy}>
                Planning opslaan
              </SubmitButton>
            </div>
          </fieldset>
        </Form>
      </section>

      <section aria-labelledby="sprekers" className="card narrow">
        <h2 id="sprekers">Sprekers</h2>
        <p>Een gekoppelde spreker ziet deze bijeenkomst en publiceert er materiaal bij. Sprekers zien alleen hun eigen bijeenkomsten.</p>
        {speakers.length === 0 ? (
          <p className="empty">Er is nog geen spreker gekoppeld.</p>
        ) : (
          <ul className="plain-list">
            {speakers.map((s) => (
              <li key={s.id} className="inline-form">
                <span>
                  {s.name} ({s.email}){s.active ? "" : ", uitnodiging nog niet geaccepteerd"}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="removeSpeaker" />
                  <input type="hidden" name="speakerId" value={s.id} />
                  <button type="submit" className="button button--small button--quiet" disabled={archived || busy}>
                    Loskoppelen<span className="visually-hidden"> {s.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {otherSpeakers.length > 0 ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="addSpeaker" />
            <div className="field">
              <label htmlFor="veld-speakerId">Bestaande spreker koppelen</label>
              <select id="veld-speakerId" name="speakerId" disabled={archived}>
                {otherSpeakers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--quiet" disabled={archived || busy}>
              Koppelen
            </button>
          </Form>
        ) : null}
        <h3>Nieuwe spreker uitnodigen</h3>
        <ErrorSummary errors={inviteForm.errors} labels={inviteLabels} />
        <Form
          method="post"
          noValidate
          onSubmit={inviteForm.onSubmit}
          className="stack"
          key={actionData?.form === "inviteSpeaker" && actionData.done ? actionData.done : "invite"}
        >
          <input type="hidden" name="intent" value="inviteSpeaker" />
          <fieldset disabled={archived} className="plain-fieldset stack">
            <Field
              name="name"
              label={inviteLabels.name}
              required
              defaultValue={valuesFor("inviteSpeaker")?.name ?? session.speakerName}
              error={inviteForm.errors?.name}
            />
            <Field
              name="email"
              label={inviteLabels.email}
              type="email"
              required
              defaultValue={valuesFor("inviteSpeaker")?.email}
              error={inviteForm.errors?.email}
            />
            <div className="actions">
              <SubmitButton className="button" busy={busy}>
                Uitnodigen
              </SubmitButton>
            </div>
          </fieldset>
        </Form>
      </section>

      <section aria-labelledby="teksten" className="card">
        <h2 id="teksten">Teksten voor deze editie</h2>
        <p>
          Deze teksten zijn een kopie van het standaardprogramma. Wat je hier aanpast, geldt alleen voor {edition.name}. Opmaak met
          Markdown: **vet**, *schuin*, lijstjes met een streepje.
        </p>
        <ErrorSummary errors={textErrors} labels={textsLabels} />
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="texts" />
          <fieldset disabled={archived} className="plain-fieldset stack">
            <Field name="title" label={textsLabels.title} required defaultValue={session.title} error={textErrors?.title} />
            <Field name="theme" label={textsLabels.theme} defaultValue={session.theme} error={textErrors?.theme} />
            <div className="field-row">
              <Field
                name="speakerName"
                label={textsLabels.speakerName}
                defaultValue={session.speakerName}
                error={textErrors?.speakerName}
              />
              <Field
                name="speakerTopic"
                label={textsLabels.speakerTopic}
                defaultValue={session.speakerTopic}
                error={textErrors?.speakerTopic}
              />
            </div>
            <TextArea name="intro" label={textsLabels.intro} defaultValue={session.intro} rows={6} error={textErrors?.intro} />
            <AgendaRows agenda={session.agenda} disabled={archived} />
            {textErrors?.agenda ? <p className="field__error">{textErrors.agenda}</p> : null}
            <TextArea
              name="assignment"
              label={textsLabels.assignment}
              defaultValue={session.assignment}
              rows={10}
              error={textErrors?.assignment}
            />
            <TextArea name="homework" label={textsLabels.homework} defaultValue={session.homework} rows={6} error={textErrors?.homework} />
            <div className="actions">
              <SubmitButton className="button" busy={busy}>
                Teksten opslaan
              </SubmitButton>
            </div>
          </fieldset>
        </Form>
      </section>
    </div>
  );
}
