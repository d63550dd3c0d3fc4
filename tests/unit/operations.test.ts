import { describe, expect, it } from "vitest";
import { backoffMs, RETRY_BASE_MS, RETRY_MAX_MS } from "~/features/notifications/mail-queue.server";
import { parseEnv, StartupError } from "~/utils/env.server";
import { loggablePath } from "~/utils/loggable-path";
import { defaultLogLevel } from "~/utils/logger.server";

describe("loggablePath", () => {
  it("drops the query string and fragment", () => {
    expect(loggablePath("/zoeken?q=jan%40gemeente.nl&token=abc")).toBe("/zoeken");
    expect(loggablePath("/sessies/abc#vraag")).toBe("/sessies/abc");
  });

  it("replaces the tokens of mailed links and calendar feeds", () => {
    expect(loggablePath("/wachtwoord/s3cr3t-T0ken_abcdefgh")).toBe("/wachtwoord/:token");
    expect(loggablePath("/uitnodiging/s3cr3t?x=1")).toBe("/uitnodiging/:token");
    expect(loggablePath("/welkom/s3cr3t")).toBe("/welkom/:token");
    expect(loggablePath("/agenda/editie123/feedtoken.ics")).toBe("/agenda/editie123/:token");
  });

  it("leaves other paths alone", () => {
    expect(loggablePath("/")).toBe("/");
    expect(loggablePath("/wachtwoord-vergeten")).toBe("/wachtwoord-vergeten");
    expect(loggablePath("/trios/abc/huiswerk/def")).toBe("/trios/abc/huiswerk/def");
  });
});

describe("operator settings", () => {
  it("LOG_LEVEL: info by default, warn under tests, and a wrong value stops the start", () => {
    expect(defaultLogLevel("production")).toBe("info");
    expect(defaultLogLevel("test")).toBe("warn");
    expect(parseEnv({ LOG_LEVEL: "debug" }).LOG_LEVEL).toBe("debug");
    expect(() => parseEnv({ LOG_LEVEL: "luid" })).toThrow(StartupError);
  });

  it("SHUTDOWN_GRACE_MS: 10 seconds by default, a number within bounds", () => {
    expect(parseEnv({}).SHUTDOWN_GRACE_MS).toBe(10_000);
    expect(parseEnv({ SHUTDOWN_GRACE_MS: "2500" }).SHUTDOWN_GRACE_MS).toBe(2500);
    expect(() => parseEnv({ SHUTDOWN_GRACE_MS: "tien" })).toThrow("Configuratiefout: SHUTDOWN_GRACE_MS moet een getal zijn");
  });
});

describe("mail retry backoff", () => {
  it("doubles from the base and stops growing at the maximum", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([1, 2, 4, 8].map((f) => f * RETRY_BASE_MS));
    expect(backoffMs(30)).toBe(RETRY_MAX_MS);
  });
});
