// Staff → resident: listens on the store's pub/sub and delivers to the residents this
// channel holds (keys "telegram:…", "webchat:…"), after following any resume route.
import { z } from "zod";
import type { OutboundMessage } from "../../bot/types.js";
import { RESIDENT_OUTBOX_CHANNEL } from "../../queue/case-desk.js";
import type { Logger } from "../logger.js";
import type { KeyValueStore, Unsubscribe } from "../store/key-value-store.js";
import { subscribeJson } from "../store/subscribe-json.js";
import { claimNoticeId, ClaimNoticeSchema } from "./claim-notices.js";
import type { Intake } from "./intake.js";

const StaffWords = z.object({
  kind: z.literal("message").optional(),
  residentKey: z.string().min(1),
  caseNumber: z.string(),
  text: z.string(),
  fromLabel: z.string(),
  at: z.string(),
});
/** A staff member's words, or the notice that a person has taken the case (claim-notices.ts). */
const OutboxMessage = z.union([ClaimNoticeSchema, StaffWords]);

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
    if (message.kind === "claimed") {
      await opts.intake.deliverClaimNotice(claimNoticeId(message), opts.deliver);
      return;
    }
    const { kind: _kind, ...words } = message;
    const { residentKey, replies } = await opts.intake.staffMessage(words);
    await opts.deliver(residentKey, replies);
  });
}
