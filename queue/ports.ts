// The queue's view of its stores and outlets. adapters/db implements CaseRepository and
// StaffRepository over Prisma; adapters/store carries case events and resident messages.
import type { Domain, Facts, Triage } from "../nlp/types.js";
import type { Actor, StaffRole } from "./access.js";
import type { Channel, EvidenceRef, Language } from "./case-desk.js";
import type { OwnerRole, RiskColor } from "../knowledge/colours.js";
import type { CaseStatus } from "./lifecycle.js";

export const AUDIT_ACTIONS = [
  "filed",
  "viewed",
  "status_changed",
  "claimed",
  "released",
  "reassigned",
  "colour_changed",
  "record_updated",
  "contact_updated",
  "progress_added",
  "message_sent",
  "resident_message",
  "evidence_added",
  "escalated",
  // An optional reader (an LLM) read the case after filing: its model, suggestions and token counts.
  "machine_reading",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  actorId: string | null;
  action: AuditAction;
  detail: Record<string, unknown>;
}

export interface AuditEntry extends AuditInput {
  actorName: string | null;
  at: Date;
  /** The stored detail could not be read (then `detail` is empty); absent when it was. */
  unreadable?: true;
}

/** The "六个一" fields kept as text (the progress sheet is its own list). */
export interface SixOnes {
  leadLeader: string | null;
  mediationOrg: string | null;
  liaisonUnit: string | null;
  plan: string | null;
  briefing: string | null;
}

export interface Party {
  role: "applicant" | "respondent" | "other";
  text: string;
  relation?: string;
}

/** Who brought the case and what they said, as stored and as read back. */
export interface ResidentAccount {
  residentKey: string;
  residentName: string | null;
  residentPhone: string | null;
  preferredContact: "channel" | "phone";
  language: Language;
  story: string;
  triage: Triage;
  facts: Facts;
}

export interface CaseRecordInput extends ResidentAccount {
  /** Idempotency key of the filing: inserting a record whose key is already filed returns that case. */
  filingKey: string | null;
  channel: Channel;
  status: CaseStatus;
  color: RiskColor;
  domain: Domain;
  urgent: boolean;
  townshipId: string | null;
  villageId: string | null;
  place: string | null;
  parties: Party[];
  ownerRole: OwnerRole;
  firstResponseDue: Date;
  filedById: string | null;
  briefing: string | null;
  messages: { author: "resident" | "bot" | "staff" | "operator"; text: string; at: Date }[];
  evidence: EvidenceRef[];
  createdAt: Date;
}

export interface CaseSummary {
  id: string;
  number: string;
  channel: Channel;
  status: CaseStatus;
  color: RiskColor;
  domain: Domain;
  urgent: boolean;
  townshipId: string | null;
  ownerRole: OwnerRole;
  claimedById: string | null;
  claimedByName: string | null;
  escalationLevel: number;
  firstResponseDue: Date;
  createdAt: Date;
  /** First characters of the story (masked before it leaves the service). */
  headline: string;
}

/**
 * A stored JSON field of a case that could not be read (another version, a bad shape). Staff see
 * the notice; the field is null rather than a guess, and the case keeps its colour column.
 */
export interface UnreadableField {
  field: "triage" | "facts" | "parties";
  /** The version the stored value carried, null when it had none. */
  version: number | null;
  /** Chinese, for staff, e.g. "此案件的分诊记录无法读取（版本 2），请人工核对风险颜色。" */
  notice: string;
}

export interface CaseDetail extends CaseSummary, SixOnes, Omit<ResidentAccount, "triage" | "facts"> {
  /** null when unreadable (see `unreadable`). */
  triage: Triage | null;
  facts: Facts | null;
  villageId: string | null;
  place: string | null;
  parties: Party[] | null;
  /** Stored fields that could not be read; empty for a sound record. */
  unreadable: UnreadableField[];
  outcome: string | null;
  satisfaction: number | null;
  updatedAt: Date;
  closedAt: Date | null;
  messages: { author: "resident" | "bot" | "staff" | "operator"; staffName: string | null; text: string; at: Date }[];
  evidence: EvidenceRef[];
  progress: { staffName: string; text: string; at: Date }[];
}

export interface QueueQuery {
  colors?: RiskColor[];
  domain?: Domain;
  /** Jurisdiction or a chosen township; "none" for cases with no township. */
  townshipId?: string;
  statuses?: CaseStatus[];
  claimedById?: string;
  limit: number;
  offset?: number;
}

export type ClaimOutcome =
  | { ok: true }
  | { ok: false; status: CaseStatus; claimedByName: string | null };

