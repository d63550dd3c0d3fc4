import { useEffect, useRef, useState } from "react";

type Entry = { field: string; message: string; href?: string; label?: string };

/**
 * The list of problems above a form (GOV.UK / NL Design System pattern): it takes
 * focus when it appears, and each item links to its field. Fields are found by
 * `labels` (ids `veld-<name>`, see Field), or, on a page with many small forms,
 * in `form`, the form that was sent: by name, with the text of their own label.
 */
export function ErrorSummary({
  errors,
  labels,
  form,
}: {
  errors?: Record<string, string> | null;
  labels?: Record<string, string>;
  form?: HTMLFormElement | null;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [found, setFound] = useState<Record<string, Entry>>({});
  const entries = named(errors, labels).map((entry) => (entry.href ? entry : (found[entry.field] ?? entry)));
  useEffect(() => {
    const located = named(errors, labels)
      .filter((entry) => !entry.href)
      .map((entry) => inForm(entry, form))
      .filter((entry) => entry.href);
    setFound(Object.fromEntries(located.map((entry) => [entry.field, entry])));
    const marked = located.map((entry) => document.getElementById(entry.href!.slice(1))).filter((el) => el !== null);
    for (const el of marked) el.setAttribute("aria-invalid", "true");
    if (entries.length > 0) ref.current?.focus();
    return () => {
      for (const el of marked) el.removeAttribute("aria-invalid");
    };
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="foutoverzicht-titel" tabIndex={-1} ref={ref}>
      <h2 id="foutoverzicht-titel">{entries.length === 1 ? "Er is een probleem" : `Er zijn ${entries.length} problemen`}</h2>
      <ul>
        {entries.map((e) => (
          <li key={e.field}>{e.href ? <a href={e.href}>{`${e.label}: ${e.message}`}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

function named(errors: Record<string, string> | null | undefined, labels: Record<string, string> | undefined): Entry[] {
  return Object.entries(errors ?? {}).map(([field, message]) =>
    labels?.[field] ? { field, message, href: `#veld-${field}`, label: labels[field] } : { field, message },
  );
}

/** The field of that name in the form that was sent, with the words of its label. */
function inForm(entry: Entry, form: HTMLFormElement | null | undefined): Entry {
  const control = form?.isConnected ? form.elements.namedItem(entry.field) : null;
  if (!(control instanceof HTMLElement) || !control.id || !("labels" in control)) return entry;
  const label = (control.labels as NodeListOf<HTMLLabelElement> | null)?.[0]?.textContent?.trim();
  return label ? { ...entry, href: `#${control.id}`, label } : entry;
}
