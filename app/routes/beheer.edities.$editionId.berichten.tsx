import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, SelectField, TextArea } from "~/components/ui/field";
import { Notice } from "~/components/ui/notice";
import { SubmitButton } from "~/components/ui/submit-button";
import { requireAllowed, requireEdition, requireOrganiser } from "~/access/guards.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { messageRecipients, messageTrios, type MessageAudience } from "~/features/registration/trio-bulk.server";
import { actionResult } from "~/utils/action-result";
import { parseForm, readFormData, singleLineField } from "~/utils/forms";
import { plural } from "~/utils/plural";
import { useFormValidation } from "~/utils/use-form-validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Bericht aan trio's – ${data?.edition.name ?? "Editie"} – Werkplaats` },
];

const MESSAGE_MAX = 5000;
const messageSchema = z.object({
  audience: z
    .string({ required_error: "Kies aan wie het bericht gaat." })
    .regex(/^(all|admitted|missing:[\w-]+)$/, "Kies aan wie het bericht gaat."),
  subject: singleLineField({ required: "Vul een onderwerp in.", max: 150 }),
  text: z
    .string({ required_error: "Schrijf het bericht." })
    .trim()
    .min(1, "Schrijf het bericht.")
    .max(MESSAGE_MAX, `Houd het bericht korter: hoogstens ${MESSAGE_MAX.toLocaleString("nl-NL")} tekens.`),
});
const messageLabels = { audience: "Aan", subject: "Onderwerp", text: "Bericht" };

function audienceOf(value: string): MessageAudience {
  if (value.startsWith("missing:")) return { kind: "missingHomework", sessionId: value.slice("missing:".length) };
  return { kind: value === "all" ? "all" : "admitted" };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  requireAllowed(user, "edition.bulkTrios", edition);
  const count = (a: MessageAudience) => messageRecipients(edition.id, a).length;
  const audiences = [
    { value: "admitted", label: `Alle toegelaten trio's (${count({ kind: "admitted" })})` },
    { value: "all", label: `Alle trio's behalve afgewezen (${count({ kind: "all" })})` },
    ...listSessionsOfEdition(edition.id).map((s) => ({
      value: `missing:${s.id}`,
      label: `Toegelaten trio's zonder ingeleverd huiswerk voor bijeenkomst ${s.number} (${count({ kind: "missingHomework", sessionId: s.id })})`,
    })),
  ];
  return json({ edition: { id: edition.id, name: edition.name }, audiences });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  requireAllowed(user, "edition.bulkTrios", edition);
  const parsed = parseForm(await readFormData(request), messageSchema);
  if (!parsed.ok) return json(actionResult({ errors: parsed.errors, values: parsed.values }), { status: 400 });
  const sent = await messageTrios(edition.id, edition.name, audienceOf(parsed.data.audience), parsed.data);
  if (sent.people === 0)
    return json(
      actionResult({ errors: { audience: "Deze groep is leeg: het bericht is aan niemand verstuurd." }, values: parsed.values }),
      { status: 400 },
    );
  return json(
    actionResult({
      done: `Het bericht is verstuurd aan ${plural(sent.people, "persoon", "personen")} in ${plural(sent.trios, "trio", "trio's")}.`,
    }),
  );
}

export default function MessageTriosPage() {
  const { edition, audiences } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { errors, onSubmit } = useFormValidation(messageSchema, data?.errors);
  const values = data?.values ?? {};
  return (
    <div className="stack narrow">
      <p>
        <Link to={`/beheer/edities/${edition.id}/trios`}>← Trio&apos;s van {edition.name}</Link>
      </p>
      <h1>Bericht aan trio&apos;s</h1>
      <p>Iedere deelnemer van de gekozen trio&apos;s krijgt het bericht als e-mail, met de begeleiders als afzender.</p>
      {data?.done ? <Notice tone="success">{data.done}</Notice> : null}
      <ErrorSummary errors={errors} labels={messageLabels} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack" key={data?.done ?? "bericht"}>
        <SelectField
          name="audience"
          label={messageLabels.audience}
          options={audiences}
          required
          defaultValue={values.audience ?? "admitted"}
          error={errors?.audience}
        />
        <Field name="subject" label={messageLabels.subject} required defaultValue={values.subject} error={errors?.subject} />
        <TextArea
          name="text"
          label={messageLabels.text}
          required
          rows={8}
          limit={MESSAGE_MAX}
          defaultValue={values.text}
          error={errors?.text}
        />
        <div className="actions">
          <SubmitButton className="button" busy={busy}>
            Bericht versturen
          </SubmitButton>
        </div>
      </Form>
    </div>
  );
}
