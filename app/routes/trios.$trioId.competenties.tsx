import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import type { ActionResult } from "~/utils/action-result";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CompetenceChart } from "~/features/exercises/competence-chart";
import { SessionPicker } from "~/features/programme/session-picker";
import { ErrorSummary } from "~/components/ui/error-summary";
import { listAssessmentsOfTrio, saveAssessment, trioCompetenceSummary } from "~/features/exercises/competence.server";
import { getSession } from "~/features/programme/session.server";
import { isTrioMember } from "~/features/registration/trio.server";
import exerciseStyles from "~/styles/exercises.css";
import { COMPETENCE_MAX, COMPETENCE_MIN, competences, competenceScaleLabels, competenceTexts } from "~/features/exercises/exercise-content";
import { pickSession } from "~/features/exercises/exercise-session.server";
import { parseForm, readFormData } from "~/utils/forms";
import { requireTrioChange, requireTrioMember } from "~/access/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: exerciseStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Competenties van trio ${data.trio.municipality} – Werkplaats` : "Competenties – Werkplaats" },
];

const score = (name: string) =>
  z
    .string({ required_error: `Kies een score bij ‘${name}’.` })
    .regex(
      new RegExp(`^[${COMPETENCE_MIN}-${COMPETENCE_MAX}]$`),
      `Kies een score van ${COMPETENCE_MIN} tot ${COMPETENCE_MAX} bij ‘${name}’.`,
    )
    .transform(Number);

const assessmentSchema = z.object({
  sessionId: z.string().min(1, "Kies de bijeenkomst.").max(64),
  ...Object.fromEntries(competences.map((c) => [c, score(competenceTexts[c].name)])),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, trio } = await requireTrioMember(request, params.trioId ?? "");
  const picked = pickSession(trio.editionId, new URL(request.url).searchParams.get("sessie"));
  if (!picked) throw new Response("Deze editie heeft nog geen bijeenkomsten.", { status: 404 });
  const own = listAssessmentsOfTrio(trio.id).find((a) => a.userId === user.id && a.sessionId === picked.session.id);
  return json({
    trio: { id: trio.id, municipality: trio.municipality },
    isMember: isTrioMember(user.id, trio.id),
    session: { id: picked.session.id, number: picked.session.number },
    sessions: picked.sessions.map((s) => ({ id: s.id, number: s.number, title: s.title })),
    own: own?.scores ?? null,
    summary: trioCompetenceSummary(trio.id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trio } = await requireTrioChange(request, params.trioId ?? "", "Alleen leden van het trio beoordelen zichzelf.");
  const parsed = parseForm(await readFormData(request), assessmentSchema);
  if (!parsed.ok) return json<ActionResult>({ errors: parsed.errors, done: null }, { status: 400 });
  const session = getSession(parsed.data.sessionId);
  if (!session || session.editionId !== trio.editionId)
    return json<ActionResult>({ errors: { sessionId: "Kies een bijeenkomst van jullie editie." }, done: null }, { status: 400 });
  const scores = Object.fromEntries(competences.map((c) => [c, (parsed.data as unknown as Record<string, number>)[c]])) as Record<
    (typeof competences)[number],
    number
  >;
  await saveAssessment(trio.id, user.id, session.id, scores);
  return json<ActionResult>({ errors: null, done: `Je zelfbeoordeling bij bijeenkomst ${session.number} is opgeslagen.` });
}

const labels = Object.fromEntries(competences.map((c) => [c, competenceTexts[c].name]));

export default function CompetencesPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors ?? null;
  return (
    <div className="stack">
      <p>
        <Link to={`/trios/${data.trio.id}`}>← Dossier van trio {data.trio.municipality}</Link>
      </p>
      <h1>Competenties van {data.trio.municipality}</h1>
      <p className="lead">
        Het nieuwe ambtelijk vakmanschap: hoe sterk vind je jezelf hierin? Vul het in de eerste en de laatste bijeenkomst in, dan zie je wat
        er veranderd is.
      </p>
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}
      <ErrorSummary errors={errors} labels={labels} />

      <section aria-labelledby="grafiek" className="stack">
        <h2 id="grafiek">Het trio samen</h2>
        <CompetenceChart first={data.summary.first} last={data.summary.last} title={`Competenties van trio ${data.trio.municipality}`} />
      </section>

      {data.isMember ? (
        <section aria-labelledby="zelf" className="stack">
          <h2 id="zelf">{`Jouw zelfbeoordeling bij bijeenkomst ${data.session.number}`}</h2>
          <SessionPicker sessions={data.sessions} selectedId={data.session.id} />
          <Form method="post" className="stack narrow" noValidate key={data.session.id}>
            <input type="hidden" name="sessionId" value={data.session.id} />
            {competences.map((c) => (
              <fieldset key={c} className={`field${errors?.[c] ? " field--error" : ""}`} id={`veld-${c}`}>
                <legend>{competenceTexts[c].name}</legend>
                <p className="field__hint">{competenceTexts[c].description}</p>
                {errors?.[c] ? <p className="field__error">{errors[c]}</p> : null}
                <div className="competence-scale">
                  {Object.entries(competenceScaleLabels).map(([value, label]) => (
                    <label key={value} className="choice">
                      <input type="radio" name={c} value={value} defaultChecked={data.own?.[c] === Number(value)} /> {`${value}: ${label}`}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            <div className="actions">
              <SubmitButton className="button" busy={navigation.state !== "idle"}>
                Zelfbeoordeling opslaan
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
