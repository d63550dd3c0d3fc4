import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { FILE_GONE, getStoredFile, openStoredFile } from "~/data/file-store.server";
import { requireUser } from "~/features/accounts/auth.server";
import { can } from "~/access/policy.server";
import { PREVIEW_MIME_TYPES } from "~/features/files/file-type.server";

/**
 * GET /bestanden/:fileId/voorbeeld: an image shown inline (for <img>), with the same
 * access check as the download. Only for image types established from the content;
 * a PDF or Office file is never served inline (404: there is no preview of it).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = getStoredFile(params.fileId ?? "");
  if (!file || !can(user, "file.download", file) || !PREVIEW_MIME_TYPES.includes(file.mime)) {
    throw new Response("Van dit bestand is geen voorbeeld beschikbaar.", { status: 404 });
  }
  const contents = await openStoredFile(file);
  if (!contents) throw new Response(FILE_GONE, { status: 410 });
  const stream = Readable.toWeb(contents) as ReadableStream<Uint8Array>;
  return new Response(stream, {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.size),
      "Content-Disposition": "inline",
      "Cache-Control": "private, no-store",
      // nosniff, a strict CSP and same-origin resource policy come from the security headers for every response.
    },
  });
}
