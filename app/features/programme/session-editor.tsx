import type { FormEvent } from "react";
import { Form } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, TextArea } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/submit-button";
import { agendaKinds } from "~/data/enums";
import type { FieldErrors } from "~/utils/forms";
import { agendaKindLabels, inviteLabels, scheduleLabels, textsLabels, TEXT_MAX } from "./session-forms";

/** The three parts of the organiser's session page: planning, speakers and the edition's texts. */

type Validation = { errors: FieldErrors | null; onSubmit: (event: FormEvent<HTMLFormElement>) => void };
type ScheduleValues = Partial<Record<"date" | "start" | "end" | "location" | "onlineUrl", string>>;

export function SchedulePart({
  scheduleForm,
  sv,
  archived,
  busy,
}: {
  scheduleForm: Validation;
  sv: ScheduleValues;
  archived: boolean;
  busy: boolean;
}) {
  return (
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
            optionalNote="een van beide verplicht: locatie of link"
            hint="Adres en zaal. Vul een locatie of een link voor online deelname in, of allebei."
          />
          <Field
            name="onlineUrl"
            label={scheduleLabels.onlineUrl}
            type="url"
            defaultValue={sv.onlineUrl}
            error={scheduleForm.errors?.onlineUrl}
            optionalNote="een van beide verplicht: locatie of link"
            hint="Bijvoorbeeld de link naar Teams of Zoom. Niet nodig als je een locatie invult."
          />
          <div className="actions">
            <SubmitButton className="button" busy={busy}>
              Planning opslaan
            </SubmitButton>
          </div>
        </fieldset>
      </Form>
    </section>
  );
}

type Speaker = { id: string; name: string; email: string; active: boolean };

export function SpeakersPart({
  speakers,
  otherSpeakers,
  inviteForm,
  inviteValues,
  defaultName,
  formKey,
  archived,
  busy,
}: {
  speakers: Speaker[];
  otherSpeakers: Array<{ id: string; name: string }>;
  inviteForm: Validation;
  inviteValues: Record<string, string> | null;
  defaultName: string;
  formKey: string;
  archived: boolean;
  busy: boolean;
}) {
  return (
    <section aria-labelledby="sprekers" className="card narrow">
      <h2 id="sprekers">Sprekers</h2>
      <p>
        Een gekoppelde spreker ziet deze bijeenkomst en publiceert er materiaal bij. Sprekers zien alleen hun eigen bijeenkomsten.
        Deelnemers zien overal de naam van de gekoppelde spreker.
      </p>
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
                <SubmitButton busy={busy} className="button button--small button--quiet" disabled={archived}>
                  Loskoppelen<span className="visually-hidden"> {s.name}</span>
                </SubmitButton>
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
          <SubmitButton busy={busy} className="button button--quiet" disabled={archived}>
            Koppelen
          </SubmitButton>
        </Form>
      ) : null}
      <h3>Nieuwe spreker uitnodigen</h3>
      <ErrorSummary errors={inviteForm.errors} labels={inviteLabels} />
      <Form method="post" noValidate onSubmit={inviteForm.onSubmit} className="stack" key={formKey}>
        <input type="hidden" name="intent" value="inviteSpeaker" />
        <fieldset disabled={archived} className="plain-fieldset stack">
          <Field
            name="name"
            label={inviteLabels.name}
            required
            defaultValue={inviteValues?.name ?? defaultName}
            error={inviteForm.errors?.name}
          />
          <Field
            name="email"
            label={inviteLabels.email}
            type="email"
            required
            defaultValue={inviteValues?.email}
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
  );
}

type Texts = {
  title: string;
  theme: string;
  speakerName: string;
  speakerTopic: string;
  intro: string;
  agenda: Array<{ start: string; end: string; kind: string; title: string }>;
  assignment: string;
  homework: string;
};

export function TextsPart({
  session,
  editionName,
  textErrors,
  archived,
  busy,
}: {
  session: Texts;
  editionName: string;
  textErrors: FieldErrors | null;
  archived: boolean;
  busy: boolean;
}) {
  return (
    <section aria-labelledby="teksten" className="card">
      <h2 id="teksten">Teksten voor deze editie</h2>
      <p>
        Deze teksten zijn een kopie van het standaardprogramma. Wat je hier aanpast, geldt alleen voor {editionName}. Opmaak met Markdown:
        **vet**, *schuin*, lijstjes met een streepje.
      </p>
      <ErrorSummary errors={textErrors} labels={textsLabels} />
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="texts" />
        <fieldset disabled={archived} className="plain-fieldset stack">
          <Field name="title" label={textsLabels.title} required maxLength={200} defaultValue={session.title} error={textErrors?.title} />
          <Field name="theme" label={textsLabels.theme} maxLength={300} defaultValue={session.theme} error={textErrors?.theme} />
          <div className="field-row">
            <Field
              name="speakerName"
              label={textsLabels.speakerName}
              maxLength={200}
              defaultValue={session.speakerName}
              error={textErrors?.speakerName}
              hint="Geldt zolang er geen spreker gekoppeld is; daarna zien deelnemers de naam van de gekoppelde spreker."
            />
            <Field
              name="speakerTopic"
              label={textsLabels.speakerTopic}
              maxLength={300}
              defaultValue={session.speakerTopic}
              error={textErrors?.speakerTopic}
            />
          </div>
          <TextArea
            name="intro"
            label={textsLabels.intro}
            maxLength={TEXT_MAX}
            defaultValue={session.intro}
            rows={6}
            error={textErrors?.intro}
          />
          <AgendaRows agenda={session.agenda} disabled={archived} />
          {textErrors?.agenda ? (
            <p className="field__error" id="veld-agenda" tabIndex={-1}>
              {textErrors.agenda}
            </p>
          ) : null}
          <TextArea
            name="assignment"
            label={textsLabels.assignment}
            maxLength={TEXT_MAX}
            defaultValue={session.assignment}
            rows={10}
            error={textErrors?.assignment}
          />
          <TextArea
            name="homework"
            label={textsLabels.homework}
            maxLength={TEXT_MAX}
            defaultValue={session.homework}
            rows={6}
            error={textErrors?.homework}
          />
          <div className="actions">
            <SubmitButton className="button" busy={busy}>
              Teksten opslaan
            </SubmitButton>
          </div>
        </fieldset>
      </Form>
    </section>
  );
}

export function AgendaRows({
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
                  <input name="agendaTitle" type="text" defaultValue={row.title} aria-label={`Titel onderdeel ${i + 1}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
