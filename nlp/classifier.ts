/**
 * Domain reader: the same calibrated logistic regression as the risk reader (nlp/linear-model.ts)
 * over the same front's features, with an explicit unsure outcome carrying the top candidates.
 */
import type { FeatureMap } from "./text-features.js";
import { linearModel, LinearModelSchema, type FeatureSpace, type LinearModel, type LinearModelData } from "./linear-model.js";
import { DOMAINS, type Domain, type DomainCandidate } from "./types.js";

export type DomainModel = LinearModel<Domain>;

export const DomainModelSchema = LinearModelSchema.refine((m) => m.classes.every((c) => (DOMAINS as readonly string[]).includes(c)), {
  message: "领域模型的类别必须是已知领域",
});

export function domainModel(data: unknown, space?: FeatureSpace): DomainModel {
  return linearModel<Domain>(DomainModelSchema.parse(data) as LinearModelData, space);
}

export interface LabelledText {
  text: string;
  domain: Domain;
}

export type Classification =
  | { kind: "sure"; domain: Domain; confidence: number; candidates: DomainCandidate[]; evidence: string[] }
  | { kind: "unsure"; domain: Domain; confidence: number; candidates: DomainCandidate[]; evidence: string[] };

export interface ClassifyOptions {
  /** Below this top probability the outcome is unsure. */
  minConfidence?: number;
  /** Below this gap between the first two the outcome is unsure. */
  minMargin?: number;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Share of probability spread evenly over the domains: no domain is ever certain (a person confirms). */
const PROBABILITY_FLOOR = 0.02;

/** Words (n-grams of 2+ characters, lexicon words) that most favour class `ci`, longest kept. */
function explain(model: DomainModel, features: FeatureMap, ci: number): string[] {
  const gains: [string, number][] = [];
  for (const f of features.keys()) {
    // Reviewed lexicon words only: an n-gram can be a fragment ("有人一"). (The first character is
    // compared first: most of a message's hundreds of features are n-grams.)
    if (f[0] !== "@" || !f.startsWith("@w:")) continue;
    const gain = model.margin(f, ci);
    if (gain > 0.3) gains.push([f.replace(/^@w:/, ""), gain + (f.startsWith("@w:") ? 1 : 0)]);
  }
  return gains
    .sort((a, b) => b[1] - a[1])
    .map(([f]) => f)
    .filter((f, i, all) => !all.slice(0, i).some((g) => g.includes(f) || f.includes(g)))
    .slice(0, 5);
}

/** Classifies prepared features. Unsure when the top probability or the margin is low, or the text says almost nothing. */
export function classifyDomain(model: DomainModel, features: FeatureMap, opts: ClassifyOptions = {}): Classification {
  const minConfidence = opts.minConfidence ?? 0.55;
  const minMargin = opts.minMargin ?? 0.2;
  const probs = model.predict(features).map((p, _, all) => (1 - PROBABILITY_FLOOR) * p + PROBABILITY_FLOOR / all.length);
  const ranked = model.classes.map((domain, i) => ({ domain, probability: round4(probs[i]!) })).sort((a, b) => b.probability - a.probability);
  const top = ranked[0]!;
  const second = ranked[1]!;
  const candidates = ranked.slice(0, 3);
  let known = 0;
  for (const f of features.keys()) if (model.knows(f) && ++known >= 2) break;
  if (known < 2) return { kind: "unsure", domain: "other", confidence: top.probability, candidates, evidence: [] };
  const evidence = explain(model, features, model.classes.indexOf(top.domain));
  // A short message with no reviewed domain word ("有人一直找我麻烦") is asked about, however the model leans.
  const vague = features.has("f:len_short") || (features.has("f:len_mid") && ![...features.keys()].some((f) => f.startsWith("@")));
  const unsure = top.probability < minConfidence || top.probability - second.probability < minMargin || (vague && evidence.length === 0);
  return { kind: unsure ? "unsure" : "sure", domain: top.domain, confidence: top.probability, candidates, evidence };
}
