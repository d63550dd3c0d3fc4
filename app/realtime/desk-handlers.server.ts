import type { DisconnectHook, HandlerTable } from "~/realtime/registry.server";

/** Exercise events (issue 7): the mixing desk. */
export const deskHandlers: HandlerTable = {};
export const deskDisconnectHooks: DisconnectHook[] = [];
