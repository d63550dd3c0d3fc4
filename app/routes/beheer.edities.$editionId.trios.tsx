import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Notice } from "~/components/ui/notice";
import { actionResult, type ActionResult } from "~/utils/action-result";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import type { Domain } from "~/data/enums";
import { changeMember, decideTrio, listTrioOverview, withdrawTrioInvitation } from "~/features/registration/registration.server";
import { formatDate } from "~/utils/dates";
import { parseForm, readFormData } from "~/utils/forms";
import { sendMail } from "~/features/notifications/mail.server";
import { removedFromTrioMail, type TrioDecision } from "~/features/accounts/mail-templates.server";
import { memberSchema } from "~/features/registration/registration-form";
import { decideTrios, mailTrioDecision } from "~/features/registration/trio-bulk.server";
import { placesTaken, TrioCard } from "~/features/registration/trio-admin";
import { BulkBar, BulkConfirm, bulkDecisionLabels, type BulkDecision } from "~/features/registration/trio-bulk-bar";
import { plural } from "~/utils/plural";
import { mailNamedPerson, trioForWhat } from "~/features/registration/trio-mail.server";
import { requireAllowed, requireEdition, requireOrganiser } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Trio's – ${data?.edition.name ?? "Editie"} – Werkplaats` }];

const decisions: Record<string, TrioDecision> = { admit: "admitted", wait: "waiting", reject: "rejected" };
const doneMessages: Record<string, string> = {
  vervangen: "Het lid is vervangen. De nieuwe persoon heeft een e-mail gekregen.",
  toegevoegd: "Het lid is toegevoegd. De nieuwe persoon heeft een e-mail gekregen.",
  uitgenodigd: "Dit e-mailadres hoort bij een bestaand account. De persoon heeft een uitnodiging gekregen en wordt lid na bevestiging.",
  ingetrokken: "De uitnodiging is ingetrokken.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const trios = listTrioOverview(edition.id).map((t) => ({
    id: t.id,
    municipality: t.municipality,
    status: t.status,
    caseSummary: t.caseSummary,
    registeredAt: formatDate(t.createdAt),
    members: t.members,
    invitations: t.invitations,
  }));
  const count = (status: string) => trios.filter((t) => t.status === status).length;
  return json({
    edition: { id: edition.id, name: edition.name, capacity: edition.capacity, archived: Boolean(edition.archivedAt) },
    trios,
    counts: { admitted: count("admitted"), registered: count("registered"), waiting: count("waiting"), rejected: count("rejected") },
  });
}

/** Besides the usual result: the trio the answer is about, so its row shows it; or the bulk decision to confirm. */
type AboutTrio = { trioId: string | null; confirm: { decision: BulkDecision; trios: Array<{ id: string; municipality: string }> } | null };
const result = (r: Partial<ActionResult & AboutTrio>, status = 200) =>
  json(actionResult<AboutTrio>({ trioId: null, confirm: null, ...r }), { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const organiser = await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "bulk-preview" || intent === "bulk-confirm") {
    requireAllowed(organiser, "edition.bulkTrios", edition);
    const decision = String(form.get("decision") ?? "") as BulkDecision;
    if (!(decision in bulkDecisionLabels)) return result({ errors: { form: "Kies wat er met de trio's moet gebeuren." } }, 400);
    const ids = form.getAll("trioIds").map(String);
    const all = listTrioOverview(edition.id);
    const chosen = all.filter((t) => ids.includes(t.id)).map((t) => ({ id: t.id, municipality: t.municipality }));
    if (chosen.length === 0) return result({ errors: { form: "Vink eerst een of meer trio's aan." } }, 400);
    if (intent === "bulk-preview") return result({ confirm: { decision, trios: chosen } });
    let outcome;
    try {
      outcome = await decideTrios(edition.id, ids, decisions[decision], organiser.id);
    } catch (error) {
      return domainErrorResponse(error, { trioId: null, confirm: null });
    }
    for (const trio of outcome.changed) await mailTrioDecision(trio, decisions[decision], edition.name);
    const names = outcome.changed.map((t) => t.municipality).join(", ");
    const same = outcome.unchanged.length ? ` ${plural(outcome.unchanged.length, "trio had", "trio's hadden")} deze status al.` : "";
    return result({
      done: outcome.changed.length
        ? `${plural(outcome.changed.length, "trio", "trio's")} ${bulkDecisionLabels[decision].done}: ${names}. Alle leden hebben een e-mail gekregen.${same}`
        : `Er is niets veranderd:${same}`,
    });
  }
  const trioId = String(form.get("trioId") ?? "");
  const trio = listTrioOverview(edition.id).find((t) => t.id === trioId);
  if (!trio) return result({ errors: { form: "Dit trio bestaat niet (meer) in deze editie." } }, 404);

  const decision = decisions[intent];
  if (decision) {
    try {
      const { changed } = await decideTrio(trio.id, decision, new Date(), organiser.id);
      if (!changed) return result({ done: `Trio ${trio.municipality} had deze status al; er is niets veranderd.`, trioId: trio.id });
    } catch (error) {
      return domainErrorResponse(error, { trioId: trio.id });
    }
    await mailTrioDecision(trio, decision, edition.name);
    const what = { admitted: "is toegelaten", waiting: "staat op de wachtlijst", rejected: "is afgewezen" }[decision];
    return result({ done: `Trio ${trio.municipality} ${what}. Alle leden hebben een e-mail gekregen.`, trioId: trio.id });
  }

  if (intent === "withdraw") {
    if (edition.archivedAt)
      return result({ errors: { form: "Deze editie is gearchiveerd en kan niet meer worden gewijzigd." }, trioId: trio.id }, 409);
    const withdrawn = await withdrawTrioInvitation(trio.id, String(form.get("invitationId") ?? ""));
    if (!withdrawn) return result({ errors: { form: "Deze uitnodiging bestaat niet (meer)." }, trioId: trio.id }, 404);
    return redirect(`/beheer/edities/${edition.id}/trios?klaar=ingetrokken#trio-${trio.id}`);
  }

  if (intent === "replace" || intent === "add") {
    const parsed = parseForm(form, memberSchema);
    if (!parsed.ok) return result({ errors: parsed.errors, values: parsed.values, trioId: trio.id }, 400);
    try {
      const changedMember = await changeMember({
        trioId: trio.id,
        removeMembershipId: intent === "replace" ? (parsed.data.membershipId ?? "") : null,
        person: { name: parsed.data.name, email: parsed.data.email, jobTitle: parsed.data.jobTitle, domain: parsed.data.domain as Domain },
        invitedBy: organiser.id,
      });
      await mailNamedPerson(changedMember.added, trioForWhat(trio.municipality, edition.name), { kind: "organisers" });
      if (changedMember.added.kind === "invited") {
        if (changedMember.removed) {
          await sendMail(
            removedFromTrioMail(changedMember.removed.user, { municipality: trio.municipality, editionName: edition.name }, true),
          );
        }
        return redirect(`/beheer/edities/${edition.id}/trios?klaar=uitgenodigd#trio-${trio.id}`);
      }
      if (changedMember.removed) {
        await sendMail(
          removedFromTrioMail(changedMember.removed.user, { municipality: trio.municipality, editionName: edition.name }, true),
        );
      }
    } catch (error) {
      return domainErrorResponse(error, { values: parsed.values, trioId: trio.id });
    }
    return redirect(`/beheer/edities/${edition.id}/trios?klaar=${intent === "replace" ? "vervangen" : "toegevoegd"}#trio-${trio.id}`);
  }
  return result({ errors: { form: "Onbekende actie." } }, 400);
}

