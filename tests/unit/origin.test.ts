import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "~/utils/origin.server";

const base = { host: "localhost:3000", baseUrl: "https://werkplaats.example.nl", referer: undefined };

describe("isAllowedOrigin", () => {
  it("accepts the configured base URL and the host the request was sent to", () => {
    expect(isAllowedOrigin({ ...base, origin: "https://werkplaats.example.nl" })).toBe(true);
    expect(isAllowedOrigin({ ...base, origin: "http://localhost:3000" })).toBe(true);
  });

  it("falls back to the Referer when there is no Origin", () => {
    expect(isAllowedOrigin({ ...base, origin: undefined, referer: "http://localhost:3000/inloggen" })).toBe(true);
    expect(isAllowedOrigin({ ...base, origin: "null", referer: "http://localhost:3000/x" })).toBe(true);
  });

  it.each([
    ["https://evil.example", undefined],
    ["http://localhost:3001", undefined],
    ["https://werkplaats.example.nl.evil.example", undefined],
    [undefined, undefined],
    [undefined, "https://evil.example/localhost:3000"],
    ["not a url", undefined],
    ["file://localhost:3000", undefined],
  ])("refuses origin %s / referer %s", (origin, referer) => {
    expect(isAllowedOrigin({ ...base, origin, referer })).toBe(false);
  });
});
