import { describe, expect, it } from "vitest";
import { addDutchMonths, fromDutchParts, toDutchParts } from "~/utils/dutch-time";

describe("Dutch wall-clock time", () => {
  it.each([
    ["2026-12-01", "13:30", "2026-12-01T12:30:00.000Z"], // winter time, +01:00
    ["2027-06-01", "13:30", "2027-06-01T11:30:00.000Z"], // summer time, +02:00
    ["2027-03-28", "13:30", "2027-03-28T11:30:00.000Z"], // the day clocks go forward
    ["2026-10-25", "13:30", "2026-10-25T12:30:00.000Z"], // the day clocks go back
    ["2027-03-28", "01:30", "2027-03-28T00:30:00.000Z"], // just before the change
  ])("%s %s in Amsterdam is %s", (date, time, iso) => {
    expect(fromDutchParts(date, time)).toBe(iso);
    expect(toDutchParts(iso)).toEqual({ date, time });
  });

  it("refuses what is not a date or time", () => {
    expect(fromDutchParts("2026-02-30", "13:00")).toBeNull();
    expect(fromDutchParts("morgen", "13:00")).toBeNull();
    expect(fromDutchParts("2026-02-03", "25:00")).toBeNull();
  });
});

describe("adding calendar months on the Dutch wall clock (retention deadline)", () => {
  it.each([
    ["2027-01-31", "13:30", 1, "2027-02-28"], // a day February lacks becomes its last day
    ["2028-01-31", "13:30", 1, "2028-02-29"], // leap year
    ["2026-03-31", "17:00", 1, "2026-04-30"],
    ["2026-08-31", "17:00", 3, "2026-11-30"],
    ["2026-12-15", "17:00", 12, "2027-12-15"], // over the year boundary
    ["2026-11-30", "17:00", 14, "2028-01-30"],
    ["2026-10-20", "13:30", 1, "2026-11-20"], // summer to winter time: same wall-clock time
    ["2027-02-28", "00:30", 1, "2027-03-28"], // the UTC date is a day earlier; the Dutch date counts
    ["2026-01-31", "23:30", 1, "2026-02-28"],
  ])("%s %s + %i months is %s at the same time", (date, time, months, expected) => {
    const result = addDutchMonths(fromDutchParts(date, time)!, months as number);
    expect(toDutchParts(result)).toEqual({ date: expected, time });
  });
});
