import { useEffect, useState, type InputHTMLAttributes, type ReactNode } from "react";

type FrameProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  /** Said instead of "(niet verplicht)", e.g. for one of two fields of which one is required. */
  optionalNote?: string;
};

/** The ids that tie a control to its hint and error, for screen readers. */
function fieldIds(name: string, hint?: string, error?: string) {
  const id = `veld-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return { id, describedBy };
}

/** Label, hint and error around one form control. */
function FieldFrame({ name, label, hint, error, required, optionalNote, children }: FrameProps & { children: ReactNode }) {
  const { id } = fieldIds(name);
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
      {error ? (
        <p className="field__error" id={`${id}-fout`}>
          <span className="visually-hidden">Fout: </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

type FieldProps = FrameProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

/** A labelled input with its hint and error tied to it for screen readers. */
export function Field({ name, label, hint, error, required, optionalNote, ...input }: FieldProps) {
  const { id, describedBy } = fieldIds(name, hint, error);
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} required={required} optionalNote={optionalNote}>
      <input id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
    </FieldFrame>
  );
}

type TextAreaProps = FrameProps & {
  defaultValue?: string;
  rows?: number;
  disabled?: boolean;
  maxLength?: number;
  /** Shows a live count against this many characters instead of cutting the text off. */
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
export function TextArea({ name, label, hint, error, required, rows = 6, onChange, limit, ...rest }: TextAreaProps) {
  const { id, describedBy } = fieldIds(name, hint, error);
  const [length, setLength] = useState((rest.defaultValue ?? "").length);
  const counterId = `${id}-teller`;
  return (
    <FieldFrame
      name={name}
      label={label}
      hint={limit ? `${hint ? `${hint} ` : ""}Hoogstens ${limit.toLocaleString("nl-NL")} tekens.` : hint}
      error={error}
      required={required}
    >
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
