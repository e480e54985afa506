/**
 * The persisted state of one resident's intake conversation, pinned to a version: a
 * session written by another version is dropped (the resident starts again politely)
 * instead of crashing after a deploy.
 */
import type { Channel, ContactUpdate, Language } from "../queue/case-desk.js";
import type { RiskColor, Triage } from "../nlp/types.js";

export const SESSION_VERSION = 1;

/** The items the dialogue may still need after the story. */
export const FIELDS = ["domain", "place", "otherParty", "since", "attempts", "wants", "contact", "phone"] as const;
export type Field = (typeof FIELDS)[number];

export type Stage =
  | { kind: "consent" }
  | { kind: "story"; wantsPerson: boolean }
  | { kind: "asking"; field: Field; tries: number }
  | { kind: "confirming" }
  | { kind: "choosing_correction" }
  | { kind: "filing" }
  | { kind: "handed_off" }
  /** One direct question when a danger signal is there but the colour is not red (nlp/risk.ts `ask`). */
  | { kind: "safety_check"; about: SafetyAbout }
  | { kind: "cancel_confirm"; back: Exclude<Stage, { kind: "cancel_confirm" }> };

export type SafetyAbout = "self_harm" | "danger";

/** The resident's answer to the safety question, kept for the case record. */
export interface SafetyAnswer {
  about: SafetyAbout;
  answer: "yes" | "no" | "unclear";
  text: string;
  at: string;
}

export interface Answers {
  domain?: Triage["domain"];
  place?: { township?: { id: string; name: string }; village?: { id: string; name: string }; text: string; confirmed: boolean };
  otherParty?: { text: string; relation: string };
  since?: { text: string; days?: number };
  attempts?: { text: string; kinds: string[] };
  wants?: string;
  contact?: "channel" | "phone";
  phone?: string;
  /** The resident's own name or surname when they gave it ("我叫李秀英", "我姓王"). */
  name?: string;
}

export interface HeldEvidence {
  kind: "photo" | "document";
  ref: string;
  name: string;
  at: string;
}

/**
 * The crisis mode after a red case is filed (bot/crisis.ts): what has been learnt and asked, so
 * that every message gets a caring answer and the next safety question.
 */
export interface CrisisState {
  startedAt: string;
  /** The question the last reply asked: the next message is read as its answer first. */
  asked?: CrisisQuestion;
  /** Questions asked so far (each at most once). */
  askedBefore: CrisisQuestion[];
  /** Where the resident is now, as they said it. */
  place?: string;
  company?: "yes" | "no";
  phoneDeclined?: boolean;
  /** The resident was told that a person has taken over. */
  personTold?: boolean;
  /** Place or phone told while the red filing was still being retried: set on the case once it exists. */
  unfiled?: ContactUpdate;
  /**
   * The red was the model's reading without a danger word (nlp/risk.ts `ask`): the first question is
   * the safety question, and a no ends the crisis mode (the case stays red for staff).
   */
  safetyFirst?: SafetyAbout;
  /** The safety question got an answer that was neither yes nor no, and was put once more. */
  safetyAskedAgain?: boolean;
}

export type CrisisQuestion = "safety" | "place" | "company" | "phone";

export interface FiledInfo {
  number: string;
  color: RiskColor;
}

export interface Session {
  residentKey: string;
  channel: Channel;
  displayName?: string;
  language: Language;
  /** The resident chose the language (button, /lang): the bot no longer follows the language they write in. */
  languageChosen?: boolean;
  stage: Stage;
  consentAt?: string;
  /**
   * What the resident wrote before consenting, held in the session only (nothing is filed or
   * logged) and taken as the story once consent is given; dropped with the session on a refusal.
   */
  heldStory?: string;
  /** The triage of `heldStory`, kept so that consenting files it without triaging it again. */
  heldTriage?: Triage;
  /** Asked at most once per conversation. */
  safety?: SafetyAnswer;
  story: string;
  /** Everything said before hand-off, for the case record. */
  transcript: { from: "resident" | "bot"; text: string; at: string }[];
  /** The story's triage, combined from its messages' triages as they came (bot/story-triage.ts). */
  triage?: Triage;
  answers: Answers;
  /** Questions asked after the story (re-asks included), for the ≤ 6 target. */
  questionsAsked: number;
  /** Set while a correction is being answered: go back to the summary afterwards. */
  returnToConfirm: boolean;
  urgent: boolean;
  evidence: HeldEvidence[];
  resumeCode?: string;
  /** On the new channel: the right code was given, the second factor is awaited. */
  resumePending?: ResumePending;
  filed?: FiledInfo;
  /** Set once a red case is filed: every message is answered with care (bot/crisis.ts). */
  crisis?: CrisisState;
  /** A person has written to the resident: the bot stops acknowledging (never talks over a human). */
  staffActive: boolean;
  /** Who took the case (claimed or assigned), once the resident has been told, e.g. "调解员 李明". */
  claimedBy?: string;
  redHelpShown: boolean;
  /** The last filing failed and the runner is retrying it; the resident has been told so, once. */
  filingRetrying?: boolean;
  /** A resident message came while a red filing was retried: if this attempt fails too, they hear we are still at it. */
  filingAnswerOwed?: boolean;
  /** Shown once at the start of the next reply, e.g. the 72-hour expiry note. */
  notice?: { kind: "expired"; caseNumber?: string };
  /**
   * Items a second reader (the LLM) found in the story, with the words it filled: while an item still
   * holds those words (the resident has not answered it since), the summary marks it for them to check.
   */
  machineFilled?: Partial<Record<Field, string>>;
  /** The story told two matters: this intake registers one, and the hand-off offers the other. */
  secondMatter?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ResumePending {
  code: string;
  check: "digits" | "confirmation";
  fromChannel: Channel;
  at: string;
}

interface Envelope {
  version: number;
  state: Session;
  /**
   * Ids of the last inbound messages this state already answered, written with the state in one
   * value: a message played again after a crash (adapters/intake/inbox.ts) is then skipped.
   */
  handled?: string[];
}

/** How many answered message ids a session remembers. */
export const HANDLED_IDS_KEPT = 20;

export function newSession(
  who: { residentKey: string; channel: Channel; displayName?: string },
  now: Date,
  language: Language = "zh",
): Session {
  return {
    residentKey: who.residentKey,
    channel: who.channel,
    ...(who.displayName === undefined ? {} : { displayName: who.displayName }),
    language,
    stage: { kind: "consent" },
    story: "",
    transcript: [],
    answers: {},
    questionsAsked: 0,
    returnToConfirm: false,
    urgent: false,
    evidence: [],
    staffActive: false,
    redHelpShown: false,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

export function serializeSession(session: Session, handled: readonly string[] = []): string {
  const envelope: Envelope = { version: SESSION_VERSION, state: session };
  if (handled.length > 0) envelope.handled = handled.slice(-HANDLED_IDS_KEPT);
  return JSON.stringify(envelope);
}

/** The answered message ids kept with a stored session ([] when none or unreadable). */
export function handledIds(raw: string | null): string[] {
  if (raw === null) return [];
  try {
    const handled = (JSON.parse(raw) as { handled?: unknown }).handled;
    return Array.isArray(handled) ? handled.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

/** The stored session, or null when absent, unreadable or of another version. */
export function parseSession(raw: string | null): Session | null {
  if (raw === null) return null;
  try {
    const envelope = JSON.parse(raw) as Partial<Envelope>;
    if (envelope.version !== SESSION_VERSION || typeof envelope.state !== "object" || envelope.state === null) return null;
    return envelope.state;
  } catch {
    return null;
  }
}
