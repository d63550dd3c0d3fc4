import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Field, TextArea } from "~/components/ui/field";
import { parseForm, passwordPairSchema, requireOneOf, requireOrdered, withCrossChecks, withPasswordPair } from "~/utils/forms";
import { plural } from "~/utils/plural";

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
}

describe("withPasswordPair", () => {
  const schema = withPasswordPair({ current: z.string({ required_error: "Vul je huidige wachtwoord in." }).min(1) });

  it("says the two passwords differ even when another field is missing altogether", () => {
    const result = parseForm(form({ password: "een-lang-wachtwoord-1", confirm: "een-lang-wachtwoord-2" }), schema);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({
      current: "Vul je huidige wachtwoord in.",
      confirm: "De twee wachtwoorden zijn niet gelijk.",
    });
  });

  it("accepts a matching pair and leaves an empty repeat to its own message", () => {
    expect(parseForm(form({ current: "x", password: "een-lang-wachtwoord", confirm: "een-lang-wachtwoord" }), schema).ok).toBe(true);
    const empty = parseForm(form({ password: "een-lang-wachtwoord", confirm: "" }), passwordPairSchema);
    expect(!empty.ok && empty.errors.confirm).toBe("Herhaal het wachtwoord.");
  });
});

describe("requireOneOf and requireOrdered", () => {
  const schema = withCrossChecks(
    z.object({ name: z.string({ required_error: "Naam ontbreekt." }), from: z.string(), to: z.string(), a: z.string(), b: z.string() }),
    (v, ctx) => {
      requireOneOf(v, ctx, ["a", "b"], "Vul a of b in (een van beide is verplicht).");
      requireOrdered(v, ctx, { first: "from", second: "to", format: /^\d{4}$/, message: "Tot moet na van liggen." });
    },
  );

  it("report beside a missing field, on the first of the two fields", () => {
    const result = parseForm(form({ from: "2030", to: "2020", a: " ", b: "" }), schema);
    expect(!result.ok && result.errors).toEqual({
      name: "Naam ontbreekt.",
      a: "Vul a of b in (een van beide is verplicht).",
      to: "Tot moet na van liggen.",
    });
  });

  it("stay silent when one of the two is filled, the order is right or a value is unreadable", () => {
    expect(parseForm(form({ name: "x", from: "2020", to: "2030", a: "", b: "b" }), schema).ok).toBe(true);
    const unreadable = parseForm(form({ name: "x", from: "20", to: "2010", a: "a", b: "" }), schema);
    expect(unreadable.ok).toBe(true);
  });
});

describe("a length limit is a hint and a count, never a silent cut", () => {
  it("Field and TextArea leave maxlength off the control and show the count", () => {
    const field = renderToStaticMarkup(createElement(Field, { name: "title", label: "Titel", maxLength: 200, defaultValue: "Hallo" }));
    expect(field).not.toContain("maxlength");
    expect(field).toContain("Hoogstens 200 tekens.");
    expect(field).toContain("5 van 200 tekens");
    expect(field).toContain('aria-describedby="veld-title-hint"');
    const area = renderToStaticMarkup(
      createElement(TextArea, { name: "notes", id: "notities-1", label: "Aantekeningen", maxLength: 5000 }),
    );
    expect(area).not.toContain("maxlength");
    expect(area).toContain('id="notities-1"');
    expect(area).toContain('for="notities-1"');
    expect(area).toContain("0 van 5.000 tekens");
  });
});

describe("plural", () => {
  it("uses the plural for zero and many, the singular for one", () => {
    expect(plural(0, "onderdeel", "onderdelen")).toBe("0 onderdelen");
    expect(plural(1, "onderdeel", "onderdelen")).toBe("1 onderdeel");
    expect(plural(1200, "stem", "stemmen")).toBe("1.200 stemmen");
  });
});
