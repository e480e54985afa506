/**
 * The Telegram channel (grammY): private chats go to the intake; groups get one polite
 * pointer to a private chat; staff replies are delivered through `deliver`.
 */
import { Bot, type BotConfig, type Context } from "grammy";
import type { OutboundMessage } from "../../bot/types.js";
import type { Intake } from "../intake/intake.js";
import type { Logger } from "../logger.js";
import { keyboard, toInbound } from "./translate.js";

export const TELEGRAM_KEY_PREFIX = "telegram:";

const GROUP_NOTICE = "您好，为了保护个人信息，我只在私聊中登记纠纷。请点我的头像，私聊发送 /start。";

export interface TelegramChannel {
  bot: Bot;
  /** Sends replies to a resident by key ("telegram:<user id>"). */
  deliver(residentKey: string, replies: OutboundMessage[]): Promise<void>;
}

export function createTelegramChannel(opts: { token: string; intake: Intake; logger: Logger; botConfig?: BotConfig<Context> }): TelegramChannel {
  const bot = new Bot(opts.token, opts.botConfig);
  const log = opts.logger.child({ channel: "telegram" });

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
    );
    await send(chat.id, replies);
  });

  bot.catch((error) => {
    log.error({ err: error.error, updateId: error.ctx.update.update_id }, "telegram update failed");
  });

  return {
    bot,
    deliver: (residentKey, replies) => send(Number(residentKey.slice(TELEGRAM_KEY_PREFIX.length)), replies),
  };
}
