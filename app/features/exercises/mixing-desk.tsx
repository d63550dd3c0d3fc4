/**
 * The schuifoefening as a mixing desk: five vertical faders built from native
 * range inputs (so keyboards and screen readers work as they always do), each with
 * its value in words (aria-valuetext), a scale, both ends described and a reason.
 * The inputs carry names, so the surrounding form saves without JavaScript.
 */
import { CharacterCounter } from "~/components/ui/field";
import type { DeskView } from "./desk-protocol";
import {
  DESK_MAX,
  DESK_MIN,
  DESK_REASON_MAX,
  DESK_STEP,
  deskCategories,
  deskCategoryTexts,
  deskValueText,
  type DeskCategory,
} from "./exercise-content";

const SCALE = [100, 75, 50, 25, 0];

type Props = {
  desk: DeskView;
  /** The trio's earlier desk (a ghost mark on each fader), e.g. from session 1. */
  ghost?: { desk: DeskView; label: string } | null;
  disabled?: boolean;
  onMove?: (category: DeskCategory, value: number) => void;
  onReason?: (category: DeskCategory, reason: string) => void;
};

export function MixingDesk({ desk, ghost, disabled = false, onMove, onReason }: Props) {
  return (
    <div className="mixing-desk" role="group" aria-label="Mengpaneel">
      {deskCategories.map((category) => {
        const text = deskCategoryTexts[category];
        const slider = desk[category];
        const id = `schuif-${category}`;
        const ghostValue = ghost?.desk[category].value;
        return (
          <div className="fader" key={category}>
            <label htmlFor={id} className="fader__name">
              {text.name}
            </label>
            <p className="fader__end fader__end--high" id={`${id}-hoog`}>
              <span className="visually-hidden">Hoog: </span>
              {text.high}
            </p>
            <div className="fader__track">
              <ol className="fader__scale" aria-hidden="true">
                {SCALE.map((mark) => (
                  <li key={mark} className={mark === 50 ? "fader__tick fader__tick--middle" : "fader__tick"}>
                    {mark === 50 ? "midden" : ""}
                  </li>
                ))}
              </ol>
              {ghostValue !== undefined ? (
                <span
                  className="fader__ghost"
                  style={{ bottom: `calc(${ghostValue}% * 0.86 + 7%)` }}
                  aria-hidden="true"
                  title={`${ghost!.label}: ${deskValueText(ghostValue)}`}
                />
              ) : null}
              <input
                id={id}
                className="fader__input"
                type="range"
                name={`value-${category}`}
                min={DESK_MIN}
                max={DESK_MAX}
                step={DESK_STEP}
                value={slider.value}
                disabled={disabled}
                aria-orientation="vertical"
                aria-valuetext={`${deskValueText(slider.value)} (${slider.value} van ${DESK_MAX})`}
                aria-describedby={`${id}-vraag ${id}-hoog ${id}-laag${ghostValue !== undefined ? ` ${id}-eerder` : ""}`}
                onChange={(event) => onMove?.(category, Number(event.currentTarget.value))}
              />
            </div>
            <p className="fader__end fader__end--low" id={`${id}-laag`}>
              <span className="visually-hidden">Laag: </span>
              {text.low}
            </p>
            <output htmlFor={id} className="fader__value">
              {deskValueText(slider.value)}
            </output>
            {ghostValue !== undefined ? (
              <p className="fader__before muted" id={`${id}-eerder`}>
                {ghost!.label}: {deskValueText(ghostValue)}
              </p>
            ) : null}
            <p className="visually-hidden" id={`${id}-vraag`}>
              {text.question}
            </p>
            <label htmlFor={`${id}-reden`} className="fader__reason-label">
              Waarom hier?<span className="visually-hidden"> ({text.name})</span>
            </label>
            <textarea
              id={`${id}-reden`}
              className="fader__reason"
              name={`reason-${category}`}
              rows={3}
              value={slider.reason}
              disabled={disabled}
              onChange={(event) => onReason?.(category, event.currentTarget.value)}
            />
            <CharacterCounter id={`${id}-reden-teller`} length={slider.reason.length} limit={DESK_REASON_MAX} />
          </div>
        );
      })}
    </div>
  );
}

/**
 * A read-only desk (a revealed trio, or the portfolio): the same look, no controls.
 * Names wrap whole (Dutch hyphenation at most) and the tracks line up across
 * faders; the reasons follow below at full width, so long Dutch words are never
 * squeezed into a fader's narrow column.
 */
export function DeskReadout({ desk, label }: { desk: DeskView; label: string }) {
  const reasons = deskCategories.filter((category) => desk[category].reason.trim());
  return (
    <div className="mixing-desk mixing-desk--readonly" lang="nl">
      {deskCategories.map((category) => {
        const value = desk[category].value;
        return (
          <div className="fader" key={category}>
            <p className="fader__name">{deskCategoryTexts[category].name}</p>
            <div className="fader__track" role="img" aria-label={`${label}, ${deskCategoryTexts[category].name}: ${deskValueText(value)}`}>
              <span className="fader__knob" style={{ bottom: `calc(${value}% * 0.86 + 7%)` }} />
            </div>
            <p className="fader__value">{deskValueText(value)}</p>
          </div>
        );
      })}
      {reasons.length ? (
        <dl className="fader-reasons">
          {reasons.map((category) => (
            <div key={category} className="fader-reasons__item">
              <dt>{deskCategoryTexts[category].name}</dt>
              <dd className="fader__reason-text">{desk[category].reason}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
