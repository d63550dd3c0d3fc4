import type { HandlerTable } from "~/realtime/registry.server";

/** Homework and notification events (issue 5). */
export const homeworkHandlers: HandlerTable = {};
