/**
 * Hand-written SVG charts of the schuifoefening. The overlay chart draws, per
 * category, the spread across trios (a bar from lowest to highest) and one mark
 * per trio; a table with the same numbers follows for screen readers and print.
 */
import type { DeskView } from "./desk-protocol";
import { DESK_MAX, DESK_MIDDLE, DESK_MIN, deskCategories, deskCategoryTexts, deskValueText } from "./exercise-content";

export type ChartDesk = { trioId: string; label: string; desk: DeskView };

/** Colours with at least 3:1 contrast on white, told apart by shape too. */
const palette = ["#0b4f6c", "#b34700", "#1d6f42", "#7a3e9d", "#a4161a", "#5a4a00", "#00607a", "#6b3f00"];
const shapes = ["circle", "square", "diamond", "triangle"] as const;

const WIDTH = 640;
const HEIGHT = 320;
const PAD = { top: 16, right: 16, bottom: 56, left: 58 };
const plotHeight = HEIGHT - PAD.top - PAD.bottom;
const columnWidth = (WIDTH - PAD.left - PAD.right) / deskCategories.length;

const yFor = (value: number) => PAD.top + plotHeight * (1 - (value - DESK_MIN) / (DESK_MAX - DESK_MIN));

function Mark({ x, y, index, className, label }: { x: number; y: number; index: number; className: string; label: string }) {
  const colour = palette[index % palette.length];
  const shape = shapes[Math.floor(index / palette.length) % shapes.length] ?? "circle";
  const common = { className, fill: colour, stroke: "#fff", strokeWidth: 1.5, "data-label": label };
  if (shape === "square") return <rect x={x - 6} y={y - 6} width={12} height={12} {...common} />;
  if (shape === "diamond") return <path d={`M${x} ${y - 8}L${x + 8} ${y}L${x} ${y + 8}L${x - 8} ${y}Z`} {...common} />;
  if (shape === "triangle") return <path d={`M${x} ${y - 8}L${x + 8} ${y + 6}L${x - 8} ${y + 6}Z`} {...common} />;
  return <circle cx={x} cy={y} r={7} {...common} />;
}

