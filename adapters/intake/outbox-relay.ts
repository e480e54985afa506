// Staff → resident: listens on the store's pub/sub and delivers to the residents this
// channel holds (keys "telegram:…", "webchat:…"), after following any resume route.
import { z } from "zod";
import type { OutboundMessage } from "../../bot/types.js";
import { RESIDENT_OUTBOX_CHANNEL } from "../../queue/case-desk.js";
import type { Logger } from "../logger.js";
import type { KeyValueStore, Unsubscribe } from "../store/key-value-store.js";
import { subscribeJson } from "../store/subscribe-json.js";
import type { Intake } from "./intake.js";

const OutboxMessage = z.object({
  residentKey: z.string().min(1),
  caseNumber: z.string(),
  text: z.string(),
  fromLabel: z.string(),
  at: z.string(),
});

export async function relayStaffMessages(opts: {
  store: KeyValueStore;
  intake: Intake;
  logger: Logger;
  /** The channel prefix this process delivers, e.g. "telegram". */
  channel: string;
  deliver(residentKey: string, replies: OutboundMessage[]): Promise<void>;
}): Promise<Unsubscribe> {
  return subscribeJson(opts.store, RESIDENT_OUTBOX_CHANNEL, OutboxMessage, opts.logger, async (message) => {
    const target = await opts.intake.sessions.route(message.residentKey);
    if (!target.startsWith(`${opts.channel}:`)) return;
    const { residentKey, replies } = await opts.intake.staffMessage(message);
    await opts.deliver(residentKey, replies);
  });
}
