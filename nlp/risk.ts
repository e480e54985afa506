/**
 * Risk colour with reasons (红橙黄蓝四色管控): the learned model is the main reader, the hard
 * rules (nlp/hard-rules.ts) can only raise to red, and the result says how sure it is. When a
 * danger signal is there but the colour stays below red, the assessment asks the dialogue to put
 * one direct question to the resident (`ask`). Every reason quotes the resident's words.
 */
import { maxColor, type ColourRules } from "../knowledge/colours.js";
import { quoteBestClause, quoteHits } from "./evidence.js";
import type { Prepared } from "./front.js";
import { applyHardRules, type HardRules } from "./hard-rules.js";
import { contextTag, isClear, type ConceptHit } from "./reading.js";
import { decideColour, toProbabilities, type RiskModel, type RiskProbabilities } from "./risk-model.js";
import type { OwnerRole, RiskAssessment, RiskAsk, RiskColor, RiskReason } from "./types.js";

export { maxColor };

/**
 * The colour a machine-driven update may set: never lower than the current one.
 * Only a person (see `mergeRisk` with `confirmedBy`) may lower a colour.
 */
export function raiseOnly(current: RiskColor, proposed: RiskColor): RiskColor {
  return maxColor(current, proposed);
}

export interface OwnerInfo {
  owner: OwnerRole;
  ownerTitle: string;
}

export type OwnerOf = (color: RiskColor) => OwnerInfo;

/** A colour's owner as the rubric's colour rules name it, in the shape an assessment carries. */
export function ownerOf(rules: ColourRules): OwnerOf {
  return (color) => ({ owner: rules[color].owner, ownerTitle: rules[color].ownerTitle });
}

/**
 * Combines the assessment kept on a case with a new one (e.g. the resident wrote again).
 * Without `confirmedBy` the colour only goes up and reasons accumulate; with it (a staff
 * member confirmed or changed the colour) the next assessment is taken as is.
 */
