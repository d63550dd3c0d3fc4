import { json, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/features/accounts/auth.server";
import { readFormData } from "~/utils/forms";
import { validateMarkdown } from "~/utils/markdown-limits";
import { renderMarkdown } from "~/utils/markdown.server";

/** Live preview of markdown as it will be shown (same renderer and sanitiser as the pages). */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const text = (await readFormData(request)).get("text");
  if (typeof text !== "string") return json({ html: "", error: "Geen tekst ontvangen." }, { status: 400 });
  if (text.length > 100_000) return json({ html: "", error: "Deze tekst is te lang voor een voorbeeld." }, { status: 413 });
  // The same limits as the forms: the preview says what saving would refuse.
  const problem = validateMarkdown(text);
  if (problem) return json({ html: "", error: problem }, { status: 400 });
  return json({ html: renderMarkdown(text, { draft: true }), error: null });
}

export async function loader() {
  throw new Response(null, { status: 405 });
}
