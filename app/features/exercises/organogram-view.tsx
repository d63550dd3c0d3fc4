import { formatDateTime } from "~/utils/dates";

type Props = {
  organogram: {
    location: string;
    notes: string;
    answers: Array<{ question: string; answer: string | null }>;
    updatedAt: string;
    updatedBy: string;
  };
};

/** The trio's organogram answers as structured data (dossier, portfolio). */
export function OrganogramAnswersList({ organogram }: Props) {
  return (
    <div className="stack">
      <dl className="details">
        <div>
          <dt>Waar zit het wijkgerichte werken?</dt>
          <dd className="pre-line">
            {organogram.location.trim() ? organogram.location : <span className="muted">Nog niet ingevuld</span>}
          </dd>
        </div>
        {organogram.answers.map((a) => (
          <div key={a.question}>
            <dt>{a.question}</dt>
            <dd>{a.answer ?? <span className="muted">Nog niet beantwoord</span>}</dd>
          </div>
        ))}
        {organogram.notes.trim() ? (
          <div>
            <dt>Wat valt nog meer op?</dt>
            <dd className="pre-line">{organogram.notes}</dd>
          </div>
        ) : null}
      </dl>
      <p className="muted">{`Laatst bijgewerkt door ${organogram.updatedBy} op ${formatDateTime(organogram.updatedAt)}`}</p>
    </div>
  );
}
