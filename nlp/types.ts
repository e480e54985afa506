/**
 * The triage contract: what `nlp/` hands to the dialogue, the queue and the adapters.
 * Every text in these shapes that may leave `nlp/` (logs, LLM prompts) is already masked,
 * except `PiiFinding.raw`, which is kept only for contact details a case needs.
 */
import type { Domain, OwnerRole, RiskColor } from "../knowledge/types.js";

export type { Domain, OwnerRole, RiskColor };

export const DOMAINS = ["medical", "marital", "neighbor", "financial", "campus", "other"] as const satisfies readonly Domain[];

/** Chinese names of the domains, as the studios are called. */
export const DOMAIN_LABELS: Record<Domain, string> = {
  medical: "医疗纠纷",
  marital: "婚恋家庭纠纷",
  neighbor: "邻里纠纷",
  financial: "金融借贷纠纷",
  campus: "校园纠纷",
  other: "其他纠纷",
};

export type PiiKind = "mobile" | "landline" | "id_card" | "bank_card" | "email" | "plate" | "address";

export interface PiiFinding {
  kind: PiiKind;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  masked: string;
  /** Kept only where a case needs it (contact: mobile, landline, e-mail; plate for traffic cases). */
  raw?: string;
}

export interface RiskReason {
  signal: string;
  criterion: string;
  color: RiskColor;
  words: string[];
  /** Chinese, for staff. */
  explanation: string;
}

export interface RiskAssessment {
  color: RiskColor;
  reasons: RiskReason[];
  owner: OwnerRole;
  ownerTitle: string;
}

export interface Facts {
  township?: { id: string; name: string };
  village?: { id: string; name: string };
  otherParty?: { text: string; relation: string };
  money?: { amount: number; text: string };
  duration?: { days: number; text: string };
  peopleCount?: { count: number; text: string };
  attempts: { kind: string; text: string }[];
  wants?: string;
}

export interface ServiceMatch {
  id: string;
  name: string;
  score: number;
  categoryId: string;
  agencyIds: string[];
  evidence: string[];
}

export interface DomainCandidate {
  domain: Domain;
  probability: number;
}

export interface Triage {
  domain: Domain;
  confidence: number;
  unsure: boolean;
  candidates: DomainCandidate[];
  risk: RiskAssessment;
  services: ServiceMatch[];
  facts: Facts;
  masked: string;
  pii: PiiFinding[];
  /** Words that most pushed the classifier to the chosen domain (explainability). */
  domainEvidence: string[];
}

export type Speaker = "caller" | "operator" | "unknown";

export interface TranscriptTurn {
  speaker: Speaker;
  text: string;
  time?: string;
}

export interface TranscriptTriage extends Triage {
  callerAccount: string;
  operatorNotes: string;
  turns: TranscriptTurn[];
}
