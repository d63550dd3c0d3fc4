import { Field } from "~/components/ui/field";
import { editionFormLabels as labels } from "./edition-form";

type Values = Partial<Record<keyof typeof labels, string>>;

/** The fields of the edition settings form (new and edit). */
export function EditionFields({ values, errors }: { values?: Values | null; errors?: Record<string, string> | null }) {
  return (
    <>
      <Field
        name="name"
        label={labels.name}
        required
        defaultValue={values?.name}
        error={errors?.name}
        hint="Bijvoorbeeld: Werkplaats wijkgericht werken 2027"
      />
      <div className="field-row">
        <Field name="year" label={labels.year} inputMode="numeric" required defaultValue={values?.year} error={errors?.year} />
        <Field
          name="capacity"
          label={labels.capacity}
          inputMode="numeric"
          required
          defaultValue={values?.capacity}
          error={errors?.capacity}
        />
      </div>
      <div className="field-row">
        <Field
          name="registrationOpens"
          label={labels.registrationOpens}
          type="date"
          required
          defaultValue={values?.registrationOpens}
          error={errors?.registrationOpens}
        />
        <Field
          name="registrationCloses"
          label={labels.registrationCloses}
          type="date"
          required
          defaultValue={values?.registrationCloses}
          error={errors?.registrationCloses}
          hint="Tot en met deze dag, 23:59 uur."
        />
      </div>
    </>
  );
}
