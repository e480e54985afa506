// One turn under construction: the session as it changes, plus the replies and effects it gathers.
import type { Session } from "./session.js";
import { textsFor, type Texts } from "./texts.js";
import type { DialogueDeps, Effect, OutboundMessage } from "./types.js";

const TRANSCRIPT_LIMIT = 80;

export class TurnBuilder {
  readonly replies: OutboundMessage[] = [];
  readonly effects: Effect[] = [];
  constructor(public s: Session, readonly deps: DialogueDeps) {}
  get t(): Texts {
    return textsFor(this.s.language);
  }
  say(text: string, buttons?: OutboundMessage["buttons"]): void {
    this.replies.push(buttons && buttons.length > 0 ? { text, buttons } : { text });
  }
  send(message: OutboundMessage): void {
    this.replies.push(message);
  }
  effect(effect: Effect): void {
    this.effects.push(effect);
  }
}

/** Adds a line to the session's transcript, keeping only the latest ones. */
export function record(b: TurnBuilder, from: "resident" | "bot", text: string): void {
  const transcript = [...b.s.transcript, { from, text, at: b.deps.now().toISOString() }].slice(-TRANSCRIPT_LIMIT);
  b.s = { ...b.s, transcript };
}
