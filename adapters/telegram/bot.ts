/**
 * The Telegram channel (grammY): private chats go to the intake; groups get one polite
 * pointer to a private chat; staff replies are delivered through `deliver`.
 * A replayed update (same `update_id`, e.g. Telegram retrying a webhook, or two processes)
 * has one effect: its id goes with the message into the intake's inbox (adapters/intake/inbox.ts),
 * which records it once, before the dialogue runs, in the store all processes share.
 */
import { Bot, type BotConfig, type Context } from "grammy";
import type { OutboundMessage } from "../../bot/types.js";
import type { Intake } from "../intake/intake.js";
import type { Logger } from "../logger.js";
import { telegramLogger } from "./redact.js";
import { keyboard, toInbound } from "./translate.js";

export const TELEGRAM_KEY_PREFIX = "telegram:";
const GETME_TIMEOUT_MS = 5_000;

const GROUP_NOTICE = "您好，为了保护个人信息，我只在私聊中登记纠纷。请点我的头像，私聊发送 /start。";

export interface TelegramChannel {
  bot: Bot;
  /** Every Telegram log line goes through this logger (it never shows the token). */
  log: Logger;
  /** Sends replies to a resident by key ("telegram:<user id>"). */
  deliver(residentKey: string, replies: OutboundMessage[]): Promise<void>;
  /**
   * One `getMe` attempt (bounded, no retries) unless the bot already knows itself; true when ready.
   * Concurrent callers share the attempt. The webhook never waits on it.
   */
  ensureReady(signal?: AbortSignal): Promise<boolean>;
}

export interface TelegramChannelOptions {
  token: string;
  intake: Intake;
  logger: Logger;
  /** Bot API server root (TELEGRAM_API_ROOT), e.g. a self-hosted server or a fake one in tests. */
  apiRoot?: string | undefined;
  botConfig?: BotConfig<Context>;
}

export function createTelegramChannel(opts: TelegramChannelOptions): TelegramChannel {
  const client = { ...opts.botConfig?.client, ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}) };
  const bot = new Bot(opts.token, { ...opts.botConfig, client });
  const log = telegramLogger(opts.logger, opts.token);
  const botId = opts.token.split(":")[0] ?? "bot";

  async function send(chatId: number | string, replies: OutboundMessage[]): Promise<void> {
    for (const reply of replies) {
      const markup = keyboard(reply);
      await bot.api.sendMessage(chatId, reply.text, markup ? { reply_markup: markup } : {});
    }
  }

  bot.on(["message", "callback_query:data"], async (ctx) => {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    const chat = ctx.chat;
    const from = ctx.from;
    if (!chat || !from || from.is_bot) return;
    if (chat.type !== "private") {
      // Groups: stay silent except when addressed with a command.
      if (ctx.message?.text?.startsWith("/")) await ctx.reply(GROUP_NOTICE);
      return;
    }
    const inbound = toInbound(ctx);
    if (!inbound) return;
    const replies = await opts.intake.handle(
      { residentKey: `${TELEGRAM_KEY_PREFIX}${from.id}`, channel: "telegram", displayName: from.first_name },
      inbound,
      { messageId: `${botId}:${ctx.update.update_id}` },
    );
    await send(chat.id, replies);
  });

  bot.catch((error) => {
    log.error({ err: error.error, updateId: error.ctx.update.update_id }, "telegram update failed");
  });

  let attempt: Promise<boolean> | undefined;
  function ensureReady(signal?: AbortSignal): Promise<boolean> {
    if (bot.isInited()) return Promise.resolve(true);
    attempt ??= (async () => {
      try {
        const timeout = AbortSignal.timeout(GETME_TIMEOUT_MS);
        // grammY types its signal with its own AbortSignal shim; node-fetch accepts the native one.
        const me = await bot.api.getMe((signal ? AbortSignal.any([signal, timeout]) : timeout) as Parameters<typeof bot.api.getMe>[0]);
        if (!bot.isInited()) bot.botInfo = me;
        log.info({ bot: me.username }, "telegram bot ready");
        return true;
      } catch (error) {
        log.warn({ err: error }, "the Telegram Bot API is not reachable yet");
        return false;
      } finally {
        attempt = undefined;
      }
    })();
    return attempt;
  }

  return {
    bot,
    log,
    deliver: (residentKey, replies) => send(Number(residentKey.slice(TELEGRAM_KEY_PREFIX.length)), replies),
    ensureReady,
  };
}
