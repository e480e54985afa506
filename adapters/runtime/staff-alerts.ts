// Urgent staff alerts on every channel that works, each tried on its own so one that is down
// (the database, Telegram, the robot) never silences the others:
//  - the log (always), at error level;
//  - the console: a live banner on every open console page, and a list on the queue page that
//    stays until the case is filed (kept in the key-value store, which works while the database is down);
//  - the staff's Telegram chat (TELEGRAM_STAFF_CHAT_ID), when configured;
//  - a group robot webhook (ALERT_WEBHOOK_URL: 企业微信 or 钉钉 群机器人), when configured.
// An alert carries no personal data: colour, channel, the danger signals and the time.
import { z } from "zod";
import { CHANNEL_LABELS } from "../http/console/labels.js";
import { STAFF_ALERTS_CHANNEL, updateOpenAlerts, type AlertMessage } from "../http/staff-alert-feed.js";
import type { StaffAlerts } from "../intake/staff-alerts.js";
import type { Logger } from "../logger.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import type { SendToChat } from "./staff-notices.js";

/** A filing that keeps failing is announced again after this long (not on every 5-second retry). */
const REPEAT_AFTER_SECONDS = 30 * 60;
const WEBHOOK_TIMEOUT_MS = 5_000;

export interface StaffAlertChannels {
  store: KeyValueStore;
  logger: Logger;
  telegram?: { chatId: string; send: SendToChat };
  /** POSTs `{"msgtype":"text","text":{"content":…}}`, the format both 企业微信 and 钉钉 robots read. */
  webhookUrl?: string;
  publicUrl?: string;
  now?: () => Date;
}

export function createStaffAlerts(deps: StaffAlertChannels): StaffAlerts {
  const log = deps.logger.child({ module: "staff-alerts" });
  const now = deps.now ?? (() => new Date());
  const link = deps.publicUrl ? `\n${new URL("/console", deps.publicUrl).toString()}` : "";

  async function everywhere(kind: AlertMessage["kind"], text: string): Promise<void> {
    const at = now().toISOString();
    const channels: [string, () => Promise<unknown>][] = [
      ["console", () => deps.store.publish(STAFF_ALERTS_CHANNEL, JSON.stringify({ version: 1, kind, text, at } satisfies AlertMessage))],
    ];
    const telegram = deps.telegram;
    if (telegram) channels.push(["telegram", () => telegram.send(telegram.chatId, text + link)]);
    const webhookUrl = deps.webhookUrl;
    if (webhookUrl) channels.push(["webhook", () => postToRobot(webhookUrl, text + link)]);
    const results = await Promise.allSettled(channels.map(([, send]) => send()));
    const reached = channels.filter((_, i) => results[i]!.status === "fulfilled").map(([name]) => name);
    results.forEach((r, i) => {
      if (r.status === "rejected") log.warn({ err: r.reason, channel: channels[i]![0] }, "a staff alert channel failed");
    });
    log.error({ alert: kind, reached }, text);
  }

  return {
    async redFilingFailed({ residentKey, channel, draft }) {
      const signals = [...new Set(draft.triage.risk.reasons.filter((r) => r.color === "red").map((r) => r.criterion))];
      const text =
        `【红色紧急】一位居民通过${CHANNEL_LABELS[channel]}反映的紧急情况暂时没能登记（系统故障），系统正在自动重试。` +
        (signals.length > 0 ? `风险：${signals.join("、")}。` : "") +
        "居民已收到 110 和心理援助热线 12356。请值班人员立即关注，登记成功后会再通知编号。";
      // Once per conversation per half hour, whichever process retries.
      let first = true;
      try {
        first = await deps.store.setIfAbsent(`staff-alerts:sent:${residentKey}`, "1", { ttlSeconds: REPEAT_AFTER_SECONDS });
      } catch (error) {
        log.warn({ err: error }, "could not check whether the alert was sent; sending it");
      }
      await updateOpenAlerts(deps.store, (open) => [...open.filter((a) => a.id !== residentKey), { id: residentKey, text, at: now().toISOString() }]).catch(
        (error: unknown) => log.warn({ err: error }, "could not keep the alert for the queue page"),
      );
      if (first) await everywhere("raised", text);
    },
    async redFiledAfterRetry({ residentKey, channel, caseNumber }) {
      await updateOpenAlerts(deps.store, (open) => open.filter((a) => a.id !== residentKey)).catch((error: unknown) =>
        log.warn({ err: error }, "could not clear the alert on the queue page"),
      );
      await deps.store.delete(`staff-alerts:sent:${residentKey}`).catch(() => false);
      await everywhere("cleared", `【红色紧急】此前未能登记的${CHANNEL_LABELS[channel]}紧急情况已登记为 ${caseNumber}，请立即认领处理。`);
    },
  };
}

const RobotAnswer = z.looseObject({ errcode: z.number().optional() });

async function postToRobot(url: string, content: string): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ msgtype: "text", text: { content } }),
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`alert webhook answered ${response.status}`);
  // Both robots answer 200 with {"errcode":0} on success and a non-zero errcode otherwise.
  const body = RobotAnswer.safeParse(await response.json().catch(() => ({})));
  const errcode = body.success ? body.data.errcode : undefined;
  if (errcode !== undefined && errcode !== 0) throw new Error(`alert webhook refused the message (errcode ${errcode})`);
}
