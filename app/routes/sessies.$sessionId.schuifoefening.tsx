import { useEffect, useRef, useState } from "react";
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import type { ActionResult } from "~/utils/action-result";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { DeskOverlayChart, DeskMovementChart } from "~/features/exercises/desk-chart";
import { DeskReadout, MixingDesk } from "~/features/exercises/mixing-desk";
import { ErrorSummary } from "~/components/ui/error-summary";
import {
  DeskError,
  closeDeskRun,
  deskHistoryOfTrio,
  deskProgress,
  deskReveal,
  getDeskAnswer,
  getDeskRunOfSession,
  moveSliders,
  openDeskRun,
  setDeskAnonymised,
  setDeskDone,
  setDeskRevealed,
  toDeskView,
} from "~/features/exercises/desk.server";
import { broadcastDone, broadcastMoves, broadcastProgress, broadcastRunState } from "~/features/exercises/desk-broadcast.server";
import type { ProgressView } from "~/features/exercises/desk-protocol";
import { useDesk } from "~/features/exercises/use-desk";
import exerciseStyles from "~/styles/exercises.css";
import { deskFormSchema } from "~/features/exercises/desk-form";
import { deskCategories, type DeskCategory } from "~/features/exercises/exercise-content";
import { parseForm, readFormData } from "~/utils/forms";
import { memberTrioInEdition } from "~/access/facts.server";
import { requireAllowed, requireEditableEdition, requireSessionAccess } from "~/access/guards.server";
import { decide } from "~/access/policy.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: exerciseStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Schuifoefening, bijeenkomst ${data.session.number} – Werkplaats` : "Schuifoefening – Werkplaats" },
];

async function requireDeskAccess(request: Request, sessionId: string) {
  const access = await requireSessionAccess(request, sessionId);
  requireAllowed(access.user, "desk.open", access.session);
  return access;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireDeskAccess(request, params.sessionId ?? "");
  const { session, role, trio } = access;
  const run = getDeskRunOfSession(session.id);
  const answer = run && trio ? getDeskAnswer(run.id, trio.id) : null;
  // Earlier runs of this trio's own desk, for the ghost marks and "how did we move".
  const history = trio ? deskHistoryOfTrio(trio).filter((h) => h.answered && h.sessionNumber < session.number) : [];
  const previous = history.at(-1) ?? null;
  return json({
    role,
    editionId: session.editionId,
    session: { id: session.id, number: session.number, title: session.title },
    run: run ? { id: run.id, open: run.open, revealed: Boolean(run.revealedAt), anonymised: run.anonymised } : null,
    trio: trio ? { id: trio.id, municipality: trio.municipality } : null,
    desk: run && trio ? toDeskView(answer) : null,
    done: Boolean(answer?.doneAt),
    previous: previous ? { label: `bijeenkomst ${previous.sessionNumber}`, desk: previous.desk } : null,
    // Organisers see who is done, never the values, until the reveal.
    progress: run && role === "organiser" ? deskProgress(run) : null,
    reveal: run ? deskReveal(run) : null,
  });
}

