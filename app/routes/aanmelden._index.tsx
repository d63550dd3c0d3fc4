import { json, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isEditionFull, listOpenEditions } from "~/features/registration/registration.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Aanmelden als trio – Werkplaats" }];

export async function loader() {
  const editions = listOpenEditions().map((e) => ({
    id: e.id,
    name: e.name,
    closes: formatDate(e.registrationClosesAt),
    full: isEditionFull(e),
  }));
  return json({ editions });
}

export default function RegisterIndex() {
  const { editions } = useLoaderData<typeof loader>();
  return (
    <div className="stack narrow">
      <h1>Aanmelden als trio</h1>
      <p className="lead">
        Gemeenten doen mee als trio: een wijkambtenaar (of wijkmanager, gebiedsregisseur, kernregisseur) met een collega uit het fysieke
        domein en een collega uit het sociale domein. Samen brengen jullie een echte casus uit de wijk mee.
      </p>
      {editions.length === 0 ? (
        <p className="empty">
          Op dit moment is er geen editie waarvoor je je kunt aanmelden. Kijk later nog eens, of neem contact op met de begeleiders.
        </p>
      ) : (
        <ul className="plain-list stack">
          {editions.map((e) => (
            <li key={e.id} className="card">
              <h2>{e.name}</h2>
              <p>Aanmelden kan tot en met {e.closes}.</p>
              {e.full ? <p className="warning-text">Alle plaatsen zijn bezet. Nieuwe trio&apos;s komen op de wachtlijst.</p> : null}
              <p>
                <Link to={`/aanmelden/${e.id}`} className="button">
                  Trio aanmelden<span className="visually-hidden"> voor {e.name}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
