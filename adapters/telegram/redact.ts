/**
 * Keeps the bot token out of the logs. grammY's network errors carry the request URL
 * (`https://api.telegram.org/bot<token>/getMe`) in their message, stack and cause; every
 * Telegram log line goes through a logger whose error serializer scrubs them.
 */
import pino from "pino";
import type { Logger } from "../logger.js";

const TOKEN_SHAPE = /\d{3,}:[A-Za-z0-9_-]{20,}/g;
export const TOKEN_MASK = "<机器人令牌已隐藏>";

/** A copy of `value` with the token (and anything shaped like a bot token) replaced in every string. */
export function scrubToken(value: unknown, token: string, depth = 0): unknown {
  if (typeof value === "string") return value.split(token).join(TOKEN_MASK).replace(TOKEN_SHAPE, TOKEN_MASK);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrubToken(v, token, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = scrubToken(inner, token, depth + 1);
  return out;
}

/** A child logger for the Telegram channel whose `err` never shows the token. */
export function telegramLogger(logger: Logger, token: string): Logger {
  return logger.child(
    { channel: "telegram" },
    { serializers: { err: (error: unknown) => scrubToken(error instanceof Error ? pino.stdSerializers.err(error) : error, token) } },
  );
}
