/**
 * How updates reach the Telegram channel in `serve`: a webhook when PUBLIC_URL and
 * TELEGRAM_WEBHOOK_SECRET are set (mounted route + a background `setWebhook`), long polling
 * otherwise. Every log line goes through the channel's token-scrubbing logger.
 */
import type { HttpModule } from "../http/app.js";
import type { BackgroundJob } from "../runtime/serve.js";
import type { TelegramChannel } from "./bot.js";
import { TELEGRAM_WEBHOOK_PATH, telegramWebhook } from "./webhook.js";

export interface TelegramTransport {
  modules: HttpModule[];
  jobs: BackgroundJob[];
}

export function telegramTransport(
  channel: TelegramChannel,
  opts: { publicUrl: string | undefined; secret: string | undefined; maxBodyBytes: number },
): TelegramTransport {
  const { bot, log } = channel;
  if (opts.publicUrl && opts.secret) {
    const secret = opts.secret;
    const url = new URL(TELEGRAM_WEBHOOK_PATH, opts.publicUrl).toString();
    const stopping = new AbortController();
    return {
      modules: [telegramWebhook(channel, { secret, maxBodyBytes: opts.maxBodyBytes })],
      jobs: [
        {
          start: () =>
            void (async () => {
              await channel.ensureReady(stopping.signal);
              await bot.api.setWebhook(url, { secret_token: secret });
              log.info({ url }, "telegram webhook set");
            })().catch((error: unknown) => log.error({ err: error }, "could not set the telegram webhook")),
          stop: async () => stopping.abort(),
        },
      ],
    };
  }
  return {
    modules: [],
    jobs: [
      {
        start: () =>
          void bot
            .start({ onStart: (me) => log.info({ bot: me.username }, "telegram long polling started") })
            .catch((error: unknown) => log.error({ err: error }, "telegram long polling stopped")),
        stop: () => bot.stop(),
      },
    ],
  };
}
