import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getBoard, type Board } from "~/features/boards/board.server";
import { listBoardSnapshots, restoreBoard } from "~/features/boards/board-room.server";
import { requireUser } from "~/features/accounts/auth.server";
import { formatDateTime } from "~/utils/dates";
import { parseForm, readFormData } from "~/utils/forms";
import { requireAllowed } from "~/access/guards.server";
import { plural } from "~/utils/plural";
import { Messages } from "~/access/policy.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Versies van ${data.board.title} – Werkplaats` : "Versies – Werkplaats" },
];

const restoreSchema = z.object({
  seq: z.coerce.number({ invalid_type_error: "Kies een versie." }).int().min(0),
  bevestig: z.literal("ja", { errorMap: () => ({ message: "Bevestig dat je deze versie wilt terugzetten." }) }),
});

/** Organisers only; anyone else gets the same 404 as for a board that does not exist. */
async function requireOrganiserBoard(request: Request, boardId: string | undefined): Promise<Board> {
  const user = await requireUser(request);
  const board = getBoard(boardId ?? "");
  if (!board) throw new Response(Messages.boardNotFound, { status: 404 });
  requireAllowed(user, "board.restore", board);
  return board;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const board = await requireOrganiserBoard(request, params.boardId);
  const snapshots = await listBoardSnapshots(board.id);
  return json({ board: { id: board.id, title: board.title }, snapshots }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const board = await requireOrganiserBoard(request, params.boardId);
  const user = await requireUser(request);
  const form = parseForm(await readFormData(request), restoreSchema);
  if (!form.ok) return json({ error: Object.values(form.errors)[0] }, { status: 400 });
  const restored = await restoreBoard(board.id, form.data.seq, user.id);
  if (!restored) return json({ error: "Deze versie bestaat niet (meer). Kies een andere." }, { status: 400 });
  return redirect(`/borden/${board.id}/versies?teruggezet=${form.data.seq}`);
}

const reasonLabels: Record<string, string> = {
  start: "Begin van het bord",
  automatisch: "Automatisch bewaard",
  "voor herstel": "Bewaard vlak voor het terugzetten van een versie",
};

export default function BoardVersions() {
  const { board, snapshots } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const chosen = params.get("herstel");
  const restored = params.get("teruggezet");
  const chosenSnapshot = snapshots.find((s) => String(s.seq) === chosen);
  return (
    <div className="stack">
      <h1>Versies van {board.title}</h1>
      <p>
        <Link to={`/borden/${board.id}`}>Terug naar het bord</Link>
      </p>
      {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
      {restored ? (
        <Notice tone="success">
          De versie is teruggezet. Iedereen op het bord ziet nu deze inhoud; de inhoud van daarvoor staat als versie in de lijst.
        </Notice>
      ) : null}
      {chosenSnapshot ? (
        <section aria-labelledby="bevestigen" className="card narrow stack">
          <h2 id="bevestigen">Versie van {formatDateTime(chosenSnapshot.createdAt)} terugzetten?</h2>
          <p>
            Het bord krijgt weer de inhoud van toen ({plural(chosenSnapshot.elementCount, "onderdeel", "onderdelen")}). Wat daarna is
            toegevoegd verdwijnt van het bord. De huidige inhoud wordt eerst als versie bewaard, dus je kunt dit ongedaan maken.
          </p>
          <Form method="post" className="actions">
            <input type="hidden" name="seq" value={chosenSnapshot.seq} />
            <input type="hidden" name="bevestig" value="ja" />
            <SubmitButton className="button" busy={navigation.state !== "idle"}>
              Ja, zet deze versie terug
            </SubmitButton>
            <Link to={`/borden/${board.id}/versies`} className="button button--quiet">
              Annuleren
            </Link>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="versies" className="stack">
        <h2 id="versies">Bewaarde versies</h2>
        {snapshots.length === 0 ? (
          <p className="empty">Er zijn nog geen versies bewaard. Het bord wordt tijdens het werken automatisch bewaard.</p>
        ) : (
          // Its own scroll box on a narrow screen (WCAG 1.4.10), reachable by keyboard.
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Tabel met bewaarde versies">
            <table>
              <caption className="visually-hidden">Bewaarde versies, nieuwste eerst</caption>
              <thead>
                <tr>
                  <th scope="col">Bewaard op</th>
                  <th scope="col">Onderdelen</th>
                  <th scope="col">Soort</th>
                  <th scope="col">
                    <span className="visually-hidden">Actie</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {snapshots.map((snapshot) => (
                  <tr key={snapshot.seq}>
                    <td>{formatDateTime(snapshot.createdAt)}</td>
                    <td>{snapshot.elementCount}</td>
                    <td>{reasonLabels[snapshot.reason] ?? snapshot.reason}</td>
                    <td>
                      <Link to={`?herstel=${snapshot.seq}`} className="button button--small button--quiet">
                        Terugzetten<span className="visually-hidden"> naar {formatDateTime(snapshot.createdAt)}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
