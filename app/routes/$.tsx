import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Pagina niet gevonden – Werkplaats" }];

/** Any URL no other route claims: a real 404, shown by the shared error page in root. */
export async function loader() {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export async function action() {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
