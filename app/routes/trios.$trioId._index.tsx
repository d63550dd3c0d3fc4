import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CaseDetails, CaseFileList } from "~/features/dossier/case-view";
import { OrganogramAnswersList } from "~/features/exercises/organogram-view";
import { getOrganogram } from "~/features/exercises/organogram.server";
import { organogramView } from "~/features/exercises/exercise-views.server";
import { getCaseOfTrio, listSharedCases, setCaseShared } from "~/features/dossier/case.server";
import { listBoardsOfTrio } from "~/features/boards/board.server";
import { getEdition } from "~/features/programme/edition.server";
import { isTrioMember, listMembersOfTrio } from "~/features/registration/trio.server";
import { caseView } from "~/features/dossier/case-view.server";
import { TrioHomeworkList } from "~/features/homework/homework-history";
import { homeworkOfTrio } from "~/features/homework/homework-view.server";
import { formatDateTime } from "~/utils/dates";
import { readFormData } from "~/utils/forms";
import { domainLabels, trioStatusLabels } from "~/utils/labels";
import { requireTrioChangeBy, requireTrioMember } from "~/access/guards.server";
import { withBoardRoles } from "~/access/policy.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Trio ${data.trio.municipality} – Werkplaats` : "Trio – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, trio } = await requireTrioMember(request, params.trioId ?? "");
  const edition = getEdition(trio.editionId);
  const member = isTrioMember(user.id, trio.id);
  return json({
    boards: withBoardRoles(user, await listBoardsOfTrio(trio.id)).map((b) => ({
      id: b.id,
      title: b.title,
      sessionNumber: b.sessionNumber,
    })),
    trio: {
      id: trio.id,
      municipality: trio.municipality,
      status: trio.status,
      admitted: trio.status === "admitted",
      caseSummary: trio.caseSummary,
      shareCase: trio.shareCase,
    },
    edition: edition ? { name: edition.name } : null,
    isMember: member,
    members: listMembersOfTrio(trio.id).map((m) => ({ id: m.user.id, name: m.user.name, domain: m.domain, jobTitle: m.jobTitle })),
    trioCase: caseView(getCaseOfTrio(trio.id)),
    organogram: organogramView(getOrganogram(trio.id)),
    homework: trio.status === "admitted" ? homeworkOfTrio(trio.id, trio.editionId) : [],
    // Peer consultation: the cases other admitted trios of the edition share.
    sharedCases:
      trio.status === "admitted"
        ? listSharedCases(trio.editionId, trio.id).map(({ trio: other, trioCase }) => ({
            trioId: other.id,
            municipality: other.municipality,
            ...caseView(trioCase)!,
          }))
        : [],
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trio } = await requireTrioMember(request, params.trioId ?? "");
  const form = await readFormData(request);
  if (form.get("intent") !== "share") return json({ error: "Onbekende actie.", done: null }, { status: 400 });
  requireTrioChangeBy(user, trio, "Alleen leden van het trio bepalen of de casus gedeeld wordt.");
  const shared = form.get("shareCase") === "on";
  await setCaseShared(trio.id, shared);
  return json({
    error: null,
    done: shared
      ? "Jullie casus is nu zichtbaar voor de andere trio's van deze editie."
      : "Jullie casus is niet meer zichtbaar voor andere trio's.",
  });
}

