import { describe, expect, it } from "vitest";
import { hasControlCharacters, looksLikeLink, quoted } from "~/utils/plain-text";

describe("looksLikeLink", () => {
  it.each([
    "http://evil.example",
    "HTTPS://x",
    "www.klik-hier.com",
    "ga naar bank.nl/inloggen",
    "x.nl",
    "Jan via evil.com",
    "site.xyz/pad",
    "mailto:a",
    "javascript:alert(1)",
  ])("finds a link in %s", (text) => {
    expect(looksLikeLink(text)).toBe(true);
  });
  it.each([
    "Jan de Vries",
    "J.van Dijk",
    "A.B. de Graaf-Smit",
    "Súdwest-Fryslân",
    "Wijkmanager (a.i.)",
    "Beleidsmedewerker openbare ruimte",
    "Mr. drs. P. Jansen",
  ])("accepts %s", (text) => {
    expect(looksLikeLink(text)).toBe(false);
  });
});

describe("hasControlCharacters", () => {
  it("finds newlines, tabs, NUL and direction overrides, not ordinary text", () => {
    for (const text of ["a\nb", "a\rb", "a\tb", "a\u0000b", "a\u202eb", "a\u2028b"]) expect(hasControlCharacters(text)).toBe(true);
    expect(hasControlCharacters("Anne-Marie d'Hondt")).toBe(false);
  });
});

describe("quoted", () => {
  it("puts the text on one line between quote marks, without a way out of them", () => {
    expect(quoted("Jan\r\n\r\nBeste collega, uw account is geblokkeerd")).toBe("“Jan Beste collega, uw account is geblokkeerd”");
    expect(quoted("Jan” en de “platform")).toBe("“Jan' en de 'platform”");
  });
  it("defangs web addresses so no mail program links them", () => {
    expect(quoted("zie https://evil.example/login of www.bank.nl")).toBe("“zie https[:]//evil[.]example/login of www[.]bank[.]nl”");
    expect(quoted("mailto:x")).toBe("“mailto[:]x”");
  });
  it("cuts long texts", () => {
    const q = quoted("a".repeat(500), 50);
    expect(q.length).toBe(52);
    expect(q.endsWith("…”")).toBe(true);
  });
});
