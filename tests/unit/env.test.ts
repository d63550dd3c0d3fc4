import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv, StartupError } from "~/utils/env.server";

describe("parseEnv", () => {
  it("needs no configuration at all", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.dataDir).toBe(path.resolve("./data"));
    expect(env.baseUrl).toBe("http://localhost:3000");
    expect(env.SEED).toBe("demo");
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.SESSION_SECRET).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ SMTP_URL: "", PORT: "" }).SMTP_URL).toBeUndefined();
  });

  it("reads and coerces the values it is given", () => {
    const env = parseEnv({
      PORT: "8080",
      DATA_DIR: "/tmp/x",
      BASE_URL: "https://werkplaats.example.nl/",
      TRUST_PROXY: "true",
      RATE_LIMIT_FACTOR: "2.5",
    });
    expect(env).toMatchObject({
      PORT: 8080,
      dataDir: "/tmp/x",
      baseUrl: "https://werkplaats.example.nl",
      TRUST_PROXY: true,
      RATE_LIMIT_FACTOR: 2.5,
    });
  });

  it.each([
    [{ PORT: "abc" }, /^Configuratiefout: PORT moet een getal zijn \(nu: "abc"\)\.$/],
    [{ PORT: "70000" }, /^Configuratiefout: PORT mag niet hoger zijn dan 65535/],
    [{ BASE_URL: "werkplaats.nl" }, /^Configuratiefout: BASE_URL moet een volledige URL zijn/],
    [{ SESSION_SECRET: "kort" }, /^Configuratiefout: SESSION_SECRET moet minstens 32 tekens lang zijn/],
    [{ SMTP_URL: "mail.example.nl" }, /^Configuratiefout: SMTP_URL moet een smtp:\/\/ of smtps:\/\/ URL zijn\.$/],
    [{ SEED: "alles" }, /^Configuratiefout: SEED moet demo of none zijn/],
    [{ NODE_ENV: "staging" }, /^Configuratiefout: NODE_ENV moet production, development of test zijn/],
  ])("stops with one line naming the variable for %o", (input, message) => {
    let error: unknown;
    try {
      parseEnv(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("never echoes a secret in its message", () => {
    expect(() => parseEnv({ SESSION_SECRET: "geheim123" })).toThrow(/^(?!.*geheim123)/);
  });
});
