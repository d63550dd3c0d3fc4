import type { InputHTMLAttributes } from "react";

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

/** A labelled input with its hint and error tied to it for screen readers. */
export function Field({ name, label, hint, error, required, ...input }: FieldProps) {
  const id = `veld-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? null : <span className="field__optional"> (niet verplicht)</span>}
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
      <input id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
    </div>
  );
}

type TextAreaProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  defaultValue?: string;
  rows?: number;
  disabled?: boolean;
  maxLength?: number;
  onChange?: (value: string) => void;
};

/** A labelled textarea, wired like Field. */
export function TextArea({ name, label, hint, error, required, rows = 6, onChange, ...rest }: TextAreaProps) {
  const id = `veld-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? null : <span className="field__optional"> (niet verplicht)</span>}
      </label>
      {hint ? <p className="field__hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? (
        <p className="field__error" id={`${id}-fout`}>
          <span className="visually-hidden">Fout: </span>
          {error}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        rows={rows}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={onChange ? (e) => onChange(e.currentTarget.value) : undefined}
        {...rest}
      />
    </div>
  );
}
