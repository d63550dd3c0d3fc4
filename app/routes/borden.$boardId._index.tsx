import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BoardWorkspace } from "~/features/boards/board-workspace";
import { EDITOR_ASSET_PATH } from "~/features/boards/editor-assets";
import { domainInEdition, getBoard } from "~/features/boards/board.server";
import { boardRole, can } from "~/access/policy.server";
import { getSession } from "~/features/programme/session.server";
import { getTrio } from "~/features/registration/trio.server";
import { boardIdSchema } from "~/features/boards/board-protocol";
import boardStyles from "~/styles/board.css";
import boardFocusStyles from "~/styles/board-focus.css";
import { requireUser } from "~/features/accounts/auth.server";

export const links: LinksFunction = () => [
  // Copied from the package by scripts/copy-editor-assets.mjs (ADR 015).
  { rel: "stylesheet", href: `${EDITOR_ASSET_PATH}excalidraw.css` },
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: boardFocusStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.board.title} – Werkplaats` : "Bord – Werkplaats" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = boardIdSchema.safeParse(params.boardId);
  const board = parsed.success ? getBoard(parsed.data) : null;
  const role = board ? boardRole(user, board) : null;
  // Another trio's board looks exactly like one that does not exist.
  if (!board || !role) throw new Response("Dit bord bestaat niet, of je hebt er geen toegang toe.", { status: 404 });
  const session = getSession(board.sessionId);
  return json({
    board: {
      id: board.id,
      title: board.title,
      scope: board.scope,
      trio: board.trioId ? { id: board.trioId, name: getTrio(board.trioId)?.municipality ?? "" } : null,
      session: session ? { id: session.id, number: session.number, title: session.title } : null,
    },
    role,
    canRestore: can(user, "board.restore", board),
    me: { id: user.id, name: user.name, domain: domainInEdition(user.id, board.editionId) },
  });
}

export default function BoardPage() {
  const { board, me, role, canRestore } = useLoaderData<typeof loader>();
  return (
    <div className="stack board-page">
      <a className="skip-link" href="#overzicht">
        Direct naar het overzicht van het bord
      </a>
      <p className="muted">
        {board.session ? (
          <Link to={`/sessies/${board.session.id}`}>
            Bijeenkomst {board.session.number}: {board.session.title}
          </Link>
        ) : null}
        {board.trio ? (
          <>
            {" "}
            · <Link to={`/trios/${board.trio.id}`}>Trio {board.trio.name}</Link>
          </>
        ) : null}
      </p>
      <h1>{board.title}</h1>
      {canRestore ? (
        <p>
          <Link to={`/borden/${board.id}/versies`}>Eerdere versies van dit bord</Link>
        </p>
      ) : null}
      <details className="board-help">
        <summary>Werken met het toetsenbord of een schermlezer</summary>
        <p>
          Het tekenvlak is met de muis, een pen of je vinger het makkelijkst. Met het toetsenbord en een schermlezer werk je in het{" "}
          <a href="#overzicht">overzicht van het bord</a>: daar staan alle notities en teksten als lijst, per kader. Je kunt er notities
          toevoegen, bewerken en verwijderen{role !== "view" ? "" : " zodra het bord niet meer vergrendeld is"}; de anderen zien dat meteen
          op het bord.
        </p>
        <p>
          Op het tekenvlak zelf: Tab gaat naar de knoppen, een letter kiest een gereedschap (R rechthoek, T tekst, P pen), Enter bewerkt wat
          geselecteerd is en Escape stopt.
        </p>
      </details>
      <BoardWorkspace boardId={board.id} title={board.title} me={me} />
    </div>
  );
}
