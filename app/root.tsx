import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage, errorTitle } from "~/components/error-page";
import { LiveAnnouncer } from "~/components/live-announcer";
import { FocusKeeper } from "~/components/focus-keeper";
import { RouteAnnouncer } from "~/components/route-announcer";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import appStyles from "~/styles/app.css";
import { listOpenEditions } from "~/features/registration/registration.server";
import { countUnread } from "~/features/notifications/notification.server";
import { getOptionalUser, toPublicUser } from "~/features/accounts/auth.server";
import { useNonce } from "~/utils/nonce";
import { RealtimeNotice, SocketProvider } from "~/realtime/socket-provider";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ error }) => [
  // Errors render root's boundary, so no child route's meta runs: title them here.
  { title: error ? errorTitle(error) : "Werkplaats wijkgericht werken" },
  { name: "description", content: "Het platform van de werkplaats wijkgericht werken voor gemeenten." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  // Anonymous visitors see "Aanmelden" in the header while any edition takes registrations.
  return json({
    user: user ? toPublicUser(user) : null,
    registrationOpen: !user && listOpenEditions().length > 0,
    unreadNotifications: user ? countUnread(user.id) : 0,
  });
}

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const user = useOptionalUser();
  const registrationOpen = useRouteLoaderData<typeof loader>("root")?.registrationOpen ?? false;
  const unreadNotifications = useRouteLoaderData<typeof loader>("root")?.unreadNotifications ?? 0;
  // A page for the projector (handle.bare) shows no header, navigation or footer.
  const bare = useMatches().some((match) => (match.handle as { bare?: boolean } | undefined)?.bare);
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b4f6c" />
        <Meta />
        <Links />
      </head>
      <body>
        <LiveAnnouncer>
          <a className="skip-link" href="#inhoud">
            Direct naar de inhoud
          </a>
          {/* One socket per tab while logged in: the counter, a board and the desk share it. */}
          <SocketProvider userId={user?.id ?? null}>
            {bare ? null : <SiteHeader user={user} registrationOpen={registrationOpen} unreadNotifications={unreadNotifications} />}
            <main id="inhoud" tabIndex={-1} className="page">
              <RealtimeNotice />
              {children}
            </main>
          </SocketProvider>
          {bare ? null : <SiteFooter />}
          <RouteAnnouncer />
          <FocusKeeper />
        </LiveAnnouncer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
