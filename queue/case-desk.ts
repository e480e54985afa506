// The port through which the intake dialogue (bot/ via its channel adapters) and the
// operator page hand cases to the human queue. Implemented over Prisma in
// adapters/db, with an in-memory twin for unit tests.
import type { RiskAssessment, RiskColor, Triage } from "../nlp/types.js";

export type Channel = "telegram" | "webchat" | "terminal" | "hotline";
export type Language = "zh" | "en";

export interface ResidentRef {
  /** Pseudonymous, stable per channel user, e.g. "telegram:123456789" or "webchat:<uuid>". */
  key: string;
  channel: Channel;
  displayName?: string;
  /** Only when the resident chose to give it; shown to staff masked unless their role needs it. */
  phone?: string;
  /** How to reach them: the channel itself by default. */
  preferredContact: "channel" | "phone";
  language: Language;
}

export interface CaseMessage {
  from: "resident" | "bot" | "staff" | "operator";
  text: string;
  at: Date;
}

export interface EvidenceRef {
  kind: "photo" | "document";
  /** Channel-specific handle (e.g. a Telegram file_id) and a human label. */
  ref: string;
  name: string;
  at: Date;
}

export interface NewCase {
  /**
   * The same for every attempt to file one intake (the resident key and when the intake began): a
   * filing retried after a failure finds the case the first attempt may already have made.
   */
  filingKey?: string;
  channel: Channel;
  resident: ResidentRef;
  /** The resident's own account, unmasked (stored; masked for roles without need). */
  story: string;
  messages: CaseMessage[];
  triage: Triage;
  /** Corrections the resident (or operator) made to the triage's facts, as confirmed. */
  confirmedFacts?: Partial<Triage["facts"]>;
  /** The resident asked for a person, or a red signal filed the case early. */
  urgent: boolean;
  evidence?: EvidenceRef[];
  /** Staff member who filed it (hotline operator), absent for residents. */
  filedBy?: string;
}

export interface ContactUpdate {
  place?: { text: string; townshipId?: string; villageId?: string };
  phone?: string;
}

export interface FiledCase {
  id: string;
  /** Human case number, e.g. "ZZ-2026-000123". */
  number: string;
  color: RiskColor;
  status: string;
  /** Chinese names for the resident's hand-off message. */
  studioName?: string;
  serviceName?: string;
  agencyNames: string[];
  ownerTitle: string;
  firstResponseDue: Date;
}

export interface CaseStatusView {
  number: string;
  status: string;
  /** Plain-Chinese status for the resident, e.g. "调解员已接手，正在调解". */
  statusText: string;
  color: RiskColor;
  claimedBy?: string;
  updatedAt: Date;
}

export interface CaseDesk {
  fileCase(input: NewCase): Promise<FiledCase>;
  /**
   * A resident's message after hand-off; relayed live to the claiming mediator. When the
   * message's own risk is above the case's colour, the case is raised (never lowered).
   */
  appendResidentMessage(caseNumber: string, message: { text: string; at: Date; risk?: RiskAssessment }, dedupeKey?: string): Promise<void>;
  /**
   * The bot's replies of one turn kept in the case's transcript (the crisis mode's replies), in
   * order; `dedupeKey` as for appendResidentMessage (a replayed turn adds them once).
   */
  appendBotMessages(caseNumber: string, messages: readonly { text: string; at: Date }[], dedupeKey?: string): Promise<void>;
  /**
   * The place and/or phone a resident gave after filing (in a crisis), set on the case at once;
   * the owner hears of it on the live stream. A place's township is taken only when the case has
   * none (the jurisdiction does not move). Setting the same values again changes nothing.
   */
  updateContact(caseNumber: string, contact: ContactUpdate): Promise<void>;
  /** `dedupeKey`: the same key twice (a replayed turn) attaches the file once. */
  attachEvidence(caseNumber: string, evidence: EvidenceRef, dedupeKey?: string): Promise<void>;
  /** Status for the resident who owns the case; null when the number is not theirs. */
  statusForResident(caseNumber: string, residentKey: string): Promise<CaseStatusView | null>;
  /** The resident's latest open case, for /status without a number. */
  latestForResident(residentKey: string): Promise<CaseStatusView | null>;
}

/**
 * Messages from staff to a resident travel over the key-value store's pub/sub on this
 * channel (JSON of ResidentOutboxMessage), so whichever process holds the resident's
 * channel connection delivers it.
 */
export const RESIDENT_OUTBOX_CHANNEL = "resident-outbox";

/** A person took the case: the resident is told who (on the same channel as staff messages). */
export interface ResidentClaimNotice {
  kind: "claimed";
  residentKey: string;
  caseNumber: string;
  /** Chinese label of the person now responsible, e.g. "调解员 王芳". */
  fromLabel: string;
  at: string;
}

/** Whether a resident can be told anything on a channel (a hotline caller or an anonymous record cannot). */
export function hasResidentChannel(c: { channel: Channel; residentKey: string }): boolean {
  return c.channel !== "hotline" && !c.residentKey.startsWith("anonymous:");
}

export interface ResidentOutboxMessage {
  residentKey: string;
  caseNumber: string;
  text: string;
  /** Chinese label of the sender, e.g. "调解员 王芳". */
  fromLabel: string;
  at: string;
}
