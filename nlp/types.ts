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

/** `number`: dictated or typed as a phone (a digit too many or too few), not a valid one: masked, never kept. */
export type PiiKind = "mobile" | "landline" | "id_card" | "bank_card" | "email" | "plate" | "address" | "number";

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
  /** A hard rule's id (nlp/data/hard-rules.yaml), "model", "ordinary", "empty", or an answer's. */
  signal: string;
  criterion: string;
  color: RiskColor;
  /** The resident's own words that raised it, quoted from the (masked) text. */
  words: string[];
  /** Chinese, for staff. */
  explanation: string;
}

/** A question the dialogue should put to the resident: a danger signal is there, the colour is not red. */
export interface RiskAsk {
  /** "self_harm": 您现在有伤害自己的想法吗？ "danger": 现在有没有人有危险？ */
  kind: "self_harm" | "danger";
  /** The model's probability of red when it asked. */
  probability: number;
}

export interface RiskAssessment {
  color: RiskColor;
  reasons: RiskReason[];
  owner: OwnerRole;
  ownerTitle: string;
  /** How sure the reader is of this colour, 0–1 (absent on assessments stored before it existed). */
  certainty?: number;
  /** The risk model's calibrated probabilities. */
  probabilities?: Record<RiskColor, number>;
  /**
   * The question to put to the resident. On a red it is there only when nothing but the model's reading
   * grounds the red (no hard rule, no clear danger word, no yes from the resident): nlp/risk.ts.
   */
  ask?: RiskAsk;
}

export interface Facts {
  township?: { id: string; name: string };
  village?: { id: string; name: string };
  otherParty?: { text: string; relation: string };
  money?: { amount: number; text: string };
  duration?: { days: number; text: string };
  /** Since when, as the resident confirmed it, also when it has no day count ("去年秋天", "三月份"). */
  since?: string;
  /** The place as the resident said it when the gazetteer does not hold its village ("张家湾村", "苗家坪镇 张家沟村"), for staff to check. */
  placeText?: string;
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