export default function TrioDossierPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { trio } = data;
  return (
    <div className="stack">
      <p className="muted">{data.edition?.name}</p>
      <h1>
        Trio {trio.municipality} <span className="tag">{trioStatusLabels[trio.status]}</span>
      </h1>
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}
      {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}

      <section aria-labelledby="leden">
        <h2 id="leden">Leden</h2>
        <ul className="member-list">
          {data.members.map((m) => (
            <li key={m.id} className={`member member--${m.domain}`}>
              <span className="member__name">{m.name}</span>
              <span className="member__meta">
                {m.jobTitle ? `${m.jobTitle} · ` : ""}
                {domainLabels[m.domain]}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="casus" className="stack">
        <h2 id="casus">Casus</h2>
        {trio.caseSummary ? (
          <div className="card">
            <h3>Eerste beschrijving bij de aanmelding</h3>
            <p className="pre-line">{trio.caseSummary}</p>
          </div>
        ) : null}
        {data.trioCase ? (
          <div className="stack">
            <h3>{data.trioCase.current.title}</h3>
            <p className="muted">
              Laatst gewijzigd door {data.trioCase.current.savedBy} op {formatDateTime(data.trioCase.current.savedAt)}
            </p>
            <CaseDetails version={data.trioCase.current} />
            <h3>Bestanden</h3>
            <CaseFileList files={data.trioCase.files} />
          </div>
        ) : (
          <p className="empty">
            De casus is nog niet uitgewerkt.{data.isMember ? " Beschrijf hem en voeg bestanden toe via ‘Casus bewerken’." : ""}
          </p>
        )}
        <p>
          <Link to={`/trios/${trio.id}/casus`} className="button">
            {data.isMember ? "Casus bewerken" : "Casus en eerdere versies bekijken"}
          </Link>
        </p>
      </section>

      {data.isMember ? (
        <section aria-labelledby="delen" className="card narrow">
          <h2 id="delen">Intervisie</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="share" />
            <label className="choice">
              <input type="checkbox" name="shareCase" defaultChecked={trio.shareCase} key={String(trio.shareCase)} /> Deel onze casus met de
              andere trio&apos;s van deze editie (intervisie)
            </label>
            <p className="field__hint">
              Andere toegelaten trio&apos;s zien dan de beschrijving en de bestanden van jullie casus. Je kunt dit altijd weer uitzetten.
            </p>
            <div className="actions">
              <SubmitButton className="button button--quiet" busy={navigation.state === "submitting"}>
                Keuze opslaan
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : (
        <p className="muted">
          {trio.shareCase
            ? "Dit trio deelt zijn casus met de andere trio's van de editie."
            : "Dit trio deelt zijn casus niet met andere trio's."}
        </p>
      )}

      {trio.admitted ? (
        <section aria-labelledby="andere-casussen" className="stack">
          <h2 id="andere-casussen">Casussen van andere trio&apos;s</h2>
          {data.sharedCases.length === 0 ? (
            <p className="empty">Nog geen ander trio van deze editie deelt zijn casus.</p>
          ) : (
            data.sharedCases.map((shared) => (
              <article key={shared.trioId} className="card stack" aria-labelledby={`gedeeld-${shared.trioId}`}>
                <h3 id={`gedeeld-${shared.trioId}`}>
                  {shared.current.title} <span className="muted">(trio {shared.municipality})</span>
                </h3>
                <CaseDetails version={shared.current} />
                <CaseFileList files={shared.files} />
              </article>
            ))
          )}
        </section>
      ) : null}

      <section aria-labelledby="borden">
        <h2 id="borden">Borden</h2>
        {data.boards.length === 0 ? (
          <p className="empty">Jullie trio heeft nog geen borden. Ze verschijnen hier zodra het trio is toegelaten.</p>
        ) : (
          <ul className="plain-list">
            {data.boards.map((b) => (
              <li key={b.id}>
                <Link to={`/borden/${b.id}`}>{b.title}</Link> <span className="muted">(bijeenkomst {b.sessionNumber})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="huiswerk">
        <h2 id="huiswerk">Huiswerk</h2>
        <TrioHomeworkList trioId={trio.id} items={data.homework} />
      </section>
      <section aria-labelledby="oefeningen">
        <h2 id="oefeningen">Oefeningen</h2>
        <ul className="plain-list">
          <li>
            <Link to={`/trios/${trio.id}/organogram`}>Organogram</Link>
          </li>
          <li>
            <Link to={`/trios/${trio.id}/lokale-agenda`}>Lokale agenda</Link>
          </li>
          <li>
            <Link to={`/trios/${trio.id}/competenties`}>Competenties</Link>
          </li>
          <li>
            <Link to={`/trios/${trio.id}/portfolio`}>Portfolio (af te drukken als PDF)</Link>
          </li>
        </ul>
        <p className="muted">De schuifoefening doen jullie tijdens een bijeenkomst; je vindt hem op de pagina van de bijeenkomst.</p>
        {data.organogram ? (
          <div className="card stack">
            <h3>Organogram: de antwoorden</h3>
            <OrganogramAnswersList organogram={data.organogram} />
          </div>
        ) : null}
      </section>

      {data.isMember ? (
        <details className="card narrow">
          <summary>Trio verlaten…</summary>
          <Form method="post" action={`/trios/${trio.id}/verlaten`} className="stack">
            <p>Weet je het zeker? Je hebt daarna geen toegang meer tot dit dossier. De andere leden houden de casus en de bestanden.</p>
            <div className="actions">
              <SubmitButton busy={navigation.state === "submitting"} className="button">
                Ja, trio verlaten
              </SubmitButton>
            </div>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
