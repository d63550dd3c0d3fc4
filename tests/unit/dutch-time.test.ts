import { describe, expect, it } from "vitest";
import { fromDutchParts, toDutchParts } from "~/utils/dutch-time";

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
