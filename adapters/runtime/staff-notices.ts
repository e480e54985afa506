// Optional: one notice in the staff's Telegram chat per new red or orange case. The notice
// carries no personal data: colour, case number, township, owner and a console link.
import { Api } from "grammy";
import type { Logger } from "../logger.js";
import type { KeyValueStore, Unsubscribe } from "../store/key-value-store.js";
import { subscribeCaseEvents } from "../store/case-events.js";
import type { CaseEvent } from "../../queue/ports.js";
import { COLOUR_LABELS, type ColourRules } from "../../knowledge/colours.js";
import type { BackgroundJob } from "./serve.js";

export type SendToChat = (chatId: string, text: string) => Promise<void>;

export function noticeText(event: CaseEvent, opts: { rules: ColourRules; townshipName: (id: string | null) => string; publicUrl?: string }): string {
  const link = opts.publicUrl ? `\n${new URL(`/console/cases/${event.number}`, opts.publicUrl).toString()}` : "";
  return `【${COLOUR_LABELS[event.color]}】新案件 ${event.number}（${opts.townshipName(event.townshipId)}），请${opts.rules[event.color].ownerTitle}关注，${opts.rules[event.color].firstResponseMinutes} 分钟内首次响应。${link}`;
}

export function createStaffNotices(deps: {
  store: KeyValueStore;
  chatId: string;
  send: SendToChat;
  rules: ColourRules;
  townships: { id: string; name: string }[];
  publicUrl?: string;
  logger: Logger;
}): BackgroundJob {
  let unsubscribe: Unsubscribe | undefined;
  const townshipName = (id: string | null) => (id ? (deps.townships.find((t) => t.id === id)?.name ?? id) : "乡镇未识别");
  const onEvent = async (event: CaseEvent) => {
    if (event.type !== "filed" || (event.color !== "red" && event.color !== "orange")) return;
    // Several processes share the store: the first to claim the key sends the notice.
    try {
      const first = await deps.store.setIfAbsent(`staff-notice:${event.number}`, "1", { ttlSeconds: 86_400 });
      if (first) await deps.send(deps.chatId, noticeText(event, { rules: deps.rules, townshipName, ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}) }));
    } catch (error) {
      deps.logger.error({ err: error, caseNumber: event.number }, "could not send the staff notice");
    }
  };
  return {
    start() {
      subscribeCaseEvents(deps.store, deps.logger, onEvent)
        .then((u) => {
          unsubscribe = u;
        })
        .catch((error: unknown) => deps.logger.error({ err: error }, "could not subscribe to case events for staff notices"));
    },
    async stop() {
      await unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}

/** The Telegram Bot API as a SendToChat. */
export function telegramSender(token: string, apiRoot?: string): SendToChat {
  const api = new Api(token, apiRoot ? { apiRoot } : undefined);
  return async (chatId, text) => {
    await api.sendMessage(chatId, text);
  };
}