const answer = (body: ActionResult, status = 200) => json<ActionResult>(body, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireDeskAccess(request, params.sessionId ?? "");
  requireEditableEdition(access.user, access.session.editionId);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const run = getDeskRunOfSession(access.session.id);
  try {
    if (["open", "close", "reveal", "hide", "anonymise", "name"].includes(intent)) {
      const facilitate = decide(access.user, "desk.facilitate", access.session);
      if (!facilitate.allowed) return answer({ errors: { form: facilitate.message }, done: null }, facilitate.status);
      if (intent === "open") {
        const opened = await openDeskRun(access.session, access.user.id);
        broadcastRunState(opened);
        return answer({ errors: null, done: "De schuifoefening is open. De trio's kunnen hun schuiven zetten." });
      }
      if (!run) throw new DeskError("not_found", "De schuifoefening is in deze bijeenkomst nog niet geopend.");
      const updated =
        intent === "close"
          ? await closeDeskRun(run.id)
          : intent === "reveal" || intent === "hide"
            ? await setDeskRevealed(run.id, intent === "reveal", access.user.id)
            : await setDeskAnonymised(run.id, intent === "anonymise");
      broadcastRunState(updated);
      const messages: Record<string, string> = {
        close: "De schuifoefening is gesloten.",
        reveal: "De mengpanelen van alle trio's zijn nu voor iedereen zichtbaar.",
        hide: "De antwoorden zijn weer verborgen.",
        anonymise: "De trio's worden nu zonder gemeentenaam getoond.",
        name: "De trio's worden weer met gemeentenaam getoond.",
      };
      return answer({ errors: null, done: messages[intent] });
    }
    if (intent === "save" || intent === "done" || intent === "undone") {
      if (!run) throw new DeskError("not_found", "De schuifoefening is in deze bijeenkomst nog niet geopend.");
      const move = decide(access.user, "desk.move", { run, trioId: String(form.get("trioId") ?? "") || undefined });
      if (!move.allowed) return answer({ errors: { form: move.message }, done: null }, move.status);
      const trio = memberTrioInEdition(access.user.id, run.editionId)!;
      if (intent === "save") {
        const parsed = parseForm(form, deskFormSchema, { maxFieldLength: 2_000 });
        if (!parsed.ok) return answer({ errors: parsed.errors, done: null }, 400);
        const data = parsed.data as Record<string, string | number>;
        const moves = deskCategories.map((category: DeskCategory) => ({
          category,
          value: Number(data[`value-${category}`]),
          reason: String(data[`reason-${category}`] ?? ""),
        }));
        const applied = await moveSliders(run.id, trio.id, access.user.id, moves);
        broadcastMoves(run, trio.id, access.user.name, applied);
        return answer({ errors: null, done: "Jullie mengpaneel is opgeslagen." });
      }
      await setDeskDone(run.id, trio.id, intent === "done");
      broadcastDone(run, trio.id, intent === "done");
      broadcastProgress(run);
      return answer({
        errors: null,
        done:
          intent === "done"
            ? "Gemeld: jullie zijn klaar. Je kunt nog schuiven tot de begeleider de oefening sluit."
            : "Jullie staan weer op ‘nog bezig’.",
      });
    }
  } catch (error) {
    return domainErrorResponse(error);
  }
  return answer({ errors: { form: "Onbekende actie." }, done: null }, 400);
}

export default function DeskPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const live = useDesk({
    runId: data.run?.id ?? null,
    editionId: data.editionId,
    initialDesk: data.desk,
    initialProgress: data.progress,
    initiallyRevealed: Boolean(data.run?.revealed),
    onRunChanged: () => revalidator.revalidate(),
  });
  const busy = navigation.state !== "idle";
  const reveal = live.reveal ?? data.reveal;
  const desk = live.desk ?? data.desk;
  const canMove = Boolean(data.run?.open && data.trio);
  // After a save (or any step here) focus goes to its confirmation, not to the page body (WCAG 2.4.3).
  const doneNotice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (actionData?.done) doneNotice.current?.focus();
  }, [actionData]);
  const [sent, setSent] = useState<HTMLFormElement | null>(null);

  return (
    <div className="stack" onSubmit={(event) => setSent(event.target as HTMLFormElement)}>
      <p>
        <Link to={`/sessies/${data.session.id}`}>
          ← Bijeenkomst {data.session.number}: {data.session.title}
        </Link>
      </p>
      <h1>Schuifoefening</h1>
      <p className="lead">
        Op dit mengpaneel stemt elke gemeente het wijkgerichte werken op haar eigen manier af. Staat een schuif in het midden, dan is er
        geen keuze gemaakt; hoger of lager betekent wel een keuze.
      </p>
      {actionData?.done ? (
        <div id="desk-melding" tabIndex={-1} ref={doneNotice}>
          <Notice tone="success">{actionData.done}</Notice>
        </div>
      ) : null}
      <ErrorSummary errors={actionData?.errors ?? null} form={sent} />
      {live.problem ? <Notice tone="error">{live.problem}</Notice> : null}

      {data.role === "organiser" ? <OrganiserPanel run={data.run} progress={live.progress ?? data.progress} busy={busy} /> : null}

      {data.role === "participant" ? (
        !data.run ? (
          <p className="empty">
            De begeleider heeft de schuifoefening in deze bijeenkomst nog niet geopend. Deze pagina toont het mengpaneel vanzelf zodra dat
            gebeurt.
          </p>
        ) : desk ? (
          <section aria-labelledby="ons-paneel" className="stack">
            <h2 id="ons-paneel">Mengpaneel van trio {data.trio?.municipality}</h2>
            <p className="muted live-status">
              {!data.run.open
                ? "De oefening is gesloten; jullie antwoord staat vast."
                : live.status === "live"
                  ? "Live: je trio-genoten zien elke beweging meteen."
                  : "Wijzigingen bewaar je met de knop onderaan."}
              {data.done ? " Jullie hebben gemeld dat jullie klaar zijn." : ""}
            </p>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="save" />
              <MixingDesk
                desk={desk}
                ghost={data.previous}
                disabled={!canMove}
                onMove={(category, value) => live.move(category, value)}
                onReason={(category, reason) => live.move(category, desk[category].value, reason)}
              />
              {canMove ? (
                <div className="actions">
                  <SubmitButton className="button" busy={busy}>
                    Mengpaneel opslaan
                  </SubmitButton>
                </div>
              ) : null}
            </Form>
            {canMove ? (
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value={data.done ? "undone" : "done"} />
                <SubmitButton className="button button--quiet" busy={busy}>
                  {data.done ? "We zijn toch nog bezig" : "We zijn klaar"}
                </SubmitButton>
              </Form>
            ) : null}
            {data.previous ? (
              <DeskMovementChart
                before={data.previous.desk}
                after={desk}
                beforeLabel={data.previous.label}
                afterLabel={`bijeenkomst ${data.session.number}`}
              />
            ) : null}
          </section>
        ) : null
      ) : null}

      {reveal ? (
        <section aria-labelledby="alle-panelen" className="stack">
          <h2 id="alle-panelen">Alle mengpanelen{reveal.anonymised ? " (anoniem)" : ""}</h2>
          <DeskOverlayChart desks={reveal.desks} title="Spreiding per categorie over de gemeenten" />
          <div className="desk-grid">
            {reveal.desks.map((d) => (
              <article key={d.trioId} className="card stack" aria-labelledby={`paneel-${d.trioId}`}>
                <h3 id={`paneel-${d.trioId}`}>
                  {d.label}
                  {d.trioId === data.trio?.id ? " (jullie trio)" : ""}
                </h3>
                <DeskReadout desk={d.desk} label={d.label} />
              </article>
            ))}
          </div>
        </section>
      ) : data.run && data.role === "participant" ? (
        <p className="muted">De mengpanelen van de andere trio&apos;s zie je zodra de begeleider ze toont.</p>
      ) : null}
    </div>
  );
}

