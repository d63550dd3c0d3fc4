import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import type { ActionResult } from "~/utils/action-result";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AgendaVersion } from "~/features/programme/agenda-view";
import { SessionPicker } from "~/features/programme/session-picker";
import { ErrorSummary } from "~/components/ui/error-summary";
import { TextArea } from "~/components/ui/field";
import { listAgendaVersions, saveAgendaVersion } from "~/features/exercises/local-agenda.server";
import { getSession } from "~/features/programme/session.server";
import { isTrioMember } from "~/features/registration/trio.server";
import exerciseStyles from "~/styles/exercises.css";
import { agendaFieldLabels, agendaFormSchema, AGENDA_ACTION_ROWS } from "~/features/exercises/agenda-form";
import { pickSession } from "~/features/exercises/exercise-session.server";
import { agendaVersionView } from "~/features/exercises/exercise-views.server";
import { parseForm, readFormData } from "~/utils/forms";
import { requireTrioChange, requireTrioMember } from "~/access/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: exerciseStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Lokale agenda van trio ${data.trio.municipality} – Werkplaats` : "Lokale agenda – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, trio } = await requireTrioMember(request, params.trioId ?? "");
  const picked = pickSession(trio.editionId, new URL(request.url).searchParams.get("sessie"));
  if (!picked) throw new Response("Deze editie heeft nog geen bijeenkomsten.", { status: 404 });
  const versions = listAgendaVersions(trio.id).map((v) => agendaVersionView(v, getSession(v.sessionId)?.number ?? 0));
  const own = versions.find((v) => v.sessionId === picked.session.id);
  // A new version starts from the latest earlier one, so the agenda grows rather than restarts.
  const startFrom = own ?? versions.filter((v) => v.sessionNumber < picked.session.number).at(-1) ?? null;
  return json({
    trio: { id: trio.id, municipality: trio.municipality },
    isMember: isTrioMember(user.id, trio.id),
    session: { id: picked.session.id, number: picked.session.number },
    sessions: picked.sessions.map((s) => ({ id: s.id, number: s.number, title: s.title })),
    startFrom,
    versions,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trio } = await requireTrioChange(request, params.trioId ?? "", "Alleen leden van het trio werken aan de lokale agenda.");
  const parsed = parseForm(await readFormData(request), agendaFormSchema);
  if (!parsed.ok) return json<ActionResult>({ errors: parsed.errors, done: null }, { status: 400 });
  const session = getSession(parsed.data.sessionId);
  if (!session || session.editionId !== trio.editionId)
    return json<ActionResult>({ errors: { sessionId: "Kies een bijeenkomst van jullie editie." }, done: null }, { status: 400 });
  const { sessionId: _ignored, ...input } = parsed.data;
  await saveAgendaVersion(trio.id, session.id, user.id, input);
  return json<ActionResult>({ errors: null, done: `De lokale agenda van bijeenkomst ${session.number} is opgeslagen.` });
}

export default function LocalAgendaPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const start = data.startFrom;
  const errors = actionData?.errors ?? null;
  return (
    <div className="stack">
      <p>
        <Link to={`/trios/${data.trio.id}`}>← Dossier van trio {data.trio.municipality}</Link>
      </p>
      <h1>Lokale agenda van {data.trio.municipality}</h1>
      <p className="lead">
        Wat willen jullie met de casus bereiken, wie doet wat en wanneer, en wie moet er meedoen? Per bijeenkomst bewaren jullie een versie,
        zodat je ziet hoe de agenda groeit.
      </p>
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}
      <ErrorSummary errors={errors} labels={agendaFieldLabels} />

      <SessionPicker sessions={data.sessions} selectedId={data.session.id} />

      {data.isMember ? (
        <section aria-labelledby="bewerken" className="stack">
          <h2 id="bewerken">{`Agenda bij bijeenkomst ${data.session.number}`}</h2>
          {!data.versions.some((v) => v.sessionId === data.session.id) && start ? (
            <p className="muted">{`Ingevuld met de versie van bijeenkomst ${start.sessionNumber}; pas aan wat er veranderd is.`}</p>
          ) : null}
          <Form method="post" className="stack" noValidate key={`${data.session.id}-${start?.savedAt ?? ""}`}>
            <input type="hidden" name="sessionId" value={data.session.id} />
            <div className="narrow stack">
              <TextArea
                name="goals"
                label="Doelen"
                rows={4}
                maxLength={5000}
                defaultValue={start?.goals ?? ""}
                error={errors?.goals}
                hint="Wat willen jullie met de casus bereiken?"
              />
            </div>
            <fieldset className="plain-fieldset">
              <legend className="field__legend">
                <strong>Acties: wat, wie en wanneer</strong>
              </legend>
              <p className="field__hint">
                Een actie met een wie of wanneer heeft ook een wat nodig. Wat: hoogstens 500 tekens, wie: 200, wanneer: 100.
              </p>
              <ActionErrors errors={errors} />
              <div className="table-wrap">
                <table className="agenda-actions">
                  <thead>
                    <tr>
                      <th scope="col">Wat</th>
                      <th scope="col">Wie</th>
                      <th scope="col">Wanneer</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Array.from({ length: AGENDA_ACTION_ROWS }, (_, i) => {
                      const action = start?.actions[i];
                      return (
                        <tr key={i}>
                          {(["what", "who", "when"] as const).map((part) => (
                            <td key={part}>
                              <ActionInput name={`${part}-${i}`} defaultValue={action?.[part] ?? ""} error={errors?.[`${part}-${i}`]} />
                            </td>
                          ))}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </fieldset>
            <div className="narrow stack">
              <TextArea
                name="stakeholders"
                label="Belanghebbenden"
                rows={3}
                maxLength={5000}
                defaultValue={start?.stakeholders ?? ""}
                error={errors?.stakeholders}
                hint="Bewoners, collega's, afdelingen, partners, bestuur."
              />
              <TextArea
                name="nextSteps"
                label="Volgende stappen"
                rows={3}
                maxLength={5000}
                defaultValue={start?.nextSteps ?? ""}
                error={errors?.nextSteps}
              />
            </div>
            <div className="actions">
              <SubmitButton className="button" busy={navigation.state !== "idle"}>
                Agenda opslaan
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="groei" className="stack">
        <h2 id="groei">Hoe de agenda groeide</h2>
        {data.versions.length === 0 ? (
          <p className="empty">Er is nog geen versie van de lokale agenda opgeslagen.</p>
        ) : (
          <ol className="plain-list stack">
            {data.versions.map((v, i) => (
              <li key={v.id} className="card">
                <AgendaVersion version={v} previous={data.versions[i - 1] ?? null} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** One cell of the action table: labelled, tied to its error, without HTML maxlength (the schema says what is too long). */
function ActionInput({ name, defaultValue, error }: { name: string; defaultValue: string; error?: string }) {
  const id = `veld-${name}`;
  return (
    <input
      id={id}
      name={name}
      aria-label={agendaFieldLabels[name]}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-fout` : undefined}
      defaultValue={defaultValue}
    />
  );
}

/** The action table's errors above it, each tied to its cell. */
function ActionErrors({ errors }: { errors: Record<string, string> | null }) {
  const cells = Object.entries(errors ?? {}).filter(([key]) => /^(what|who|when)-\d+$/.test(key));
  return (
    <>
      {cells.map(([key, message]) => (
        <p key={key} className="field__error" id={`veld-${key}-fout`}>
          <span className="visually-hidden">Fout: </span>
          {`${agendaFieldLabels[key]}: ${message}`}
        </p>
      ))}
    </>
  );
}
