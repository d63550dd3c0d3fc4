/**
 * Personal data in board content (names stamped on notes), for the privacy
 * functions in privacy.server.ts: a person's deletion anonymises their notes; the
 * deletion of an edition's personal data removes its boards entirely.
 */
import { randomInt } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { BoardElement } from "./board-protocol";
import { clearSingleton } from "~/utils/singleton.server";
import { closeBoardStores, openBoardStore } from "~/data/board-store.server";
import { getDb } from "~/data/db.server";

/** What a deleted person's notes show as author (the same words as for a deleted account). */
const ANONYMOUS = { authorId: "verwijderd", authorName: "Verwijderde gebruiker", authorDomain: null };

/** Every element the person authored gets an anonymous author, as a new version (clients converge on it). */
export async function anonymiseBoardAuthor(userId: string): Promise<number> {
  let changed = 0;
  for (const board of getDb().data.boards) {
    const store = await openBoardStore(board);
    const anonymised: BoardElement[] = [];
    for (const element of store.elements.values()) {
      if (element.customData?.authorId !== userId) continue;
      const next = {
        ...element,
        customData: { ...element.customData, ...ANONYMOUS },
        version: element.version + 1,
        versionNonce: randomInt(0, 2 ** 31 - 1),
      };
      if (store.apply(next)) anonymised.push(next);
    }
    // Their dots keep counting, under an id that points at nobody.
    const votes = store.votes[userId];
    if (votes) {
      const { [userId]: _removed, ...others } = store.votes;
      store.votes = { ...others, [`verwijderd-${randomInt(1e9)}`]: votes };
    }
    if (anonymised.length > 0 || votes) {
      // Old snapshots still hold the name: they go, the current state becomes the only restore point.
      await store.commit({ elements: anonymised, votes: Boolean(votes) });
      await store.snapshotNow("na anonimiseren");
      await store.pruneSnapshotsBefore(store.committedSeq);
      changed += anonymised.length;
    }
  }
  return changed;
}

/** Removes the edition's boards: their records and their folders (content, log, snapshots). */
export async function deleteBoardsOfEdition(editionId: string): Promise<number> {
  const boardIds = getDb()
    .data.boards.filter((b) => b.editionId === editionId)
    .map((b) => b.id);
  if (boardIds.length === 0) return 0;
  // Simplest safe way to let go of open files and live rooms: close every loaded board (they reload on use).
  await closeBoardStores();
  clearSingleton("boardRooms");
  await getDb().change((data) => {
    data.boards = data.boards.filter((b) => b.editionId !== editionId);
  });
  for (const id of boardIds) await rm(path.join(getDb().dataDir, "boards", id), { recursive: true, force: true });
  return boardIds.length;
}
