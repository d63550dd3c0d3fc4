import path from "node:path";
import { z } from "zod";
import { LOG_LEVELS } from "./logger.server";
import { getSingleton, setSingleton } from "./singleton.server";

/** A problem at start that must stop the process with one clear line. */
export class StartupError extends Error {
  override name = "StartupError";
}

const booleanish = z
  .enum(["1", "0", "true", "false", "yes", "no"], {
    errorMap: () => ({ message: "moet true of false zijn" }),
  })
  .transform((v) => v === "1" || v === "true" || v === "yes");

const envSchema = z.object({
  NODE_ENV: z
    .enum(["production", "development", "test"], {
      errorMap: () => ({ message: "moet production, development of test zijn" }),
    })
    .default("development"),
  PORT: z.coerce
    .number({ invalid_type_error: "moet een getal zijn" })
    .int("moet een geheel getal zijn")
    .min(0, "moet 0 of hoger zijn")
    .max(65535, "mag niet hoger zijn dan 65535")
    .default(3000),
  HOST: z.string().min(1, "mag niet leeg zijn").default("0.0.0.0"),
  DATA_DIR: z.string().min(1, "mag niet leeg zijn").default("./data"),
  BASE_URL: z
    .string()
    .url("moet een volledige URL zijn, bijvoorbeeld https://werkplaats.example.nl")
    .refine((v) => /^https?:\/\//.test(v), "moet met http:// of https:// beginnen")
    .optional(),
  SESSION_SECRET: z.string().min(32, "moet minstens 32 tekens lang zijn (laat leeg om er een te laten maken)").optional(),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^\s]+$/.test(v), "moet een smtp:// of smtps:// URL zijn")
    .optional(),
  MAIL_FROM: z.string().min(3, "mag niet leeg zijn").default("Werkplaats <no-reply@werkplaats.local>"),
  SEED: z.enum(["demo", "none"], { errorMap: () => ({ message: "moet demo of none zijn" }) }).default("demo"),
  TRUST_PROXY: booleanish.default("false"),
  RATE_LIMIT_FACTOR: z.coerce.number({ invalid_type_error: "moet een getal zijn" }).positive("moet groter dan 0 zijn").default(1),
  LOG_LEVEL: z.enum(LOG_LEVELS, { errorMap: () => ({ message: `moet een van ${LOG_LEVELS.join(", ")} zijn` }) }).optional(),
  SHUTDOWN_GRACE_MS: z.coerce
    .number({ invalid_type_error: "moet een getal zijn" })
    .int("moet een geheel getal zijn")
    .min(100, "moet minstens 100 zijn")
    .max(300_000, "mag niet hoger zijn dan 300000")
    .default(10_000),
  /** The hosting municipality (verwerkingsverantwoordelijke), named in the privacy and accessibility statements. */
  CONTROLLER_NAME: z.string().min(2, "moet minstens 2 tekens lang zijn").max(200, "mag hoogstens 200 tekens lang zijn").optional(),
  CONTROLLER_EMAIL: z.string().email("moet een e-mailadres zijn").optional(),
  CONTROLLER_PHONE: z
    .string()
    .regex(/^[0-9 +()-]{6,30}$/, "moet een telefoonnummer zijn")
    .optional(),
  /** The functionaris gegevensbescherming (data protection officer) of the municipality. */
  DPO_EMAIL: z.string().email("moet een e-mailadres zijn").optional(),
  /** How long after an edition's last session its personal data is kept at most (the privacy statement's promise). */
  RETENTION_MONTHS: z.coerce
    .number({ invalid_type_error: "moet een getal zijn" })
    .int("moet een geheel getal zijn")
    .min(1, "moet 1 of hoger zijn")
    .max(120, "mag niet hoger zijn dan 120")
    .default(12),
  /** A board without sockets or writes for this long is unloaded from memory (ADR 028). */
  BOARD_IDLE_SECONDS: z.coerce
    .number({ invalid_type_error: "moet een getal zijn" })
    .int("moet een geheel getal zijn")
    .min(1, "moet 1 of hoger zijn")
    .default(600),
});

export type EnvInput = z.input<typeof envSchema>;
export type Env = z.output<typeof envSchema> & { dataDir: string; baseUrl: string };

/**
 * Parses the environment once. Empty strings count as "not set", so `SMTP_URL=`
 * in a shell behaves like leaving it out.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0]);
    const got = cleaned[name];
    const shown = name === "SESSION_SECRET" || name === "SMTP_URL" ? "" : ` (nu: ${JSON.stringify(got)})`;
    throw new StartupError(`Configuratiefout: ${name} ${issue.message}${shown}.`);
  }
  const env = result.data;
  return {
    ...env,
    dataDir: path.resolve(env.DATA_DIR),
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ""),
  };
}

export function initEnv(source: Record<string, string | undefined> = process.env): Env {
  return setSingleton("env", parseEnv(source));
}

/** The parsed environment; server.ts (or a test) calls initEnv first. */
export function getEnv(): Env {
  const env = getSingleton<Env>("env");
  if (!env) throw new Error("getEnv() called before initEnv()");
  return env;
}

/** Updates the public base URL once the real port is known (PORT=0 in tests). */
export function setBaseUrl(baseUrl: string): void {
  const env = getEnv();
  setSingleton("env", { ...env, baseUrl });
}
