import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getEdition } from "~/features/programme/edition.server";
import { leaveTrio } from "~/features/registration/registration.server";
import { sendMail } from "~/features/notifications/mail.server";
import { removedFromTrioMail } from "~/features/accounts/mail-templates.server";
import { requireTrioChange } from "~/access/guards.server";

/** Only a form post leaves a trio; a link or a prefetch must never do it. */
export function loader() {
  return new Response("Een trio verlaat je met de knop op de pagina van je trio.", { status: 405, headers: { Allow: "POST" } });
}

/**
 * A member leaves their trio (the dossier page posts here). The account stays, so the
 * person can join another trio later. Anyone else gets a 404, organisers a 403.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trio } = await requireTrioChange(
    request,
    params.trioId ?? "",
    "Alleen een lid kan een trio verlaten. Begeleiders vervangen leden via het overzicht van de trio's.",
  );
  await leaveTrio(trio.id, user.id);
  const edition = getEdition(trio.editionId);
  await sendMail(removedFromTrioMail(user, { municipality: trio.municipality, editionName: edition?.name ?? "de werkplaats" }, false));
  return redirect("/?verlaten=1");
}
