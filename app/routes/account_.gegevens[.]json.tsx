import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportOwnData } from "~/features/accounts/privacy.server";
import { requireUser } from "~/features/accounts/auth.server";

/** GET /account/gegevens.json: everything the platform holds about the person asking, as a download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const body = JSON.stringify(await exportOwnData(user.id), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mijn-gegevens-werkplaats.json"',
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
