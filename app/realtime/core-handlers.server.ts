import { getEdition } from "~/features/programme/edition.server";
import { getTrio } from "~/features/registration/trio.server";
import { decide } from "~/access/policy.server";
import { ClientEvent, clientPayloads } from "./events";
import { defineHandler, type HandlerTable } from "./registry.server";
import { defineWatchable, unwatch, watch, type WatchRooms } from "./watch.server";

const NO_ACCESS = "Je hebt geen toegang tot deze ruimte.";
const refused = (message = NO_ACCESS): WatchRooms => ({ refused: { allowed: false, status: 404, message } });

/** `edition:<id>`: desk reveals and other edition-wide notices (the "edition.watch" rule). */
defineWatchable("edition", {
  rooms: (user, id) => {
    const edition = getEdition(id);
    if (!edition) return refused();
    return decide(user, "edition.watch", edition).allowed ? { rooms: [`edition:${id}`] } : refused();
  },
});

/** `trio:<id>`: a trio's own notices (the "trio.view" rule). */
defineWatchable("trio", {
  rooms: (user, id) => {
    const trio = getTrio(id);
    if (!trio) return refused();
    return decide(user, "trio.view", trio).allowed ? { rooms: [`trio:${id}`] } : refused();
  },
});

function parseRoom(room: string): { kind: "edition" | "trio"; id: string } {
  const [kind, id] = room.split(":") as ["edition" | "trio", string];
  return { kind, id };
}

export const coreHandlers: HandlerTable = {
  [ClientEvent.whoami]: defineHandler({
    schema: clientPayloads[ClientEvent.whoami],
    handle: (_socket, user) => ({ id: user.id, name: user.name, role: user.role }),
  }),
  [ClientEvent.joinRoom]: defineHandler({
    schema: clientPayloads[ClientEvent.joinRoom],
    handle: (socket, user, { room }) => {
      const { kind, id } = parseRoom(room);
      watch(socket, user, kind, id);
      return { room };
    },
  }),
  [ClientEvent.leaveRoom]: defineHandler({
    schema: clientPayloads[ClientEvent.leaveRoom],
    handle: (socket, user, { room }) => {
      const { kind, id } = parseRoom(room);
      unwatch(socket, user, kind, id);
      return { room };
    },
  }),
};
