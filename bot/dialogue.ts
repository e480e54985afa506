/**
 * The intake dialogue as a state machine: (session, input) → (session', replies, effects).
 * Pure: no channel, no database, no clock of its own (deps.now). The runner in
 * adapters/intake carries out the effects and feeds their results back as inputs.
 * @example respond(null, { kind: "text", text: "你好" }, who, deps).replies[0].text starts with the greeting
 */
import { keepCrisisReplies } from "./crisis.js";
import { onResult } from "./effect-results.js";
import { onInbound } from "./inbound.js";
import { newSession, type Session } from "./session.js";
import { textsFor } from "./texts.js";
import { record, TurnBuilder } from "./turn.js";
import type { DialogueDeps, InboundMessage, Input, ResidentIdentity, Turn } from "./types.js";

export function respond(
  prev: Session | null,
  input: Input,
  who: ResidentIdentity,
  deps: DialogueDeps,
  opts: { notice?: NonNullable<Session["notice"]> } = {},
): Turn {
  const now = deps.now();
  if (prev === null && input.kind === "staff_message") {
    // The conversation expired but a person still writes: deliver without a new interview.
    return { session: null, replies: [{ text: `${textsFor("zh").staffPrefix(input.fromLabel)}${input.text}` }], effects: [] };
  }
  if (prev === null && input.kind === "case_claimed") {
    // Expired conversation: the resident still hears who took the case, without a new interview.
    return { session: null, replies: [{ text: textsFor("zh").claimed(input.fromLabel, input.caseNumber) }], effects: [] };
  }
  const fresh = prev === null;
  const b = new TurnBuilder(prev ?? { ...newSession(who, now), ...(opts.notice ? { notice: opts.notice } : {}) }, deps);
  b.s = { ...b.s, updatedAt: now.toISOString() };
  if (b.s.notice && isInbound(input)) {
    b.say(b.s.notice.caseNumber ? b.t.expiredWithCase(b.s.notice.caseNumber) : b.t.expired);
    const { notice: _notice, ...rest } = b.s;
    b.s = rest;
  }
  let session: Session | null;
  if (isInbound(input)) {
    if (input.kind === "text" && b.s.consentAt && !b.s.filed) record(b, "resident", input.text);
    session = onInbound(b, input, fresh);
  } else {
    session = onResult(b, input, fresh);
  }
  // A claim notice is kept in the transcript by the runner once it has been sent, not before.
  if (session && input.kind !== "case_claimed") keepCrisisReplies(b, input);
  if (session && session.consentAt && !session.filed) {
    for (const reply of b.replies) record(b, "bot", reply.text);
    session = b.s;
  }
  return { session, replies: b.replies, effects: b.effects };
}

function isInbound(input: Input): input is InboundMessage {
  return input.kind === "text" || input.kind === "button" || input.kind === "file" || input.kind === "unsupported";
}
