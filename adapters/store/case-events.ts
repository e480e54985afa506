// Case events over the store's pub/sub (the console's live updates, the staff chat's notices):
// one versioned message for the publisher and every subscriber. A message of another version or
// shape is logged and skipped by subscribeJson, never guessed at.
import { z } from "zod";
import { COLOUR_OWNERS, RISK_COLORS } from "../../knowledge/colours.js";
import { CASE_STATUSES } from "../../queue/lifecycle.js";
import type { CaseEvent, CaseEventBus } from "../../queue/ports.js";
import type { Logger } from "../logger.js";
import type { KeyValueStore, Unsubscribe } from "./key-value-store.js";
import { subscribeJson } from "./subscribe-json.js";

export const CASE_EVENTS_CHANNEL = "case-events";
/** Version of the message on CASE_EVENTS_CHANNEL. */
export const CASE_EVENT_VERSION = 1;

const CaseEventMessage = z.object({
  version: z.literal(CASE_EVENT_VERSION),
  event: z.object({
    type: z.enum(["filed", "updated", "escalated", "resident_message"]),
    caseId: z.string().min(1),
    number: z.string().min(1),
    color: z.enum(RISK_COLORS),
    status: z.enum(CASE_STATUSES),
    townshipId: z.string().nullable(),
    ownerRole: z.enum(RISK_COLORS.map((c) => COLOUR_OWNERS[c])),
    at: z.string(),
  }) satisfies z.ZodType<CaseEvent>,
});

/** The queue's event bus on the store: every event published as the current version's message. */
export function storeCaseEvents(store: KeyValueStore): CaseEventBus {
  return { publish: (event) => store.publish(CASE_EVENTS_CHANNEL, JSON.stringify({ version: CASE_EVENT_VERSION, event })) };
}

/** Hands each readable case event to `handle`; others are logged and skipped. */
export function subscribeCaseEvents(store: KeyValueStore, logger: Logger, handle: (event: CaseEvent) => Promise<void>): Promise<Unsubscribe> {
  return subscribeJson(store, CASE_EVENTS_CHANNEL, CaseEventMessage, logger, ({ event }) => handle(event));
}
