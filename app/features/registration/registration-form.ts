/**
 * The trio registration form and the organisers' member form: one zod schema per
 * form, used in the browser (useFormValidation) and in the action.
 */
import { z } from "zod";
import { domains, type Domain } from "~/data/enums";
import { emailField, nameField, singleLineField, withCrossChecks } from "~/utils/forms";
import { domainLabels } from "~/utils/labels";

export const MEMBER_NUMBERS = [1, 2, 3] as const;

/** The longest first description of a case; the form counts down to it. */
export const CASE_SUMMARY_MAX = 2000;

const domainField = z.enum(domains, { errorMap: () => ({ message: "Kies het domein: wijk, fysiek of sociaal." }) });
const jobTitleField = singleLineField({ required: "Vul de functie in.", max: 200 });

export const municipalityField = singleLineField({ required: "Vul de naam van de gemeente in.", min: 2, max: 200 });

export const caseSummaryField = z
  .string({ required_error: "Beschrijf kort jullie casus." })
  .trim()
  .min(20, "Beschrijf jullie casus in een paar zinnen (minstens 20 tekens).")
  .max(CASE_SUMMARY_MAX, "Houd de eerste beschrijving kort: hoogstens 2.000 tekens.");

const memberShape = (n: number) => ({
  [`name${n}`]: nameField(n === 1 ? "je naam" : `de naam van lid ${n}`),
  [`email${n}`]: emailField,
  [`jobTitle${n}`]: jobTitleField,
  [`domain${n}`]: domainField,
});

const baseShape = {
  municipality: municipalityField,
  caseSummary: caseSummaryField,
  ...memberShape(1),
  ...memberShape(2),
  ...memberShape(3),
};

type Values = Record<string, string | undefined>;

/** The rules across members: three different e-mail addresses, one person per domain. */
function checkMembers(values: Values, ctx: z.RefinementCtx) {
  const emails = MEMBER_NUMBERS.map((n) => (values[`email${n}`] ?? "").trim().toLowerCase());
  emails.forEach((email, i) => {
    const first = emails.indexOf(email);
    if (email && first !== i) {
      ctx.addIssue({
        code: "custom",
        path: [`email${i + 1}`],
        message: `Dit e-mailadres staat al bij lid ${first + 1}. Ieder lid van het trio heeft een eigen e-mailadres.`,
      });
    }
  });
  const chosen = MEMBER_NUMBERS.map((n) => values[`domain${n}`]).filter((d): d is Domain => domains.includes(d as Domain));
  if (chosen.length === 3 && new Set(chosen).size !== 3) {
    const missing = domains.filter((d) => !chosen.includes(d)).map((d) => domainLabels[d].toLowerCase());
    ctx.addIssue({
      code: "custom",
      path: ["domains"],
      message: `Een trio bestaat uit één persoon uit de wijk, één uit het fysieke domein en één uit het sociale domein. Nu ontbreekt: ${missing.join(" en ")}.`,
    });
  }
}

/**
 * One form for everyone. Nobody chooses a password here: each person, the one filling
 * in the form included, confirms from their own mailbox (ADR 021), so the answer to a
 * registration says nothing about which addresses already have an account.
 */
export const registrationSchema = withCrossChecks(z.object(baseShape), checkMembers);
/** Logged in, member 1 is the person's own account; the form is the same. */
export const registrationSchemaLoggedIn = registrationSchema;

export type RegistrationForm = z.infer<typeof registrationSchemaLoggedIn>;

export const registrationLabels: Record<string, string> = {
  municipality: "Gemeente",
  caseSummary: "Jullie casus in het kort",
  domains: "Domeinen",
  ...Object.fromEntries(
    MEMBER_NUMBERS.flatMap((n) => {
      const who = n === 1 ? "Jij" : `Lid ${n}`;
      return [
        [`name${n}`, `${who}: naam`],
        [`email${n}`, `${who}: e-mailadres`],
        [`jobTitle${n}`, `${who}: functie`],
        [`domain${n}`, `${who}: domein`],
      ];
    }),
  ),
};

/** The organisers' form to add a person to a trio (as a replacement or on a free place). */
export const memberSchema = z.object({
  intent: z.enum(["replace", "add"]),
  trioId: z.string().min(1).max(64),
  membershipId: z.string().max(64).optional(),
  name: nameField("de naam"),
  email: emailField,
  jobTitle: jobTitleField,
  domain: domainField,
});

export const memberLabels: Record<string, string> = {
  name: "Naam",
  email: "E-mailadres",
  jobTitle: "Functie",
  domain: "Domein",
};
