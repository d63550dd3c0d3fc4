import { formatDateTime } from "~/utils/dates";

export type CaseVersionData = {
  id: string;
  title: string;
  question: string;
  neighbourhood: string;
  involved: string;
  learningGoals: string;
  savedAt: string;
  savedBy: string;
};

export type CaseFileData = { id: string; name: string; size: string; type: string; preview: boolean; addedBy: string; addedAt: string };

export const caseFieldLabels = {
  title: "Titel van de casus",
  question: "De vraag",
  neighbourhood: "De wijk of buurt",
  involved: "Wie zijn erbij betrokken",
  learningGoals: "Wat wil het trio leren",
};

/** The fields of one version of a case as a definition list. */
export function CaseDetails({ version }: { version: CaseVersionData }) {
  const rows: Array<[string, string]> = [
    [caseFieldLabels.question, version.question],
    [caseFieldLabels.neighbourhood, version.neighbourhood],
    [caseFieldLabels.involved, version.involved],
    [caseFieldLabels.learningGoals, version.learningGoals],
  ];
  return (
    <dl className="details case-details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className="pre-line">{value.trim() ? value : <span className="muted">Nog niet ingevuld</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The files of a case: name (download), size, type, who added it; images get a preview. */
export function CaseFileList({ files, renderActions }: { files: CaseFileData[]; renderActions?: (file: CaseFileData) => React.ReactNode }) {
  if (files.length === 0) return <p className="empty">Er zijn nog geen bestanden bij deze casus.</p>;
  return (
    <ul className="plain-list case-files">
      {files.map((f) => (
        <li key={f.id} className="card case-file">
          {f.preview ? (
            <img className="case-file__preview" src={`/bestanden/${f.id}/voorbeeld`} alt={`Voorbeeld van ${f.name}`} loading="lazy" />
          ) : null}
          <div className="stack">
            <p>
              <a href={`/bestanden/${f.id}`} download>
                {f.name}
              </a>{" "}
              <span className="muted">
                ({f.type}, {f.size})
              </span>
            </p>
            <p className="muted">
              Toegevoegd door {f.addedBy} op {formatDateTime(f.addedAt)}
            </p>
            {renderActions ? renderActions(f) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
