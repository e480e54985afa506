// One turn under construction: the session as it changes, plus the replies and effects it gathers.
import type { Triage } from "../nlp/types.js";
import type { Session } from "./session.js";
import { textsFor, type Texts } from "./texts.js";
import type { DialogueDeps, Effect, OutboundMessage } from "./types.js";

const TRANSCRIPT_LIMIT = 80;

export class TurnBuilder {
  readonly replies: OutboundMessage[] = [];
  readonly effects: Effect[] = [];
  private readonly triaged = new Map<string, Triage>();
  constructor(public s: Session, readonly deps: DialogueDeps) {}
  /**
   * The triage of a text the resident sent in this turn, run once however many steps look at it
   * (a red check, then the story). Later turns reuse what the session kept, never re-run it.
   */
  triage(text: string): Triage {
    let triage = this.triaged.get(text);
    if (!triage) {
      triage = this.deps.triage(text);
      this.triaged.set(text, triage);
    }
    return triage;
  }
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
