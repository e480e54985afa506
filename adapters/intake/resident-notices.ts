// Intake → a resident's other conversation: replies the runner produced for a key it was not
// answering (the resume question on the original channel, the resumed conversation on the
// new one), sent over the store's pub/sub so whichever process holds that channel delivers.
import { z } from "zod";
import type { OutboundMessage } from "../../bot/types.js";
import type { Logger } from "../logger.js";
import type { KeyValueStore, Unsubscribe } from "../store/key-value-store.js";
import { subscribeJson } from "../store/subscribe-json.js";

export const RESIDENT_NOTICE_CHANNEL = "intake:resident-notice";

const Notice = z.object({
  residentKey: z.string().min(1),
  replies: z.array(z.object({ text: z.string(), buttons: z.array(z.object({ label: z.string(), value: z.string() })).optional() })),
});

export async function publishResidentNotice(store: KeyValueStore, residentKey: string, replies: OutboundMessage[]): Promise<void> {
  if (replies.length > 0) await store.publish(RESIDENT_NOTICE_CHANNEL, JSON.stringify({ residentKey, replies }));
}

/** Delivers the notices for residents of `channel` (keys "telegram:…", "webchat:…"). */
export async function relayResidentNotices(opts: {
  store: KeyValueStore;
  logger: Logger;
  channel: string;
  deliver(residentKey: string, replies: OutboundMessage[]): Promise<void>;
}): Promise<Unsubscribe> {
  return subscribeJson(opts.store, RESIDENT_NOTICE_CHANNEL, Notice, opts.logger, async ({ residentKey, replies }) => {
    if (!residentKey.startsWith(`${opts.channel}:`)) return;
    const clean = replies.map((r) => (r.buttons ? { text: r.text, buttons: r.buttons } : { text: r.text }));
    await opts.deliver(residentKey, clean);
  });
}
