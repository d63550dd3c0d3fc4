/**
 * POST /upload: the one endpoint every file upload goes through (resource route,
 * JSON answers). The multipart body carries a `purpose` field first, then the file
 * (field `file`); the purpose decides who may upload and which kinds of file. The
 * file is stored and recorded here; the page that uploaded it then links the
 * returned id to its own record (a material, a case). See docs/decisions/007-uploads.md.
 *
 *   200 { ok: true, file: { id, name, size, mime } }
 *   4xx { ok: false, message }   (400, 401, 403, 405, 413, 415, 422)
 */
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { can } from "~/access/policy.server";
import { getTrio } from "~/features/registration/trio.server";
import type { User } from "~/features/accounts/user.server";
import { requireUser } from "~/features/accounts/auth.server";
import { discardRequestBody, receiveUpload, type FileCategory, type UploadRefusal } from "~/features/files/upload.server";

type Purpose = {
  /** Whether this person may upload for this purpose (fields: the text fields sent before the file). */
  mayUpload: (user: User, fields: Record<string, string>) => boolean;
  allowed: FileCategory[];
  /** Shown when mayUpload says no. */
  forbidden: string;
};

/**
 * What an upload can be for. A new purpose is one entry here, e.g. for trios:
 *   casus: { mayUpload: (user, fields) => mayChangeTrio(user, fields.trioId),
 *            allowed: ["pdf", "word", "powerpoint", "image"], forbidden: "Alleen leden van de trio kunnen hier een casus uploaden." },
 */
/** A member changing their own trio's files (never in an archived edition). */
function mayChangeTrio(user: User, trioId: string | undefined): boolean {
  const trio = getTrio(trioId ?? "");
  return Boolean(trio && can(user, "trio.change", trio));
}

const purposes: Record<string, Purpose> = {
  materiaal: {
    mayUpload: (user) => can(user, "material.upload", null),
    allowed: ["pdf", "powerpoint", "word", "image"],
    forbidden: "Alleen sprekers en begeleiders kunnen sessiemateriaal uploaden.",
  },
  casus: {
    mayUpload: (user, fields) => mayChangeTrio(user, fields.trioId),
    allowed: ["pdf", "word", "powerpoint", "image"],
    forbidden: "Alleen leden van de trio kunnen bestanden bij deze casus uploaden.",
  },
  organogram: {
    mayUpload: (user, fields) => mayChangeTrio(user, fields.trioId),
    allowed: ["image", "pdf"],
    forbidden: "Alleen leden van het trio kunnen het organogram van hun gemeente uploaden.",
  },
  huiswerk: {
    mayUpload: (user, fields) => mayChangeTrio(user, fields.trioId),
    allowed: ["pdf", "word", "powerpoint", "image"],
    forbidden: "Alleen leden van het trio kunnen bestanden bij dit huiswerk uploaden.",
  },
};

export type UploadResponse = { ok: true; file: { id: string; name: string; size: number; mime: string } } | { ok: false; message: string };

const headers = { "Cache-Control": "no-store" };

function answer(body: UploadResponse, status: number, extra: Record<string, string> = {}) {
  return json(body, { status, headers: { ...headers, ...extra } });
}

export function loader() {
  return answer({ ok: false, message: "Gebruik POST om een bestand te uploaden." }, 405, { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") {
    discardRequestBody(request);
    return answer({ ok: false, message: "Gebruik POST om een bestand te uploaden." }, 405, { Allow: "POST" });
  }
  let user: User;
  try {
    user = await requireUser(request);
  } catch (error) {
    // requireUser redirects to the login page; a script needs a status it can read.
    if (error instanceof Response && error.status >= 300 && error.status < 400) {
      discardRequestBody(request);
      return answer({ ok: false, message: "Je bent niet (meer) ingelogd. Log opnieuw in en probeer het dan nog eens." }, 401);
    }
    throw error;
  }

  const result = await receiveUpload(request, {
    userId: user.id,
    allowed: [],
    beforeFile: (fields): UploadRefusal | { allowed: FileCategory[] } => {
      const name = fields.purpose;
      if (!name) {
        return { ok: false, status: 400, message: "Het doel van de upload ontbreekt (het veld ‘purpose’ moet vóór het bestand komen)." };
      }
      const purpose = Object.hasOwn(purposes, name) ? purposes[name] : undefined;
      if (!purpose) return { ok: false, status: 400, message: "Onbekend doel van de upload." };
      if (!purpose.mayUpload(user, fields)) return { ok: false, status: 403, message: purpose.forbidden };
      return { allowed: purpose.allowed };
    },
  });
  if (!result.ok)
    return answer({ ok: false, message: result.message }, result.status, result.closeConnection ? { Connection: "close" } : {});
  const { id, originalName, size, mime } = result.file;
  return answer({ ok: true, file: { id, name: originalName, size, mime } }, 200);
}
