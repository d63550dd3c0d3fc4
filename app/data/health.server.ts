import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { getDb } from "./db.server";

/** True when a file can be created and removed in the data folder right now. */
export async function isDataDirWritable(): Promise<boolean> {
  const probe = path.join(getDb().dataDir, `.healthz-${randomBytes(6).toString("hex")}`);
  try {
    await writeFile(probe, "ok");
    await rm(probe);
    return true;
  } catch {
    await rm(probe, { force: true }).catch(() => {});
    return false;
  }
}