/** One mark per trio per category, with the spread; `title` names the chart for the figure caption. */
export function DeskOverlayChart({ desks, title, idPrefix = "spreiding" }: { desks: ChartDesk[]; title: string; idPrefix?: string }) {
  if (desks.length === 0) return <p className="empty">Er zijn nog geen antwoorden om te tonen.</p>;
  const captionId = `${idPrefix}-titel`;
  return (
    <figure className="desk-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="desk-chart__svg" aria-hidden="true" focusable="false">
        {[DESK_MIN, DESK_MIDDLE, DESK_MAX].map((v) => (
          <g key={v}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={yFor(v)}
              y2={yFor(v)}
              className={v === DESK_MIDDLE ? "desk-chart__middle" : "desk-chart__grid"}
            />
            <text x={PAD.left - 6} y={yFor(v) + 4} textAnchor="end" className="desk-chart__axis">
              {v === DESK_MIN ? "laag" : v === DESK_MAX ? "hoog" : "midden"}
            </text>
          </g>
        ))}
        {deskCategories.map((category, c) => {
          const x = PAD.left + columnWidth * (c + 0.5);
          const values = desks.map((d) => d.desk[category].value);
          const low = Math.min(...values);
          const high = Math.max(...values);
          const spread = Math.max(1, (desks.length - 1) * 7);
          return (
            <g key={category} className="desk-chart__category" data-category={category}>
              <rect x={x - 14} width={28} y={yFor(high) - 4} height={yFor(low) - yFor(high) + 8} rx={6} className="desk-chart__spread" />
              {desks.map((d, i) => (
                <Mark
                  key={d.trioId}
                  x={x - spread / 2 + (desks.length > 1 ? (spread * i) / (desks.length - 1) : 0)}
                  y={yFor(d.desk[category].value)}
                  index={i}
                  className="desk-chart__mark"
                  label={d.label}
                />
              ))}
              <text x={x} y={HEIGHT - PAD.bottom + 18} textAnchor="middle" className="desk-chart__label">
                {deskCategoryTexts[category].name.split(" ").slice(0, 2).join(" ")}
              </text>
              <text x={x} y={HEIGHT - PAD.bottom + 34} textAnchor="middle" className="desk-chart__label">
                {deskCategoryTexts[category].name.split(" ").slice(2).join(" ")}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="desk-chart__legend" aria-hidden="true">
        {desks.map((d, i) => (
          <li key={d.trioId}>
            <svg viewBox="-9 -9 18 18" width="18" height="18" focusable="false">
              <Mark x={0} y={0} index={i} className="desk-chart__legend-mark" label={d.label} />
            </svg>
            {d.label}
          </li>
        ))}
      </ul>
      <DeskTable desks={desks} caption={`${title}: de standen in woorden`} />
    </figure>
  );
}

/** The same numbers as a table: categories as rows, trios as columns, plus the spread. */
export function DeskTable({ desks, caption }: { desks: ChartDesk[]; caption: string }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={`${caption}: tabel`}>
      <table className="desk-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Categorie</th>
            {desks.map((d) => (
              <th scope="col" key={d.trioId}>
                {d.label}
              </th>
            ))}
            {desks.length > 1 ? <th scope="col">Spreiding</th> : null}
          </tr>
        </thead>
        <tbody>
          {deskCategories.map((category) => {
            const values = desks.map((d) => d.desk[category].value);
            return (
              <tr key={category}>
                <th scope="row">{deskCategoryTexts[category].name}</th>
                {desks.map((d) => (
                  <td key={d.trioId}>
                    {deskValueText(d.desk[category].value)} ({d.desk[category].value})
                    {d.desk[category].reason ? <span className="desk-table__reason">{d.desk[category].reason}</span> : null}
                  </td>
                ))}
                {desks.length > 1 ? (
                  <td>
                    {Math.min(...values)}–{Math.max(...values)}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** How one trio's desk moved between two runs: a ghost mark for the earlier one and an arrow. */
export function DeskMovementChart({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: DeskView;
  after: DeskView;
  beforeLabel: string;
  afterLabel: string;
}) {
  return (
    <figure className="desk-chart" aria-labelledby="beweging-titel">
      <figcaption id="beweging-titel">{`Zo bewoog jullie mengpaneel van ${beforeLabel} naar ${afterLabel}`}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="desk-chart__svg" aria-hidden="true" focusable="false">
        <defs>
          <marker id="pijlpunt" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0 0L10 5L0 10Z" fill="#0b4f6c" />
          </marker>
        </defs>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={yFor(DESK_MIDDLE)} y2={yFor(DESK_MIDDLE)} className="desk-chart__middle" />
        {deskCategories.map((category, c) => {
          const x = PAD.left + columnWidth * (c + 0.5);
          const from = yFor(before[category].value);
          const to = yFor(after[category].value);
          return (
            <g key={category}>
              <circle cx={x} cy={from} r={7} className="desk-chart__ghost" />
              {Math.abs(to - from) > 10 ? (
                <line x1={x} x2={x} y1={from} y2={to + (to > from ? -9 : 9)} className="desk-chart__arrow" markerEnd="url(#pijlpunt)" />
              ) : null}
              <circle cx={x} cy={to} r={7} className="desk-chart__mark" fill="#0b4f6c" />
              <text x={x} y={HEIGHT - PAD.bottom + 18} textAnchor="middle" className="desk-chart__label">
                {deskCategoryTexts[category].name.split(" ").slice(0, 2).join(" ")}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="De beweging in woorden: tabel">
        <table className="desk-table">
          <caption>De beweging in woorden</caption>
          <thead>
            <tr>
              <th scope="col">Categorie</th>
              <th scope="col">{beforeLabel}</th>
              <th scope="col">{afterLabel}</th>
            </tr>
          </thead>
          <tbody>
            {deskCategories.map((category) => {
              const delta = after[category].value - before[category].value;
              return (
                <tr key={category}>
                  <th scope="row">{deskCategoryTexts[category].name}</th>
                  <td>
                    {deskValueText(before[category].value)} ({before[category].value})
                  </td>
                  <td>
                    {deskValueText(after[category].value)} ({after[category].value}){" "}
                    {delta === 0 ? "· gelijk gebleven" : delta > 0 ? `· ${delta} omhoog` : `· ${-delta} omlaag`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
