/**
 * Uploads one file to POST /upload with XMLHttpRequest (fetch reports no upload
 * progress), showing a progress bar, the bytes sent, a Cancel button and the
 * server's Dutch message on refusal. On success it calls onUploaded with the
 * stored file; the surrounding form keeps its id (e.g. in a hidden field).
 *
 * The file input has no name: inside a <Form> it is never submitted itself. The
 * request is same-origin, so the browser adds the Origin header the server's
 * CSRF check wants. No inline scripts; only inline styles (allowed by the CSP).
 * See docs/decisions/007-uploads.md.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent } from "react";

export type UploadedFile = { id: string; name: string; size: number; mime: string };

/** Keep in step with DEFAULT_MAX_UPLOAD_BYTES in app/features/files/upload.server.ts. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const MIB = 1024 * 1024;
const DEFAULT_ACCEPT = [
  ".pdf",
  ".doc",
  ".docx",
  ".ppt",
  ".pptx",
  ".png",
  ".jpg",
  ".jpeg",
  ".gif",
  ".webp",
  "application/pdf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
].join(",");
const DEFAULT_HINT = "PDF, Word, PowerPoint of een afbeelding (PNG, JPEG, GIF of WebP), hoogstens 50 MB.";

type Props = {
  /** What the file is for; the server decides who may upload for it and which types. */
  purpose: string;
  /** Extra text fields sent before the file (e.g. the trioId for a case). */
  fields?: Record<string, string>;
  label?: string;
  hint?: string;
  accept?: string;
  maxBytes?: number;
  disabled?: boolean;
  onUploaded?: (file: UploadedFile) => void;
};

type State =
  | { phase: "idle"; message: string | null }
  | { phase: "uploading"; fileName: string; sent: number; total: number; percent: number }
  | { phase: "done"; file: UploadedFile }
  | { phase: "error"; fileName: string; message: string };

