// Structured logging. JSON in production; human-readable in development. Personal
// fields are censored by key wherever they appear, so a careless `log.info({ case })`
// cannot leak a resident's phone, ID number or address.
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import type { Config } from "./config.js";

export type { Logger };

/** Keys whose values never reach a log line. */
export const REDACTED_KEYS = [
  "phone",
  "mobile",
  "contactPhone",
  "idNumber",
  "idCard",
  "address",
  "bankCard",
  "email",
  "password",
  "passwordHash",
  "token",
  "cookie",
  "authorization",
  "rawText",
] as const;

const redactPaths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export function createLogger(
  config: Pick<Config, "log">,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.log.level,
    base: { app: "yizhan" },
    redact: { paths: redactPaths, censor: "[已隐藏]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  if (config.log.format === "pretty") {
    // Synchronous pretty printing: no worker thread to outlive a short CLI command.
    // Logs go to stderr so that a command's own output (JSON lines, a conversation) stays clean.
    return pino(options, pretty({ colorize: process.stderr.isTTY, sync: true, translateTime: "SYS:HH:MM:ss", destination: 2 }));
  }
  return pino(options, pino.destination(2));
}
