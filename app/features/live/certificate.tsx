import type { Certificate } from "./attendance-report.server";

/** One deelnamebewijs, laid out for printing (one per page). */
export function CertificateSheet({ certificate }: { certificate: Certificate }) {
  return (
    <section className="certificate stack" aria-label={`Deelnamebewijs van ${certificate.name}`}>
      <p className="muted">Deelnamebewijs</p>
      <h2>{certificate.name}</h2>
      <p>
        heeft met het trio van gemeente {certificate.trio} deelgenomen aan <strong>{certificate.edition}</strong> en was aanwezig bij:
      </p>
      <ul>
        {certificate.sessions.map((s) => (
          <li key={s.number}>
            Bijeenkomst {s.number}: {s.title}
            {s.date ? ` (${s.date})` : ""}
          </li>
        ))}
      </ul>
      <p>Namens de begeleiders: {certificate.organisers.join(", ")}</p>
    </section>
  );
}

export function PrintButton() {
  return (
    <p className="no-print">
      <button type="button" className="button" onClick={() => window.print()}>
        Afdrukken of bewaren als PDF
      </button>
    </p>
  );
}