type RunState = { id: string; open: boolean; revealed: boolean; anonymised: boolean } | null;

function OrganiserPanel({ run, progress, busy }: { run: RunState; progress: ProgressView | null; busy: boolean }) {
  return (
    <section aria-labelledby="regie" className="stack">
      <h2 id="regie">Regie</h2>
      {!run ? (
        <p className="empty">De schuifoefening is in deze bijeenkomst nog niet geopend.</p>
      ) : (
        <p>
          Status:{" "}
          <strong>
            {run.revealed ? "getoond aan iedereen" : run.open ? "open, antwoorden verborgen" : "gesloten, antwoorden verborgen"}
          </strong>
          {run.anonymised ? " · anoniem" : ""}
        </p>
      )}
      <div className="actions">
        {!run || !run.open ? (
          <ControlButton busy={busy} intent="open" label={run ? "Opnieuw openen" : "Schuifoefening openen"} />
        ) : (
          <ControlButton busy={busy} intent="close" label="Sluiten" />
        )}
        {run ? (
          <ControlButton
            busy={busy}
            intent={run.revealed ? "hide" : "reveal"}
            label={run.revealed ? "Weer verbergen" : "Antwoorden tonen"}
          />
        ) : null}
        {run ? (
          <ControlButton
            busy={busy}
            intent={run.anonymised ? "name" : "anonymise"}
            label={run.anonymised ? "Met gemeentenamen tonen" : "Anoniem tonen"}
          />
        ) : null}
      </div>
      {progress ? (
        <>
          <h3>Wie is klaar?</h3>
          <ul className="progress-list" aria-live="polite">
            {progress.trios.map((t) => (
              <li key={t.trioId}>
                <span>Trio {t.municipality}</span>
                <span>{t.done ? "klaar" : t.moved > 0 ? `bezig (${t.moved} van 5 schuiven gezet)` : "nog niet begonnen"}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function ControlButton({ intent, label, busy }: { intent: string; label: string; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <SubmitButton className={intent === "reveal" || intent === "open" ? "button" : "button button--quiet"} busy={busy}>
        {label}
      </SubmitButton>
    </Form>
  );
}
