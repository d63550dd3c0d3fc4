import { json, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BACKUPS_KEPT } from "~/data/timing.server";
import { controllerDetails } from "~/features/statements/controller.server";
import { PrivacyStatement } from "~/features/statements/privacy-statement";
import { AUTH_SESSION_TTL_MS, INVITE_TTL_MS } from "~/utils/auth-config.server";

export const meta: MetaFunction = () => [{ title: "Privacyverklaring – Werkplaats wijkgericht werken" }];

const DAY_MS = 86_400_000;

/** Public: no login. The figures come from the code that enforces them. */
export async function loader() {
  return json({
    controller: controllerDetails(),
    backupsKept: BACKUPS_KEPT,
    inviteDays: INVITE_TTL_MS / DAY_MS,
    sessionDays: AUTH_SESSION_TTL_MS / DAY_MS,
  });
}

export default function PrivacyPage() {
  const data = useLoaderData<typeof loader>();
  return <PrivacyStatement {...data} />;
}
