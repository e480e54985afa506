/**
 * The Telegram webhook (`POST /telegram/webhook`), in the order that keeps it safe and quick:
 * the secret-token header first (nothing is read before it), then the body size, then the
 * update's shape. It never waits for the Bot API: until the bot knows itself (`getMe`), it
 * answers 503 at once and Telegram delivers the update again later.
 */
import { timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { z } from "zod";
import type { Update } from "grammy/types";
import { cleanDeep } from "../edge-text.js";
import type { HttpModule } from "../http/app.js";
import { tooLarge } from "../http/edge-limits.js";
import type { TelegramChannel } from "./bot.js";

export const TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";
const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
/** Longest the webhook waits for one update before answering (the work goes on; replays are ignored). */
const HANDLE_WAIT_MS = 8_000;

const UpdateShape = z.looseObject({ update_id: z.number().int().nonnegative() });

export function telegramWebhook(channel: TelegramChannel, opts: { secret: string; maxBodyBytes: number }): HttpModule {
  const expected = Buffer.from(opts.secret);
  return (app) => {
    app.post(TELEGRAM_WEBHOOK_PATH, async (c) => {
      const given = Buffer.from(c.req.header(SECRET_HEADER) ?? "");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return c.json({ error: "未授权。" }, 401);
      const body = await readLimited(c, opts.maxBodyBytes);
      if (body === "too_large") return tooLarge(c, opts.maxBodyBytes);
      let update: Update;
      try {
        update = cleanDeep(UpdateShape.parse(JSON.parse(body))) as unknown as Update;
      } catch {
        return c.json({ error: "无法识别的更新。" }, 400);
      }
      if (!channel.bot.isInited()) {
        void channel.ensureReady();
        c.header("Retry-After", "5");
        return c.json({ error: "机器人正在连接 Telegram，请稍后重发。" }, 503);
      }
      // bot.catch logs what fails inside; the update is marked seen, so a retry would do nothing.
      const handled = channel.bot.handleUpdate(update).catch((error: unknown) => {
        channel.log.error({ err: error, updateId: update.update_id }, "telegram update failed");
      });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([handled, new Promise((r) => (timer = setTimeout(r, HANDLE_WAIT_MS)))]);
      clearTimeout(timer);
      return c.json({ ok: true });
    });
  };
}

/** The body as text, or "too_large" as soon as it is known to exceed `max` (declared or read). */
async function readLimited(c: Context, max: number): Promise<string | "too_large"> {
  const declared = Number(c.req.header("content-length") ?? NaN);
  if (declared > max) return "too_large";
  const reader = c.req.raw.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return "too_large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
