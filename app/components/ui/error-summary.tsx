import { useEffect, useRef } from "react";

/**
 * The list of problems above a form (GOV.UK / NL Design System pattern): it takes
 * focus when it appears, and each item links to its field.
 */
export function ErrorSummary({ errors, labels }: { errors?: Record<string, string> | null; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="foutoverzicht-titel" tabIndex={-1} ref={ref}>
      <h2 id="foutoverzicht-titel">{entries.length === 1 ? "Er is een probleem" : `Er zijn ${entries.length} problemen`}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>{labels?.[field] ? <a href={`#veld-${field}`}>{`${labels[field]}: ${message}`}</a> : message}</li>
        ))}
      </ul>
    </div>
  );
}
