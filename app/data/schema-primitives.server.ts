import { z } from "zod";

/** Building blocks shared by every collection schema. */
export const id = z.string().min(1).max(64);
export const timestamp = z.string().datetime({ offset: true });
