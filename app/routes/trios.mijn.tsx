import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { listMembershipsOfUser } from "~/features/registration/trio.server";
import { requireUser } from "~/features/accounts/auth.server";

/** "Mijn trio" in the menu: the dossier of a participant's one trio; with none or several, the home page lists them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const trioIds = [...new Set(listMembershipsOfUser(user.id).map((m) => m.trioId))];
  return redirect(trioIds.length === 1 ? `/trios/${trioIds[0]}` : "/");
}
