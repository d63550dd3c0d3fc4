import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import type { ActionResult } from "~/utils/action-result";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, SelectField } from "~/components/ui/field";
import { boardTemplates, createBoardFromTemplate, listBoardsOfSession, templateLabels } from "~/features/boards/board.server";
import { openBoardStore } from "~/data/board-store.server";
import { getSession } from "~/features/programme/session.server";
import { listTriosOfEdition } from "~/features/registration/trio.server";
import boardStyles from "~/styles/board.css";
import { boardPreviewSvg } from "~/features/boards/board-preview.server";
import { contentSummary } from "~/features/boards/board-elements";
import { parseForm, readFormData } from "~/utils/forms";
import { requireEdition, requireOrganiser } from "~/access/guards.server";
import { withBoardRoles } from "~/access/policy.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Borden van bijeenkomst ${data.session.number} – Werkplaats` : "Borden – Werkplaats" },
];

const addSchema = z.object({
  template: z.enum(boardTemplates, { errorMap: () => ({ message: "Kies een sjabloon." }) }),
  trioId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || null),
  title: z.string().trim().max(200, "Houd de titel korter dan 200 tekens.").optional(),
});
const addLabels = { template: "Sjabloon", trioId: "Voor wie", title: "Titel" };

function load(params: LoaderFunctionArgs["params"]) {
  const edition = requireEdition(params.editionId);
  const session = getSession(params.sessionId ?? "");
  if (!session || session.editionId !== edition.id) throw new Response("Deze bijeenkomst bestaat niet.", { status: 404 });
  return { edition, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organiser = await requireOrganiser(request);
  const { edition, session } = load(params);
  const boards = withBoardRoles(organiser, await listBoardsOfSession(session.id));
  // What is on each board (not the template it started from): the list and the gallery say so.
  const contents = new Map(
    await Promise.all(boards.map(async (board) => [board.id, [...(await openBoardStore(board)).elements.values()]] as const)),
  );
  const gallery = boards
    .filter((b) => b.scope === "trio")
    .map((board) => {
      const svg = boardPreviewSvg(contents.get(board.id) ?? []);
      return {
        id: board.id,
        title: board.title,
        trioName: board.trioName,
        content: contentSummary(contents.get(board.id) ?? []),
        preview: svg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : null,
      };
    });
  return json({
    edition: { id: edition.id, name: edition.name },
    session: { id: session.id, number: session.number, title: session.title },
    boards: boards.map((b) => ({
      id: b.id,
      title: b.title,
      scope: b.scope,
      trioName: b.trioName,
      content: contentSummary(contents.get(b.id) ?? []),
      locked: b.locked,
    })),
    gallery,
    trios: listTriosOfEdition(edition.id)
      .filter((t) => t.status === "admitted")
      .map((t) => ({ value: t.id, label: `Trio ${t.municipality}` })),
    templates: boardTemplates.map((t) => ({ value: t, label: templateLabels[t] })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const organiser = await requireOrganiser(request);
  const { session } = load(params);
  const form = await readFormData(request);
  if (form.get("intent") !== "add") return json<ActionResult>({ errors: { form: "Onbekende actie." }, done: null }, { status: 400 });
  form.delete("intent");
  const result = parseForm(form, addSchema);
  if (!result.ok) return json<ActionResult>({ errors: result.errors, done: null }, { status: 400 });
  try {
    const board = await createBoardFromTemplate({
      sessionId: session.id,
      trioId: result.data.trioId,
      template: result.data.template,
      title: result.data.title,
      createdBy: organiser.id,
    });
    return json<ActionResult>({ errors: null, done: `Het bord “${board.title}” is toegevoegd.` });
  } catch (error) {
    return domainErrorResponse(error);
  }
}

export default function SessionBoardsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors ?? null;
  return (
    <div className="stack">
      <p>
        <Link to={`/beheer/edities/${data.edition.id}/sessies/${data.session.id}`}>← Bijeenkomst {data.session.number} bewerken</Link>
      </p>
      <h1>
        Borden van bijeenkomst {data.session.number}: {data.session.title}
      </h1>
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}

      <section aria-labelledby="alle-borden">
        <h2 id="alle-borden">Alle borden</h2>
        <ul className="board-list">
          {data.boards.map((b) => (
            <li key={b.id}>
              <Link to={`/borden/${b.id}`}>{b.title}</Link>{" "}
              <span className="muted">
                ({b.scope === "plenary" ? "plenair" : `trio ${b.trioName ?? ""}`} · {b.content}
                {b.locked ? " · vergrendeld" : ""})
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="bord-toevoegen" className="card narrow">
        <h2 id="bord-toevoegen">Bord toevoegen</h2>
        <ErrorSummary errors={errors} labels={addLabels} />
        <Form method="post" className="stack" noValidate key={actionData?.done ?? "add"}>
          <input type="hidden" name="intent" value="add" />
          <SelectField name="template" label="Sjabloon" options={data.templates} required defaultValue="blank" error={errors?.template} />
          <SelectField
            name="trioId"
            label="Voor wie"
            options={data.trios}
            placeholder="De hele groep (plenair)"
            error={errors?.trioId}
            hint="Een triobord is alleen te openen voor dat trio en de begeleiders."
          />
          <Field name="title" label="Titel" maxLength={200} error={errors?.title} hint="Leeg laten geeft de naam van het sjabloon." />
          <div className="actions">
            <SubmitButton className="button" busy={navigation.state === "submitting"}>
              Bord toevoegen
            </SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="galerij" className="stack">
        <h2 id="galerij">Galerij van de trioborden</h2>
        {data.gallery.length === 0 ? (
          <p className="empty">Er zijn nog geen toegelaten trio&apos;s, dus ook nog geen trioborden.</p>
        ) : (
          <ul className="board-gallery">
            {data.gallery.map((g) => (
              <li key={g.id} className="card stack">
                <h3>
                  <Link to={`/borden/${g.id}`}>{g.title}</Link>
                </h3>
                <p className="muted board-gallery__content">{g.content === "leeg" ? "Nog leeg." : g.content}</p>
                {g.preview ? (
                  <div className="board-preview">
                    <img src={g.preview} alt={`Voorbeeld van ${g.title}: ${g.content}`} />
                  </div>
                ) : null}
                {g.preview ? (
                  <p>
                    <a href={g.preview} download={`${g.title}.svg`}>
                      Download als SVG<span className="visually-hidden"> ({g.title})</span>
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
