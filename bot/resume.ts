// Moving a conversation to another channel: the code, then a second factor before anything
// personal is shown — the last 4 digits of the phone left, or a yes on the original channel.
import { maskPii } from "../nlp/pii.js";
import { parseCommand, toHalfWidth } from "./commands.js";
import { reprompt } from "./prompts.js";
import type { Session } from "./session.js";
import type { TurnBuilder } from "./turn.js";
import type { Button, EffectResult, InboundMessage } from "./types.js";

export const RESUME_YES = "resume:yes";
export const RESUME_NO = "resume:no";

/** The question the original conversation gets; the runner delivers it there. */
export function confirmationQuestion(t: TurnBuilder["t"]): { text: string; buttons: Button[] } {
  return { text: t.resume.question, buttons: [{ label: t.resume.yes, value: RESUME_YES }, { label: t.resume.no, value: RESUME_NO }] };
}

/**
 * The resume part of routing an inbound message, or undefined when it is not about a resume:
 * the yes/no buttons on the original channel, and the digits awaited on the new one.
 */
export function onResumeInput(b: TurnBuilder, input: InboundMessage): Session | null | undefined {
  if (input.kind === "button" && (input.value === RESUME_YES || input.value === RESUME_NO)) {
    b.effect({ kind: "resume", step: "answer", yes: input.value === RESUME_YES });
    return b.s;
  }
  const pending = b.s.resumePending;
  if (!pending || input.kind !== "text" || parseCommand(input.text)) return undefined;
  if (pending.check === "confirmation") {
    // The old device is not at hand and the resident tells the matter again: a new conversation, not a wait.
    if (input.text.replace(/[\p{P}\p{S}\s\d]/gu, "").length >= 8) {
      const { resumePending: _pending, ...rest } = b.s;
      b.s = rest;
      return undefined;
    }
    b.say(b.t.resume.waitingConfirmation(channelName(b, pending.fromChannel)));
    return b.s;
  }
  const digits = toHalfWidth(input.text).replace(/[\s。.]/g, "");
  if (!/^\d{4}$/.test(digits)) {
    b.say(b.t.resume.digitsFormat);
    return b.s;
  }
  b.effect({ kind: "resume", step: "digits", code: pending.code, digits });
  return b.s;
}

type ResumeResult = Extract<EffectResult, { kind: "resume_check" | "resumed" | "resume_failed" | "resume_answered" }>;

export function onResumeResult(b: TurnBuilder, result: ResumeResult): Session | null {
  switch (result.kind) {
    case "resume_check":
      b.s = { ...b.s, resumePending: { code: result.code, check: result.check, fromChannel: result.fromChannel, at: b.deps.now().toISOString() } };
      b.say(result.check === "digits" ? b.t.resume.askDigits : b.t.resume.askConfirmation(channelName(b, result.fromChannel)));
      return b.s;
    case "resumed": {
      const { resumePending: _pending, ...from } = result.from;
      b.s = { ...from, residentKey: b.s.residentKey, channel: b.s.channel, ...(b.s.displayName ? { displayName: b.s.displayName } : {}), updatedAt: b.s.updatedAt };
      b.say(b.t.resumeOk);
      // What was said before the move is shown masked: the code and factor prove a lot, not everything.
      const start = b.replies.length;
      reprompt(b);
      for (let i = start; i < b.replies.length; i++) b.replies[i] = { ...b.replies[i]!, text: maskPii(b.replies[i]!.text).masked };
      return b.s;
    }
    case "resume_failed": {
      const keep = result.reason === "wrong_digits";
      if (!keep) {
        const { resumePending: _pending, ...rest } = b.s;
        b.s = rest;
      }
      switch (result.reason) {
        case "unknown":
          b.say(b.t.resumeFailed);
          break;
        case "blocked":
          b.say(b.t.resume.blocked(result.minutes));
          break;
        case "digits_blocked":
          b.say(b.t.resume.digitsBlocked(result.minutes));
          break;
        case "wrong_digits":
          b.say(b.t.resume.digitsRetry(result.triesLeft));
          return b.s;
        case "declined":
          b.say(b.t.resume.declined);
          break;
        case "expired":
          b.say(b.t.resume.expired);
          break;
      }
      reprompt(b);
      return b.s;
    }
    case "resume_answered":
      if (result.outcome === "moved") {
        b.say(b.t.resume.movedHere(channelName(b, result.toChannel ?? "webchat")));
        return null;
      }
      b.say(result.outcome === "kept" ? b.t.resume.keptHere : b.t.resume.noRequest);
      reprompt(b);
      return b.s;
  }
}

function channelName(b: TurnBuilder, channel: string): string {
  return b.t.channelNames[channel as keyof typeof b.t.channelNames] ?? channel;
}
