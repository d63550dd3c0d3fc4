import { json, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AccessibilityStatement } from "~/features/statements/accessibility-statement";
import { controllerDetails } from "~/features/statements/controller.server";
import { getEnv } from "~/utils/env.server";

export const meta: MetaFunction = () => [{ title: "Toegankelijkheidsverklaring – Werkplaats wijkgericht werken" }];

/** Public: no login, the same for everyone. */
export async function loader() {
  return json({ controller: controllerDetails(), siteUrl: getEnv().baseUrl });
}

export default function AccessibilityPage() {
  const { controller, siteUrl } = useLoaderData<typeof loader>();
  return <AccessibilityStatement controller={controller} siteUrl={siteUrl} />;
}