/** "12,5 MB" (one decimal, Dutch comma); below 1 MB in kB. */
export function formatUploadBytes(bytes: number, unitOf = bytes): string {
  const number = (n: number, digits: number) => n.toLocaleString("nl-NL", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unitOf >= MIB ? `${number(bytes / MIB, 1)} MB` : `${number(bytes / 1024, 0)} kB`;
}

/** The server answers JSON { ok, message }; middleware in front of it may answer HTML. */
function messageFor(status: number, body: unknown): string {
  const message = (body as { message?: unknown } | null)?.message;
  if (typeof message === "string" && message) return message;
  switch (status) {
    case 401:
      return "Je bent niet (meer) ingelogd. Log opnieuw in en probeer het dan nog eens.";
    case 403:
      return "Je mag hier geen bestand uploaden. Open de pagina opnieuw en probeer het nog eens.";
    case 413:
      return "Dit bestand is te groot. Het mag hoogstens 50 MB zijn.";
    case 429:
      return "Te veel verzoeken in korte tijd. Wacht even en probeer het dan opnieuw.";
    default:
      return `Het uploaden is mislukt (fout ${status}). Probeer het opnieuw.`;
  }
}

export function FileUpload({
  purpose,
  fields,
  label = "Bestand kiezen",
  hint = DEFAULT_HINT,
  accept = DEFAULT_ACCEPT,
  maxBytes = MAX_UPLOAD_BYTES,
  disabled = false,
  onUploaded,
}: Props) {
  const id = `upload-${useId().replace(/:/g, "")}`;
  const [state, setState] = useState<State>({ phase: "idle", message: null });
  const [hydrated, setHydrated] = useState(false);
  const request = useRef<XMLHttpRequest | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const uploaded = useRef(onUploaded);
  uploaded.current = onUploaded;

  useEffect(() => {
    setHydrated(true);
    // Leaving the page stops an upload that is still running.
    return () => request.current?.abort();
  }, []);

  function clearInput() {
    if (input.current) input.current.value = "";
  }

  function upload(file: File) {
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    setState({ phase: "uploading", fileName: file.name, sent: 0, total: file.size, percent: 0 });
    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable || event.total === 0) return;
      // The body also holds the multipart framing; show the share of the file itself.
      const fraction = Math.min(1, event.loaded / event.total);
      setState({
        phase: "uploading",
        fileName: file.name,
        sent: Math.round(file.size * fraction),
        total: file.size,
        percent: Math.floor(fraction * 100),
      });
    };
    xhr.onload = () => {
      request.current = null;
      clearInput();
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      const result = body as { ok?: boolean; file?: UploadedFile } | null;
      if (xhr.status >= 200 && xhr.status < 300 && result?.ok && result.file) {
        setState({ phase: "done", file: result.file });
        uploaded.current?.(result.file);
      } else {
        setState({ phase: "error", fileName: file.name, message: messageFor(xhr.status, body) });
      }
    };
    xhr.onerror = () => {
      request.current = null;
      clearInput();
      setState({
        phase: "error",
        fileName: file.name,
        message: "De verbinding is verbroken tijdens het uploaden. Controleer je internetverbinding en probeer het opnieuw.",
      });
    };
    xhr.onabort = () => {
      request.current = null;
      clearInput();
      setState({ phase: "idle", message: `Het uploaden van ${file.name} is geannuleerd.` });
    };
    // Text fields first: the server must know the purpose before the file arrives.
    const form = new FormData();
    form.append("purpose", purpose);
    for (const [name, value] of Object.entries(fields ?? {})) form.append(name, value);
    form.append("file", file, file.name);
    xhr.open("POST", "/upload");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.send(form);
  }

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    request.current?.abort();
    // Checked here too, so nobody waits for an upload the server will refuse anyway.
    if (file.size > maxBytes) {
      clearInput();
      setState({
        phase: "error",
        fileName: file.name,
        message: `Dit bestand is te groot (${formatUploadBytes(file.size)}). Het mag hoogstens ${formatUploadBytes(maxBytes)} zijn.`,
      });
      return;
    }
    if (file.size === 0) {
      clearInput();
      setState({ phase: "error", fileName: file.name, message: "Dit bestand is leeg. Kies een ander bestand." });
      return;
    }
    upload(file);
  }

  const uploading = state.phase === "uploading";
  const error = state.phase === "error" ? state.message : null;
  const describedBy = [`${id}-hint`, error ? `${id}-fout` : null].filter(Boolean).join(" ");
  const announcement =
    state.phase === "uploading"
      ? `Bezig met uploaden van ${state.fileName}.`
      : state.phase === "done"
        ? `${state.file.name} is geüpload.`
        : state.phase === "idle"
          ? (state.message ?? "")
          : "";

  return (
    <div className={`field file-upload${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error ? (
        <p className="field__error" id={`${id}-fout`} role="alert">
          <span className="visually-hidden">Fout: </span>
          {error}
        </p>
      ) : null}
      <input
        ref={input}
        id={id}
        type="file"
        accept={accept}
        onChange={onChange}
        disabled={disabled || uploading || !hydrated}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {state.phase === "uploading" ? (
        <div className="actions" style={{ gap: "0.75rem" }}>
          <progress
            id={`${id}-voortgang`}
            max={100}
            value={state.percent}
            aria-label={`Voortgang van de upload van ${state.fileName}`}
            style={{ flex: "1 1 12rem", minWidth: "10rem", height: "1.25rem" }}
          >
            {state.percent}%
          </progress>
          <span>
            {state.percent}% · {formatUploadBytes(state.sent, state.total)} van {formatUploadBytes(state.total)}
          </span>
          <button type="button" className="button button--quiet button--small" onClick={() => request.current?.abort()}>
            Annuleren
          </button>
        </div>
      ) : null}
      {state.phase === "done" ? (
        <p className="notice notice--success">
          Geüpload: <strong>{state.file.name}</strong> ({formatUploadBytes(state.file.size)})
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
