/**
 * The one logger: JSON lines (pino) on stdout; readable lines through pino-pretty
 * when NODE_ENV is not production and pino-pretty is installed (a devDependency).
 * Level from LOG_LEVEL; tests default to "warn" so the suite stays quiet.
 */
import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import { getSingleton, setSingleton } from "./singleton.server";

export type { Logger };
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function defaultLogLevel(nodeEnv: string | undefined): LogLevel {
  return nodeEnv === "test" ? "warn" : "info";
}

function levelFrom(source: Record<string, string | undefined>): LogLevel {
  const wanted = source.LOG_LEVEL as LogLevel | undefined;
  return wanted && LOG_LEVELS.includes(wanted) ? wanted : defaultLogLevel(source.NODE_ENV);
}

function prettyStream(): DestinationStream | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pretty = require("pino-pretty") as (options: object) => DestinationStream;
    return pretty({ sync: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,req,res" });
  } catch {
    return undefined;
  }
}

/**
 * In tests, errors logged by the server (not request lines) also reach console.error,
 * where tests/setup/fail-on-console-error.ts fails the test that caused them.
 */
const mirrorErrorsToConsole = {
  logMethod(this: Logger, args: unknown[], method: (...args: unknown[]) => void, level: number) {
    const [first] = args;
    const isRequestLine = typeof first === "object" && first !== null && "res" in first;
    if (level >= 50 && !isRequestLine) console.error(...args);
    method.apply(this, args);
  },
};

function createLogger(source: Record<string, string | undefined>): Logger {
  const options = {
    ...(source.NODE_ENV === "test" ? { hooks: mirrorErrorsToConsole } : {}),
    level: levelFrom(source),
    base: { pid: process.pid },
    // Belt and braces: request serializers already leave these out (server.ts).
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "res.headers['set-cookie']", "email", "password", "token"],
      remove: true,
    },
  };
  const pretty = source.NODE_ENV !== "production" && source.NODE_ENV !== "test" ? prettyStream() : undefined;
  return pretty ? pino(options, pretty) : pino(options, pino.destination({ fd: 1, sync: true }));
}

/** The process's logger (shared by server.ts and the Remix build through globalThis). */
export function getLogger(): Logger {
  return getSingleton<Logger>("logger") ?? setSingleton("logger", createLogger(process.env));
}

/** Rebuilds the logger from a parsed environment (server start). */
export function configureLogger(source: Record<string, string | undefined>): Logger {
  return setSingleton("logger", createLogger(source));
}
