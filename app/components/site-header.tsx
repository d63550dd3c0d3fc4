import { SubmitButton } from "~/components/ui/submit-button";
import { Form, Link, NavLink, useNavigation } from "@remix-run/react";
import type { PublicUser } from "~/features/accounts/auth.server";
import { roleLabels } from "~/utils/labels";
import { UnreadNotifications } from "~/features/notifications/unread-notifications";

type NavItem = { to: string; label: string; end?: boolean };

export function navigationFor(role: PublicUser["role"]): NavItem[] {
  const items: NavItem[] = [{ to: "/", label: "Start", end: true }];
  if (role === "organiser") {
    items.push(
      { to: "/beheer/edities", label: "Edities" },
      { to: "/beheer/gebruikers", label: "Gebruikers" },
      { to: "/beheer/berichten", label: "Berichten" },
    );
  }
  // Redirects to the dossier of the participant's one trio (or home when there are several).
  if (role === "participant") items.push({ to: "/trios/mijn", label: "Mijn trio" });
  items.push({ to: "/account", label: "Mijn account" });
  return items;
}

export function SiteHeader({
  user,
  registrationOpen = false,
  unreadNotifications = 0,
}: {
  user: PublicUser | null;
  registrationOpen?: boolean;
  unreadNotifications?: number;
}) {
  const leaving = useNavigation().formAction === "/uitloggen";
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link to="/" className="brand">
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path d="M7 11h5v10H7zM13.5 7h5v14h-5zM20 14h5v7h-5z" fill="#fff" />
          </svg>
          <span>
            Werkplaats <span className="brand__sub">wijkgericht werken</span>
          </span>
        </Link>
        {user ? (
          <div className="site-header__user">
            <span className="user-badge">
              {user.name} <span className="user-badge__role">({roleLabels[user.role]})</span>
            </span>
            <UnreadNotifications initialCount={unreadNotifications} />
            <Form method="post" action="/uitloggen">
              <SubmitButton busy={leaving} className="button button--quiet">
                Uitloggen
              </SubmitButton>
            </Form>
          </div>
        ) : (
          <div className="site-header__user">
            {registrationOpen ? (
              <Link to="/aanmelden" className="button button--quiet">
                Aanmelden
              </Link>
            ) : null}
            <Link to="/inloggen" className="button button--quiet">
              Inloggen
            </Link>
          </div>
        )}
      </div>
      {user ? (
        <nav className="site-nav" aria-label="Hoofdmenu">
          <ul>
            {navigationFor(user.role).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