export function mergeRisk(previous: RiskAssessment, next: RiskAssessment, opts: { confirmedBy?: string; ownerOf: OwnerOf }): RiskAssessment {
  if (opts.confirmedBy) return next;
  const color = raiseOnly(previous.color, next.color);
  const seen = new Set<string>();
  const reasons: RiskReason[] = [];
  for (const r of [...previous.reasons, ...next.reasons]) {
    const key = `${r.signal}|${r.words.join(",")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reasons.push(r);
  }
  const kept = reasons.some((r) => r.signal !== "ordinary") ? reasons.filter((r) => r.signal !== "ordinary") : reasons;
  // A red that a reviewed rule or the resident grounded needs no question any more.
  const ask = isGroundedRed({ color, reasons: kept }) ? undefined : (next.ask ?? previous.ask);
  const merged: RiskAssessment = { color, reasons: kept, ...opts.ownerOf(color), certainty: next.color === color ? next.certainty : previous.certainty };
  if (ask) merged.ask = ask;
  return merged;
}

/** A red that rests on more than the model's reading: a hard rule, the resident's own yes, a staff member. */
export function isGroundedRed(risk: Pick<RiskAssessment, "color" | "reasons">): boolean {
  return risk.color === "red" && risk.reasons.some((r) => r.color === "red" && r.signal !== "model");
}

export interface RiskReaders {
  model: RiskModel;
  rules: HardRules;
}

/** Concepts that speak of self-harm (the question to ask is about the resident's own safety). */
const SELF_HARM_CONCEPTS = new Set(["die_wish", "self_harm_method", "self_means", "farewell", "despair"]);
/**
 * Concepts that are danger signals by themselves (a reason to ask when the colour stays below red);
 * a roof or a trip to the capital alone is not (a leaking roof, a son working in Beijing).
 */
export const DANGER_CONCEPTS: ReadonlySet<string> = new Set([...SELF_HARM_CONCEPTS, "kill_threat", "revenge", "weapon", "fuel", "fire_act", "violence", "held", "mass_action", "cry_for_help"]);

/** The rubric criterion a model-raised colour most likely stands for, from the concepts it read. */
const CRITERION_BY_CONCEPT: readonly [concept: string, criterion: string, color: RiskColor][] = [
  ["die_wish", "self_harm", "red"],
  ["self_harm_method", "self_harm", "red"],
  ["self_means", "self_harm", "red"],
  ["farewell", "self_harm", "red"],
  ["kill_threat", "violence_threat", "red"],
  ["revenge", "violence_threat", "red"],
  ["weapon", "weapon", "red"],
  ["fire_act", "extreme_behavior", "red"],
  ["fuel", "extreme_behavior", "red"],
  ["held", "extreme_behavior", "red"],
  ["high_place", "extreme_behavior", "red"],
  ["mass_action", "group_incident", "red"],
  ["capital_trip", "group_incident", "red"],
  ["violence", "domestic_violence", "red"],
  ["despair", "self_harm", "red"],
  ["fight_over", "intense_conflict", "orange"],
  ["collective", "collective_dispute", "orange"],
  ["vulnerable", "vulnerable_party", "orange"],
  ["repeated", "repeated_escalation", "orange"],
  // A blockade alone is an access dispute: only when nothing else explains a raised colour.
  ["blockade", "group_incident", "red"],
];

const DEFAULT_CRITERION: Record<RiskColor, string> = { red: "extreme_behavior", orange: "repeated_escalation", yellow: "complex_dispute", blue: "ordinary" };

const COLOUR_WORDS: Record<RiskColor, string> = { red: "重大风险", orange: "较大风险", yellow: "一般风险", blue: "低风险" };

const pct = (x: number) => `${Math.round(x * 100)}%`;

function criterionFor(color: RiskColor, hits: readonly ConceptHit[], prepared: Prepared): string {
  const concepts = new Set(hits.filter(isClear).map((h) => h.concept));
  if (color === "orange" && (prepared.facts.money?.amount ?? 0) >= 100_000 && concepts.size === 0) return "large_sum";
  if (color === "yellow") return prepared.facts.attempts.length > 0 ? "prior_attempts_failed" : "complex_dispute";
  const found = CRITERION_BY_CONCEPT.find(([c]) => concepts.has(c));
  if (found && (color === "red" || found[2] !== "red" || color === "orange")) return found[1];
  return DEFAULT_CRITERION[color];
}

/** How much each clause pushes towards `color` (n-grams and concepts inside it), for the model's quote. */
function clauseScorer(model: RiskModel, prepared: Prepared, color: RiskColor) {
  const ci = model.classes.indexOf(color);
  const gain = (feature: string): number => model.margin(feature, ci);
  const text = prepared.reading.featureText;
  // Each hit's concept weighs the same in every clause: looked up once, not once per clause.
  const hits = prepared.reading.hits.map((h) => ({ start: h.start, end: h.end, gain: gain(`c:${h.concept}`) }));
  return (clause: { start: number; end: number }): number => {
    let s = 0;
    // Bigrams carry most of a clause's weight and keep this linear in the text. (Clauses are offsets in
    // the reading's text; the feature text, emoji spelt out, may be shorter.)
    const end = Math.min(clause.end, text.length);
    for (let i = clause.start; i + 1 < end; i++) s += gain(text.slice(i, i + 2));
    for (const h of hits) if (h.start >= clause.start && h.end <= clause.end) s += h.gain;
    return s;
  };
}

function modelReason(model: RiskModel, prepared: Prepared, color: RiskColor, p: RiskProbabilities): RiskReason {
  const criterion = criterionFor(color, prepared.reading.hits, prepared);
  const quote = quoteBestClause(prepared.reading, clauseScorer(model, prepared, color));
  return {
    signal: "model",
    criterion,
    color,
    words: quote ? [quote] : [],
    explanation: `模型判断为${COLOUR_WORDS[color]}（红色概率 ${pct(p.red)}，橙色 ${pct(p.orange)}），请人工确认`,
  };
}

/**
 * The question to put to the resident when a danger word is there but the colour is not red: a
 * clear hit (not negated, past, reported…) or a held-back wish to die, or any hit when the model
 * gives red a real chance.
 * Without a danger word there is no question: an ordinary dispute is not asked about danger.
 */
function askFor(prepared: Prepared, color: RiskColor, p: RiskProbabilities, askAt: number, grounded: boolean): RiskAsk | undefined {
  // 救命 in a calm message is an exclamation (救命，这食堂太难吃了); in anything less calm it is asked about.
  const danger = prepared.reading.hits.filter((h) => DANGER_CONCEPTS.has(h.concept) && (h.concept !== "cry_for_help" || color !== "blue"));
  // A red the model reads in the whole story without one danger word (钱都输光了, a bullying story): it
  // stays red for staff, and the resident is asked the safety question rather than told it is an emergency.
  if (color === "red") return grounded || danger.some(isClear) ? undefined : { kind: danger.some((h) => SELF_HARM_CONCEPTS.has(h.concept)) ? "self_harm" : "danger", probability: Math.round(p.red * 1000) / 1000 };
  if (danger.length === 0) return undefined;
  // A wish to die held back by fear or family ("hedge") is exactly the unclear case to ask about.
  if (p.red < askAt && !danger.some((h) => isClear(h) || contextTag(h) === "hedge")) return undefined;
  const self = danger.some((h) => SELF_HARM_CONCEPTS.has(h.concept));
  return { kind: self ? "self_harm" : "danger", probability: Math.round(p.red * 1000) / 1000 };
}

function atLeast(p: RiskProbabilities, color: RiskColor): number {
  if (color === "blue") return p.blue;
  return p.red + (color === "red" ? 0 : p.orange) + (color === "yellow" ? p.yellow : 0);
}

/** Below this probability of red, a danger word read in a negated, past or reported context raises no question. */
export const ASK_PROBABILITY = 0.05;

/**
 * Assesses a prepared message.
 * @example assessRisk(front(normalize("农药我都买好了")), readers, ownerOf).color // "red"
 */
export function assessRisk(prepared: Prepared, readers: RiskReaders, ownerOf: OwnerOf): RiskAssessment {
  if (prepared.reading.text.trim() === "") {
    return {
      color: "blue",
      reasons: [{ signal: "empty", criterion: "ordinary", color: "blue", words: [], explanation: "内容为空或无法识别，请当事人再描述一下遇到的问题" }],
      ...ownerOf("blue"),
      certainty: 0,
    };
  }
  const p = toProbabilities(readers.model.predict(prepared.features));
  const modelColor = decideColour(p);
  const firings = applyHardRules(prepared.reading, readers.rules);
  const color: RiskColor = firings.length > 0 ? "red" : modelColor;
  const reasons: RiskReason[] = firings.map((f) => ({
    signal: f.id,
    criterion: f.criterion,
    color: "red",
    words: quoteHits(prepared.reading, f.hits),
    explanation: f.explanation,
  }));
  if (modelColor !== "blue" && (firings.length === 0 || modelColor !== "red")) reasons.push(modelReason(readers.model, prepared, modelColor, p));
  if (modelColor === "red" && firings.length > 0) reasons.push({ ...modelReason(readers.model, prepared, "red", p), explanation: `模型也判断为重大风险（红色概率 ${pct(p.red)}）` });
  if (reasons.length === 0) {
    reasons.push({ signal: "ordinary", criterion: "ordinary", color: "blue", words: [], explanation: `未发现明显风险信号，按一般矛盾纠纷处理（蓝色概率 ${pct(p.blue)}）` });
  }
  // How sure: a rule is a reviewed situation; otherwise the model's probability that the case needs at
  // least this colour (a cost-driven orange on 7% red and 1% orange is "8% sure" it needs a secretary);
  // for blue, that it is calm.
  const certainty = firings.length > 0 ? Math.max(0.95, p.red) : atLeast(p, color);
  const out: RiskAssessment = { color, reasons, ...ownerOf(color), certainty: Math.round(certainty * 1000) / 1000, probabilities: p };
  const ask = askFor(prepared, color, p, ASK_PROBABILITY, firings.length > 0);
  if (ask) out.ask = ask;
  return out;
}
