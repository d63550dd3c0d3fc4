import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { TextArea } from "~/components/ui/field";

/** Waits this long after the last keystroke before asking for a new preview. */
const PREVIEW_DEBOUNCE_MS = 400;

/**
 * A markdown textarea with a live preview rendered by the server (the same
 * renderer and sanitiser as the published page, and no markdown library in the
 * browser bundle).
 */
export function MarkdownEditor(props: {
  name: string;
  label: string;
  defaultValue?: string;
  error?: string;
  required?: boolean;
  hint?: string;
  rows?: number;
  /** The schema's limit, shown as a live count. */
  maxLength?: number;
}) {
  const fetcher = useFetcher<{ html: string; error: string | null }>();
  const [text, setText] = useState(props.defaultValue ?? "");
  const timer = useRef<number>();
  const submit = fetcher.submit;

  useEffect(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      submit({ text }, { method: "post", action: "/api/voorbeeld" });
    }, PREVIEW_DEBOUNCE_MS);
    return () => window.clearTimeout(timer.current);
  }, [text, submit]);

  return (
    <div className="markdown-editor">
      <TextArea
        name={props.name}
        label={props.label}
        defaultValue={props.defaultValue}
        error={props.error}
        required={props.required}
        rows={props.rows ?? 12}
        maxLength={props.maxLength}
        hint={props.hint ?? "Opmaak met Markdown: **vet**, *schuin*, ## tussenkop, - opsomming, [tekst](https://link)."}
        onChange={setText}
      />
      <section className="markdown-editor__preview" aria-labelledby={`${props.name}-voorbeeld`} aria-busy={fetcher.state !== "idle"}>
        <h2 id={`${props.name}-voorbeeld`} className="markdown-editor__title">
          Voorbeeld
        </h2>
        {fetcher.data?.error ? <p className="field__error">{fetcher.data.error}</p> : null}
        {text.trim() === "" ? (
          <p className="muted">Begin te typen om hier te zien hoe deelnemers het lezen.</p>
        ) : (
          <div className="prose" dangerouslySetInnerHTML={{ __html: fetcher.data?.html ?? "" }} />
        )}
      </section>
    </div>
  );
}