/** Fields a status move or record update may set together with it. */
export interface CasePatch {
  claimedById?: string | null;
  claimedAt?: Date | null;
  color?: RiskColor;
  ownerRole?: OwnerRole;
  firstResponseDue?: Date;
  escalationLevel?: number;
  escalatedAt?: Date;
  outcome?: string | null;
  satisfaction?: number | null;
  closedAt?: Date | null;
  sixOnes?: Partial<SixOnes>;
}

/** Where and how to reach the resident, as told after filing (a crisis); absent fields stay. */
export interface ContactPatch {
  place?: { text: string; townshipId: string | null; villageId: string | null };
  phone?: string;
}

export interface OverdueCase {
  id: string;
  number: string;
  status: CaseStatus;
  color: RiskColor;
  townshipId: string | null;
  firstResponseDue: Date;
  escalationLevel: number;
}

export interface CaseRepository {
  /** Allocates the next number of the year atomically and stores the case with its first audit entry. */
  insert(record: CaseRecordInput, audit: AuditInput): Promise<{ id: string; number: string }>;
  list(query: QueueQuery): Promise<CaseSummary[]>;
  count(query: Omit<QueueQuery, "limit" | "offset">): Promise<number>;
  /** By id (uuid) or case number. */
  find(ref: string): Promise<CaseDetail | null>;
  /** One conditional UPDATE: exactly one concurrent caller wins. */
  claim(id: string, staffId: string, at: Date): Promise<ClaimOutcome>;
  /** Moves the status only if it is still `from` (optimistic); false when someone moved it first. */
  move(id: string, from: CaseStatus, to: CaseStatus, patch: CasePatch, audit: AuditInput): Promise<boolean>;
  update(id: string, patch: CasePatch, audit: AuditInput): Promise<void>;
  addProgress(id: string, staffId: string, text: string, at: Date): Promise<void>;
  /**
   * False when `dedupeKey` was already used: a replayed turn (adapters/intake/inbox.ts) adds its
   * message once.
   */
  addMessage(
    id: string,
    message: { author: "resident" | "bot" | "staff" | "operator"; staffId: string | null; text: string; at: Date; dedupeKey?: string },
    audit: AuditInput,
  ): Promise<boolean>;
  /** Sets the place and/or phone a resident gave after filing, with its audit entry. */
  updateContact(id: string, contact: ContactPatch, audit: AuditInput): Promise<void>;
  /** As addMessage: false when `dedupeKey` was already used. */
  addEvidence(id: string, evidence: EvidenceRef, audit: AuditInput, dedupeKey?: string): Promise<boolean>;
  appendAudit(id: string, audit: AuditInput): Promise<void>;
  auditTrail(id: string): Promise<AuditEntry[]>;
  overdue(now: Date, limit: number): Promise<OverdueCase[]>;
  /** Escalates only if the level is still `fromLevel` and the case still unclaimed. */
  escalate(id: string, fromLevel: number, patch: CasePatch, audit: AuditInput): Promise<boolean>;
  latestForResident(residentKey: string, openOnly: boolean): Promise<CaseDetail | null>;
}

export interface StaffRecord extends Actor {
  username: string;
  passwordHash: string;
  active: boolean;
}

export interface StaffRepository {
  create(input: { username: string; displayName: string; passwordHash: string; role: StaffRole; townshipId: string | null }): Promise<StaffRecord>;
  findByUsername(username: string): Promise<StaffRecord | null>;
  findById(id: string): Promise<StaffRecord | null>;
  list(): Promise<StaffRecord[]>;
  count(): Promise<number>;
}

/** A change the console shows live; fanned out over the key-value store's pub/sub. */
export interface CaseEvent {
  type: "filed" | "updated" | "escalated" | "resident_message";
  caseId: string;
  number: string;
  color: RiskColor;
  status: CaseStatus;
  townshipId: string | null;
  ownerRole: OwnerRole;
  at: string;
}

export interface CaseEventBus {
  publish(event: CaseEvent): Promise<void>;
}

export interface ResidentOutbox {
  send(message: { residentKey: string; caseNumber: string; text: string; fromLabel: string; at: Date }): Promise<void>;
  /**
   * A person has taken the case (claimed, or been assigned it): the resident is told on their own
   * channel. Kept before it is sent (adapters/intake/claim-notices.ts), so a restart does not lose it.
   */
  claimed(notice: { residentKey: string; caseNumber: string; fromLabel: string; at: Date }): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/** The embeddings reader's search, seen from the queue (adapters/embeddings implements it). */
export interface SimilarCaseFinder {
  /** Cases whose story is near this one's, nearest first (the case itself excluded). */
  near(c: { id: string; story: string }, limit: number): Promise<{ caseId: string; similarity: number }[]>;
}
