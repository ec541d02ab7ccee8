/** One structured logger (pino, JSON lines); the level comes from OKR_LOG_LEVEL. */
import { type Logger, pino } from "pino";
import { OkrError } from "../core/errors.js";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Reads a log level, refusing unknown ones with `invalid_config`. */
export function parseLogLevel(value: string | undefined, fallback: LogLevel = "info"): LogLevel {
  if (value === undefined || value === "") return fallback;
  const level = value.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new OkrError(
      "invalid_config",
      `Unknown log level '${value}'; use one of ${LOG_LEVELS.join(", ")}`,
    );
  }
  return level as LogLevel;
}

/** Fields that may carry a secret (connection tokens, webhook secrets): never written out. */
export const REDACTED_PATHS = [
  "token",
  "*.token",
  "webhookSecret",
  "*.webhookSecret",
  "headers.authorization",
  "*.headers.authorization",
  'headers["private-token"]',
  '*.headers["private-token"]',
  'headers["x-gitlab-token"]',
  '*.headers["x-gitlab-token"]',
];

export function createLogger(
  level: LogLevel = "info",
  destination?: pino.DestinationStream,
): Logger {
  const options = {
    level,
    base: { service: "okr" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing (tests, embedding). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
