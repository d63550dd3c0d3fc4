import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { FILE_GONE, getStoredFile, openStoredFile } from "~/data/file-store.server";
import { requireUser } from "~/features/accounts/auth.server";
import { can } from "~/access/policy.server";

/** RFC 6266 / 5987: an ASCII fallback plus the exact UTF-8 name. */
function contentDisposition(name: string): string {
  const ascii =
    name
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\]/g, "") || "bestand";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Downloads are always attachments with the type we established from the content. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = getStoredFile(params.fileId ?? "");
  // The same answer for "does not exist" and "not yours": ids cannot be probed.
  if (!file || !can(user, "file.download", file))
    throw new Response("Dit bestand bestaat niet of je hebt er geen toegang toe.", { status: 404 });
  const contents = await openStoredFile(file);
  if (!contents) throw new Response(FILE_GONE, { status: 410 });
  const stream = Readable.toWeb(contents) as ReadableStream<Uint8Array>;
  return new Response(stream, {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(file.originalName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
