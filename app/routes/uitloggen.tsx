import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { disconnectSession } from "~/realtime/io.server";
import { readSessionId } from "~/utils/auth-config.server";
import { endSession } from "~/features/accounts/auth.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const sessionId = await readSessionId(request.headers.get("Cookie"));
  const response = await endSession(request);
  if (sessionId) disconnectSession(sessionId);
  return response;
}
