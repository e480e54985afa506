/**
 * The channel interface of the intake dialogue: what a channel adapter hands in
 * (InboundMessage), what it gets back (OutboundMessage), and the effects the engine asks
 * the adapter-side runner (adapters/intake) to carry out, with their results.
 */
import type { ColourRules } from "../knowledge/colours.js";
import type { CaseStatusView, Channel, ContactUpdate, EvidenceRef, FiledCase, NewCase } from "../queue/case-desk.js";
import type { Facts, RiskAssessment, Triage } from "../nlp/types.js";
import type { PlaceHit } from "../nlp/facts.js";
import type { ReaderFacts } from "../nlp/reader.js";
import type { Session } from "./session.js";

export interface Button {
  label: string;
  /** What the engine receives when the button is pressed, e.g. "consent:yes". */
  value: string;
}

export interface OutboundMessage {
  text: string;
  buttons?: Button[];
}

/** One thing a resident did on a channel, already translated by the adapter. */
export type InboundMessage =
  | { kind: "text"; text: string }
  | { kind: "button"; value: string }
  | { kind: "file"; file: "photo" | "document"; ref: string; name: string; caption?: string }
  | { kind: "unsupported"; what: "voice" | "sticker" | "location" | "video" | "contact" | "other" };

/** Work the engine asks the runner to do; the ones marked ↩ feed a result back. */
export type Effect =
  | { kind: "file_case"; draft: NewCase } // ↩ case_filed | filing_failed
  | { kind: "append_to_case"; caseNumber: string; text: string; at: Date; risk?: RiskAssessment }
  /** The bot's own replies of a crisis turn, kept in the staff transcript (author "bot"). */
  | { kind: "keep_bot_replies"; caseNumber: string; texts: string[]; at: Date }
  /** The place and/or phone the resident gave in crisis, set on the case at once. */
  | { kind: "update_contact"; caseNumber: string; contact: ContactUpdate }
  /** Consent refused after a red message: a minimal anonymous red record (bot/crisis.ts). */
  | { kind: "report_declined_danger"; draft: NewCase }
  | { kind: "attach_evidence"; caseNumber: string; evidence: EvidenceRef }
  | { kind: "request_status"; caseNumber?: string } // ↩ status
  | { kind: "register_resume_code"; code: string }
  /**
   * The story so far, for a second reader (the LLM, when one is configured) to find the intake items
   * it answers. Never awaited by the resident: ↩ story_read comes later, in a turn of its own.
   */
  | { kind: "read_story"; text: string; triage: Triage }
  | ResumeEffect; // ↩ resume_check | resumed | resume_failed | resume_answered

/**
 * The steps of a resume: the code on the new channel, then the second factor there
 * (the last 4 digits of the phone left) or the yes/no on the original channel.
 */
export type ResumeEffect =
  | { kind: "resume"; step: "code"; code: string }
  | { kind: "resume"; step: "digits"; code: string; digits: string }
  | { kind: "resume"; step: "answer"; yes: boolean };

/** Why a resume did not go through; `blocked` carries the minutes left of the cool-off. */
export type ResumeFailure =
  | { reason: "unknown" }
  | { reason: "blocked"; minutes: number }
  | { reason: "wrong_digits"; triesLeft: number }
  | { reason: "digits_blocked"; minutes: number }
  | { reason: "declined" }
  | { reason: "expired" };

export type EffectResult =
  | { kind: "case_filed"; filed: FiledCase }
  | { kind: "filing_failed" }
  | { kind: "status"; view: CaseStatusView | null; asked?: string }
  /** The code is right; the second factor is still to come (nothing personal shown yet). */
  | { kind: "resume_check"; check: "digits" | "confirmation"; code: string; fromChannel: Channel }
  | { kind: "resumed"; from: Session }
  | ({ kind: "resume_failed" } & ResumeFailure)
  /** On the original channel: the yes/no was carried out (`moved`: the conversation left). */
  | { kind: "resume_answered"; outcome: "moved" | "kept" | "none"; toChannel?: Channel }
  | { kind: "staff_message"; caseNumber: string; fromLabel: string; text: string }
  /** A person has taken the case (claimed, or assigned it): the resident is told who. */
  | { kind: "case_claimed"; caseNumber: string; fromLabel: string }
  /** The runner retries a filing that failed (no resident message needed). */
  | { kind: "retry_filing" }
  /** What a second reader found in the story; the dialogue says nothing. */
  | { kind: "story_read"; facts: ReaderFacts };

export type Input = InboundMessage | EffectResult;

export interface Turn {
  /** null: forget the session (cancelled, or consent declined). */
  session: Session | null;
  replies: OutboundMessage[];
  effects: Effect[];
}

/** Who is talking, as the channel knows them. */
export interface ResidentIdentity {
  residentKey: string;
  channel: Channel;
  displayName?: string;
  /** The client's network address when the channel knows it (limits resume attempts per address). */
  address?: string;
}

/** Pure functions the dialogue needs; the wiring builds them from nlp/ and knowledge/. */
export interface DialogueDeps {
  /** Called at most once per resident message (see TurnBuilder.triage). */
  triage(text: string): Triage;
  /** Owner and deadline per colour, from the catalogue's rubric (knowledge/colours.ts). */
  colours: ColourRules;
  findPlaces(text: string): readonly PlaceHit[];
  extractFacts(text: string, places: readonly PlaceHit[]): Facts;
  now(): Date;
  /** A crypto-random, unambiguous resume code, e.g. "K7QH3MPX9RTA" (bot/resume-code.ts). */
  newResumeCode(): string;
}
