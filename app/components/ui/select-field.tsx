type SelectFieldProps = {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint?: string;
  error?: string;
  required?: boolean;
  defaultValue?: string;
  /** Shown first with an empty value, so nothing is chosen by accident. */
  placeholder?: string;
};

/** A labelled select, wired like Field (hint and error tied to it for screen readers). */
export function SelectField({ name, label, options, hint, error, required, defaultValue, placeholder }: SelectFieldProps) {
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
      <select id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy} defaultValue={defaultValue ?? ""}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}
