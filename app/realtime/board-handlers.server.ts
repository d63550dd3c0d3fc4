import type { DisconnectHook, HandlerTable } from "~/realtime/registry.server";

/** Whiteboard events (issue 6). */
export const boardHandlers: HandlerTable = {};
export const boardDisconnectHooks: DisconnectHook[] = [];
