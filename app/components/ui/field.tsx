import { useEffect, useState, type InputHTMLAttributes, type ReactNode } from "react";

type FrameProps = {
  name: string;
  /** The control's id when one form repeats on a page; otherwise `veld-<name>`, which ErrorSummary links to. */
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  /** Said instead of "(niet verplicht)", e.g. for one of two fields of which one is required. */
  optionalNote?: string;
};

/** The ids that tie a control to its hint and error, for screen readers. */
function fieldIds(name: string, hint?: string, error?: string, ownId?: string) {
  const id = ownId ?? `veld-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return { id, describedBy };
}

/** A field's error in text ("Fout: …"), tied to its control by `id` through aria-describedby. */
export function FieldError({ id, error }: { id: string; error?: string | null }) {
  return error ? (
    <p className="field__error" id={id}>
      <span className="visually-hidden">Fout: </span>
      {error}
    </p>
  ) : null;
}

/** Label, hint and error around one form control. */
function FieldFrame({ name, id: ownId, label, hint, error, required, optionalNote, children }: FrameProps & { children: ReactNode }) {
  const { id } = fieldIds(name, undefined, undefined, ownId);
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? null : <span className="field__optional"> ({optionalNote ?? "niet verplicht"})</span>}
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-fout`} error={error} />
      {children}
    </div>
  );
}

type FieldProps = FrameProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

/** "Hint. Hoogstens 200 tekens.": the limit is said up front, not found out by a cut. */
function hintWithLimit(hint: string | undefined, limit: number | undefined) {
  return limit ? `${hint ? `${hint} ` : ""}Hoogstens ${limit.toLocaleString("nl-NL")} tekens.` : hint;
}

/**
 * A labelled input with its hint and error tied to it for screen readers. A maxLength is
 * shown as a hint and a live count, not given to the browser, which would cut a pasted
 * text off without a word; the schema refuses what is too long.
 */
export function Field({ name, id: ownId, label, hint, error, required, optionalNote, maxLength, onChange, ...input }: FieldProps) {
  const fullHint = hintWithLimit(hint, maxLength);
  const { id, describedBy } = fieldIds(name, fullHint, error, ownId);
  const [length, setLength] = useState(String(input.defaultValue ?? input.value ?? "").length);
  return (
    <FieldFrame name={name} id={id} label={label} hint={fullHint} error={error} required={required} optionalNote={optionalNote}>
      <input
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          setLength(e.currentTarget.value.length);
          onChange?.(e);
        }}
        {...input}
      />
      {maxLength ? <CharacterCounter id={`${id}-teller`} length={length} limit={maxLength} /> : null}
    </FieldFrame>
  );
}

type TextAreaProps = FrameProps & {
  defaultValue?: string;
  rows?: number;
  disabled?: boolean;
  /** The schema's limit: shown as a live count, never as a silent cut (so no HTML maxlength). */
  maxLength?: number;
  /** Same as maxLength. */
  limit?: number;
  onChange?: (value: string) => void;
};

/** How long a screen reader waits after the last keystroke before it hears the count. */
const COUNT_ANNOUNCE_DELAY_MS = 1500;

/**
 * "120 van 2.000 tekens": shown at once, read out (politely) only once typing pauses, so a
 * screen reader is not interrupted at every keystroke.
 */
export function CharacterCounter({ id, length, limit }: { id: string; length: number; limit: number }) {
  const [announced, setAnnounced] = useState("");
  const over = length > limit;
  const text = over
    ? `${(length - limit).toLocaleString("nl-NL")} ${length - limit === 1 ? "teken" : "tekens"} te veel (hoogstens ${limit.toLocaleString("nl-NL")})`
    : `${length.toLocaleString("nl-NL")} van ${limit.toLocaleString("nl-NL")} tekens`;
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(text), COUNT_ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <>
      <p className={over ? "field__counter field__counter--over" : "field__counter"} id={id} aria-hidden="true">
        {text}
      </p>
      <p className="visually-hidden" aria-live="polite" data-counter-for={id}>
        {announced}
      </p>
    </>
  );
}

/** A labelled textarea, wired like Field. */
export function TextArea({
  name,
  id: ownId,
  label,
  hint,
  error,
  required,
  optionalNote,
  rows = 6,
  onChange,
  maxLength,
  limit = maxLength,
  ...rest
}: TextAreaProps) {
  const fullHint = hintWithLimit(hint, limit);
  const { id, describedBy } = fieldIds(name, fullHint, error, ownId);
  const [length, setLength] = useState((rest.defaultValue ?? "").length);
  const counterId = `${id}-teller`;
  return (
    <FieldFrame name={name} id={id} label={label} hint={fullHint} error={error} required={required} optionalNote={optionalNote}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          setLength(e.currentTarget.value.length);
          onChange?.(e.currentTarget.value);
        }}
        {...rest}
      />
      {limit ? <CharacterCounter id={counterId} length={length} limit={limit} /> : null}
    </FieldFrame>
  );
}

type SelectFieldProps = FrameProps & {
  options: ReadonlyArray<{ value: string; label: string }>;
  defaultValue?: string;
  /** Shown first with an empty value, so nothing is chosen by accident. */
  placeholder?: string;
};

/** A labelled select, wired like Field. */
export function SelectField({ name, label, options, hint, error, required, defaultValue, placeholder }: SelectFieldProps) {
  const { id, describedBy } = fieldIds(name, hint, error);
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} required={required}>
      <select
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        defaultValue={defaultValue ?? ""}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
