import { useRef, type FormEvent } from "react";
import { Form } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, SelectField, TextArea } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/submit-button";
import { RegistrationPrivacyNotice } from "./registration-notice";
import { domains, type Domain } from "~/data/enums";
import type { FieldErrors } from "~/utils/forms";
import { domainLabels } from "~/utils/labels";
import { useFormDraft } from "~/utils/use-form-draft";
import { CASE_SUMMARY_MAX, MEMBER_NUMBERS, registrationLabels } from "./registration-form";

const domainOptions = domains.map((d) => ({ value: d, label: domainLabels[d] }));
/** The order the form suggests: the person registering is usually the neighbourhood officer. */
const suggestedDomain: Record<number, Domain> = { 1: "wijk", 2: "fysiek", 3: "sociaal" };

/** The draft key of an edition's registration form (cleared once the registration is received). */
export const registrationDraftKey = (editionId: string) => `aanmelden-${editionId}`;

/** The trio registration form; what someone types is kept as a draft in this tab until it is sent. */
export function RegistrationFormView({
  editionId,
  me,
  errors,
  onSubmit,
  values,
  restoreDraft,
  busy,
}: {
  editionId: string;
  me: { name: string; email: string } | null;
  errors: FieldErrors | null;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  values: Record<string, string | undefined>;
  restoreDraft: boolean;
  busy: boolean;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  useFormDraft(formRef, registrationDraftKey(editionId), restoreDraft);
  const loggedIn = me !== null;
  return (
    <>
      <ErrorSummary errors={errors} labels={registrationLabels} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack" ref={formRef}>
        <Field
          name="municipality"
          label={registrationLabels.municipality}
          autoComplete="organization"
          required
          defaultValue={values.municipality}
          error={errors?.municipality}
        />

        <p className={errors?.domains ? "field field--error" : "field__hint"} id="veld-domains" tabIndex={-1}>
          {errors?.domains ? (
            <span className="field__error">
              <span className="visually-hidden">Fout: </span>
              {errors.domains}
            </span>
          ) : (
            "Per lid vul je het domein in. We verwachten precies één persoon uit de wijk, één uit het fysieke domein en één uit het sociale domein."
          )}
        </p>
        {MEMBER_NUMBERS.map((n) => {
          const self = n === 1;
          return (
            <fieldset key={n} className="card stack">
              <legend>{self ? "Lid 1: jij" : `Lid ${n}`}</legend>
              {self ? null : <p className="field__hint">Deze collega krijgt een e-mail om te bevestigen dat hij of zij meedoet.</p>}
              <Field
                name={`name${n}`}
                label="Naam"
                autoComplete={self ? "name" : "off"}
                required
                readOnly={self && loggedIn}
                defaultValue={self && loggedIn ? me.name : values[`name${n}`]}
                error={errors?.[`name${n}`]}
              />
              <Field
                name={`email${n}`}
                label="E-mailadres"
                type="email"
                autoComplete={self ? "email" : "off"}
                required
                readOnly={self && loggedIn}
                defaultValue={self && loggedIn ? me.email : values[`email${n}`]}
                hint={
                  self && !loggedIn
                    ? "Hiermee log je straks in; je krijgt hier een e-mail om je aanmelding te bevestigen. Gebruik je werkadres."
                    : undefined
                }
                error={errors?.[`email${n}`]}
              />
              <Field
                name={`jobTitle${n}`}
                label="Functie"
                autoComplete={self ? "organization-title" : "off"}
                required
                defaultValue={values[`jobTitle${n}`]}
                error={errors?.[`jobTitle${n}`]}
              />
              <SelectField
                name={`domain${n}`}
                label="Domein"
                options={domainOptions}
                required
                defaultValue={values[`domain${n}`] ?? suggestedDomain[n]}
                error={errors?.[`domain${n}`]}
              />
            </fieldset>
          );
        })}

        <TextArea
          name="caseSummary"
          label={registrationLabels.caseSummary}
          hint="Een paar zinnen over de vraag uit jullie wijk waar jullie mee aan de slag willen, bijvoorbeeld jongeren die een skatepark willen bouwen. Later werken jullie de casus verder uit."
          required
          rows={5}
          limit={CASE_SUMMARY_MAX}
          defaultValue={values.caseSummary}
          error={errors?.caseSummary}
        />

        <RegistrationPrivacyNotice />

        <div className="actions">
          <SubmitButton className="button" busy={busy}>
            Trio aanmelden
          </SubmitButton>
        </div>
      </Form>
    </>
  );
}
