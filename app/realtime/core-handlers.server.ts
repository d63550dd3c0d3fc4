import { getTrio, isTrioMember, listMembershipsOfUser } from "~/models/trio.server";
import type { User } from "~/models/user.server";
import { ClientEvent, clientPayloads } from "./events";
import { defineHandler, RealtimeError, type HandlerTable } from "./registry.server";

function mayJoin(user: User, room: string): boolean {
  const [kind, id] = room.split(":");
  if (kind === "trio") {
    const trio = getTrio(id);
    return Boolean(trio) && (user.role === "organiser" || isTrioMember(user.id, id));
  }
  if (kind === "edition") {
    if (user.role === "organiser") return true;
    return listMembershipsOfUser(user.id).some((m) => getTrio(m.trioId)?.editionId === id);
  }
  return false;
}

export const coreHandlers: HandlerTable = {
  [ClientEvent.whoami]: defineHandler({
    schema: clientPayloads[ClientEvent.whoami],
    handle: (_socket, user) => ({ id: user.id, name: user.name, role: user.role }),
  }),
  [ClientEvent.joinRoom]: defineHandler({
    schema: clientPayloads[ClientEvent.joinRoom],
    handle: async (socket, user, { room }) => {
      if (!mayJoin(user, room)) throw new RealtimeError("forbidden", "Je hebt geen toegang tot deze ruimte.");
      await socket.join(room);
      return { room };
    },
  }),
  [ClientEvent.leaveRoom]: defineHandler({
    schema: clientPayloads[ClientEvent.leaveRoom],
    handle: async (socket, _user, { room }) => {
      await socket.leave(room);
      return { room };
    },
  }),
};