export default function EditionTriosPage() {
  const { edition, trios, counts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  // The member form stays open after a refused post, also when the URL no longer says which.
  const posted = actionData?.values ?? null;
  const replaceId = params.get("vervang") ?? (posted?.intent === "replace" ? (posted.membershipId ?? null) : null);
  const addTo = params.get("toevoegen") ?? (posted?.intent === "add" ? (posted.trioId ?? null) : null);
  const memberFormShown = trios.some((t) => t.members.some((m) => m.membershipId === replaceId) || (t.id === addTo && placesTaken(t) < 3));
  const confirm = actionData && "confirm" in actionData ? actionData.confirm : null;
  const selectedIds = confirm?.trios.map((t) => t.id) ?? [];
  const busy = useNavigation().state === "submitting";
  useEffect(() => {
    if (confirm) document.getElementById("bevestig-bulk")?.focus();
  }, [confirm]);
  const done = actionData?.done ?? (!actionData ? doneMessages[params.get("klaar") ?? ""] : null);
  const formError = actionData?.errors?.form && !(posted && memberFormShown) ? actionData.errors.form : null;
  return (
    <div className="stack">
      <p>
        <Link to={`/beheer/edities/${edition.id}`}>← {edition.name}</Link>
      </p>
      <h1>Trio&apos;s van {edition.name}</h1>
      <dl className="stats">
        <div>
          <dt>Toegelaten</dt>
          <dd>
            {counts.admitted} van {edition.capacity}
          </dd>
        </div>
        <div>
          <dt>Aangemeld</dt>
          <dd>{counts.registered}</dd>
        </div>
        <div>
          <dt>Wachtlijst</dt>
          <dd>{counts.waiting}</dd>
        </div>
        <div>
          <dt>Afgewezen</dt>
          <dd>{counts.rejected}</dd>
        </div>
      </dl>
      <nav aria-label="Deelnemers" className="actions">
        <a href={`/beheer/edities/${edition.id}/trios.csv`} download className="button button--quiet">
          Contactgegevens (CSV)
        </a>
        {edition.archived ? null : (
          <>
            <Link to="importeren" className="button button--quiet">
              Deelnemers importeren (CSV)
            </Link>
            <Link to={`/beheer/edities/${edition.id}/berichten`} className="button button--quiet">
              Bericht aan trio&apos;s
            </Link>
          </>
        )}
      </nav>
      {done ? <Notice tone="success">{done}</Notice> : null}
      {formError ? (
        <div className="error-summary" role="alert">
          <p>{formError}</p>
        </div>
      ) : null}
      {confirm ? <BulkConfirm decision={confirm.decision} trios={confirm.trios} busy={busy} /> : null}
      {trios.length > 0 && !edition.archived ? <BulkBar busy={busy} /> : null}
      {trios.length === 0 ? (
        <p className="empty">
          Er zijn nog geen trio&apos;s aangemeld. Gemeenten melden zich aan via{" "}
          <Link to={`/aanmelden/${edition.id}`}>het aanmeldformulier</Link> zolang de aanmelding open is.
        </p>
      ) : (
        trios.map((trio) => (
          <TrioCard
            key={trio.id}
            trio={trio}
            archived={edition.archived}
            replaceId={replaceId}
            addTo={addTo}
            selected={selectedIds.includes(trio.id)}
          />
        ))
      )}
    </div>
  );
}
