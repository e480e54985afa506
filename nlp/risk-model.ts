/**
 * A learned second opinion on risk: naive Bayes over the classifier's character n-grams
 * (`extractFeatures`, no lexicon cues), calibrated like the domain classifier (temperature
 * fitted on held-out folds, uniform floor, evidence damping for long texts). It answers
 * P(danger), P(concern), P(ordinary) for texts that describe danger without the rule
 * lexicon's words (站在桥上不想回去). The rules stay the first opinion; `triage.ts` lets this
 * model only raise blue/yellow, and never to red: a person confirms.
 *
 * Rebuild the shipped model after editing nlp/data/risk-phrases.jsonl:
 *   npx tsx adapters/cli/main.ts train-risk        (writes nlp/data/risk-model.json)
 */
import { z } from "zod";
import { extractFeatures } from "./features.js";
import { dampedLogits, fitTemperature, round4, softmax, stableHash } from "./naive-bayes.js";
import type { RiskColor, RiskReason } from "./types.js";


export const RISK_MODEL_VERSION = 1;
export const RISK_LABELS = ["danger", "concern", "ordinary"] as const;
export type RiskLabel = (typeof RISK_LABELS)[number];

export interface RiskPhrase {
  text: string;
  label: RiskLabel;
}

export const RiskPhraseSchema = z.object({ text: z.string().min(1), label: z.enum(RISK_LABELS) });

export const RiskModelSchema = z.object({
  version: z.literal(RISK_MODEL_VERSION),
  kind: z.literal("naive_bayes"),
  classes: z.tuple([z.literal("danger"), z.literal("concern"), z.literal("ordinary")]),
  logPrior: z.array(z.number()).length(3),
  /** log P(feature | class) in `classes` order; only the `maxFeatures` most informative features are kept. */
  logLikelihood: z.record(z.string(), z.array(z.number()).length(3)),
  logUnseen: z.array(z.number()).length(3),
  temperature: z.number().positive(),
  evidenceReference: z.number().positive(),
  /** Probabilities at or above which triage raises (danger → orange, concern → yellow), chosen by cross-validation. */
  thresholds: z.object({ danger: z.number().min(0).max(1), concern: z.number().min(0).max(1) }),
  trainedOn: z.object({ examples: z.number().int(), sources: z.array(z.string()), at: z.string() }),
});

export type RiskModel = z.infer<typeof RiskModelSchema>;

export interface RiskOpinion {
  probabilities: Record<RiskLabel, number>;
  /** The n-grams that most favour danger (or concern) over ordinary, for the reason shown to staff. */
  evidence: string[];
  /** How many of the text's features the model knows (0: the model has nothing to say). */
  known: number;
}

export interface RiskTrainOptions {
  maxFeatures?: number;
  folds?: number;
  /** Highest share of ordinary phrases (in cross-validation) the danger threshold may raise to orange. */
  maxOrdinaryRaised?: number;
  /** The same for the concern threshold (raise to yellow): concern is the fuzzier class, so a smaller share. */
  maxOrdinaryConcerned?: number;
  sources?: string[];
}

const ALPHA = 0.5;
const EVIDENCE_REFERENCE = 12;
const PROBABILITY_FLOOR = 0.04;
const DEFAULT_MAX_FEATURES = 3000;
/**
 * The ordinary phrases are adversarial on purpose (bridges, towers, rope, "说好了明天去…");
 * measured on them, 7.5% raised buys about 55% of the danger phrases caught in cross-validation
 * (3% caught about 40%). A false orange costs a look; a missed danger costs more.
 */
const DEFAULT_MAX_ORDINARY_RAISED = 0.075;
const DEFAULT_MAX_ORDINARY_CONCERNED = 0.03;

type Vector = [number, number, number];
const zero = (): Vector => [0, 0, 0];

/**
 * Trains the model: counts, keeps the most informative features, fits the temperature and
 * the raise thresholds on held-out folds.
 * @example trainRiskModel(parseRiskPhrases(jsonl).phrases, (t) => normalize(t, t2s))
 */
export function trainRiskModel(phrases: readonly RiskPhrase[], normalizeText: (t: string) => string, opts: RiskTrainOptions = {}): RiskModel {
  for (const label of RISK_LABELS) if (!phrases.some((p) => p.label === label)) throw new Error(`训练数据缺少“${label}”类的样本`);
  const shuffled = [...phrases].sort((a, b) => stableHash(a.text) - stableHash(b.text));
  const featurised = shuffled.map((p) => ({ label: p.label, features: extractFeatures(normalizeText(p.text)) }));
  const maxFeatures = opts.maxFeatures ?? DEFAULT_MAX_FEATURES;
  const held = heldOutScores(featurised, maxFeatures, opts.folds ?? 5);
  const temperature = fitTemperature(held, PROBABILITY_FLOOR, 0.5);
  const probs = held.map((h) => ({ gold: h.gold, p: softmax(h.logits, temperature, PROBABILITY_FLOOR) }));
  const thresholds = {
    danger: chooseThreshold(probs, 0, opts.maxOrdinaryRaised ?? DEFAULT_MAX_ORDINARY_RAISED),
    concern: chooseThreshold(probs, 1, opts.maxOrdinaryConcerned ?? DEFAULT_MAX_ORDINARY_CONCERNED),
  };
  const base = build(featurised, maxFeatures);
  return { ...base, temperature, thresholds, trainedOn: { examples: phrases.length, sources: opts.sources ?? [], at: new Date().toISOString() } };
}

/** P(danger), P(concern), P(ordinary) of a normalised text, with evidence n-grams. */
export function assessRiskByModel(model: RiskModel, normalizedText: string): RiskOpinion {
  const features = extractFeatures(normalizedText);
  const { logits, known } = dampedLogits(model, features);
  const p = known === 0 ? [1 / 3, 1 / 3, 1 / 3] : softmax(logits, model.temperature, PROBABILITY_FLOOR);
  const probabilities = { danger: round4(p[0]!), concern: round4(p[1]!), ordinary: round4(p[2]!) };
  const target = probabilities.danger >= probabilities.concern ? 0 : 1;
  return { probabilities, evidence: explain(model, features, target), known };
}

export interface CrossValidation {
  accuracy: number;
  perClass: Record<RiskLabel, { precision: number; recall: number; n: number }>;
  /** Share of ordinary phrases the chosen thresholds would raise, and of danger phrases raised to orange. */
  ordinaryRaised: number;
  dangerCaught: number;
  thresholds: RiskModel["thresholds"];
}

/** k-fold cross-validation of the whole training procedure (temperature and thresholds refitted inside each fold). */
export function crossValidateRiskModel(phrases: readonly RiskPhrase[], normalizeText: (t: string) => string, opts: RiskTrainOptions = {}): CrossValidation {
  const folds = opts.folds ?? 5;
  const shuffled = [...phrases].sort((a, b) => stableHash(a.text) - stableHash(b.text));
  const results: { gold: RiskLabel; opinion: RiskOpinion; thresholds: RiskModel["thresholds"] }[] = [];
  for (let k = 0; k < folds; k++) {
    const model = trainRiskModel(shuffled.filter((_, i) => i % folds !== k), normalizeText, opts);
    for (const p of shuffled.filter((_, i) => i % folds === k)) {
      results.push({ gold: p.label, opinion: assessRiskByModel(model, normalizeText(p.text)), thresholds: model.thresholds });
    }
  }
  const predicted = results.map((r) => argmax(r.opinion.probabilities));
  const perClass = {} as CrossValidation["perClass"];
  for (const label of RISK_LABELS) {
    const tp = results.filter((r, i) => r.gold === label && predicted[i] === label).length;
    const pp = predicted.filter((x) => x === label).length;
    const n = results.filter((r) => r.gold === label).length;
    perClass[label] = { precision: pp ? round4(tp / pp) : 0, recall: n ? round4(tp / n) : 0, n };
  }
  const raised = (r: (typeof results)[number]) => r.opinion.probabilities.danger >= r.thresholds.danger;
  const ordinary = results.filter((r) => r.gold === "ordinary");
  const danger = results.filter((r) => r.gold === "danger");
  return {
    accuracy: round4(results.filter((r, i) => r.gold === predicted[i]).length / results.length),
    perClass,
    ordinaryRaised: round4(ordinary.filter(raised).length / ordinary.length),
    dangerCaught: round4(danger.filter(raised).length / danger.length),
    thresholds: trainRiskModel(phrases, normalizeText, opts).thresholds,
  };
}

/** Parses `{"text","label"}` JSON lines; bad lines are reported, not fatal. */
export function parseRiskPhrases(content: string): { phrases: RiskPhrase[]; skipped: { line: number; error: string }[] } {
  const phrases: RiskPhrase[] = [];
  const skipped: { line: number; error: string }[] = [];
  content.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skipped.push({ line: i + 1, error: "不是合法的 JSON" });
      return;
    }
    const parsed = RiskPhraseSchema.safeParse(json);
    if (parsed.success) phrases.push(parsed.data);
    else skipped.push({ line: i + 1, error: "缺少 text 或 label 字段，或 label 不是 danger / concern / ordinary" });
  });
  return { phrases, skipped };
}

function argmax(p: Record<RiskLabel, number>): RiskLabel {
  return RISK_LABELS.reduce((best, l) => (p[l] > p[best] ? l : best), RISK_LABELS[0] as RiskLabel);
}

interface Featurised {
  label: RiskLabel;
  features: string[];
}

type Base = Omit<RiskModel, "temperature" | "thresholds" | "trainedOn">;

function build(examples: readonly Featurised[], maxFeatures: number): Base {
  const index: Record<RiskLabel, 0 | 1 | 2> = { danger: 0, concern: 1, ordinary: 2 };
  const counts = new Map<string, Vector>();
  const docs = new Map<string, number>();
  for (const ex of examples) {
    for (const f of ex.features) {
      const row = counts.get(f) ?? zero();
      row[index[ex.label]] += 1;
      counts.set(f, row);
    }
    for (const f of new Set(ex.features)) docs.set(f, (docs.get(f) ?? 0) + 1);
  }
  const kept = selectFeatures(counts, docs, maxFeatures);
  const totals = zero();
  for (const f of kept) counts.get(f)!.forEach((v, i) => (totals[i as 0 | 1 | 2] += v));
  const vocab = kept.length + 1;
  const denom = totals.map((t) => Math.log(t + ALPHA * vocab));
  const logLikelihood: Record<string, number[]> = {};
  for (const f of kept) logLikelihood[f] = counts.get(f)!.map((v, i) => round4(Math.log(v + ALPHA) - denom[i]!));
  return {
    version: RISK_MODEL_VERSION,
    kind: "naive_bayes",
    classes: ["danger", "concern", "ordinary"],
    // Flat priors: the phrase file's mix says nothing about how often danger reaches the centre.
    logPrior: [0, 0, 0],
    logLikelihood,
    logUnseen: denom.map((d) => round4(Math.log(ALPHA) - d)),
    evidenceReference: EVIDENCE_REFERENCE,
  };
}

/**
 * The features seen in at least two phrases that most separate the classes (each class's
 * smoothed share against the pooled share, summed): caps the model's size and its speed.
 */
function selectFeatures(counts: Map<string, Vector>, docs: Map<string, number>, maxFeatures: number): string[] {
  const totals = zero();
  for (const row of counts.values()) row.forEach((v, i) => (totals[i as 0 | 1 | 2] += v));
  const all = totals[0] + totals[1] + totals[2];
  const scored: [string, number][] = [];
  for (const [f, row] of counts) {
    if ((docs.get(f) ?? 0) < 2) continue;
    const pooled = (row[0] + row[1] + row[2] + ALPHA) / all;
    let s = 0;
    row.forEach((v, i) => {
      const p = (v + ALPHA) / totals[i]!;
      s += p * Math.log(p / pooled);
    });
    scored.push([f, s]);
  }
  return scored
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxFeatures)
    .map(([f]) => f);
}

interface Held {
  gold: number;
  logits: number[];
}

function heldOutScores(examples: readonly Featurised[], maxFeatures: number, folds: number): Held[] {
  const held: Held[] = [];
  const index: Record<RiskLabel, number> = { danger: 0, concern: 1, ordinary: 2 };
  for (let k = 0; k < folds; k++) {
    const m = build(examples.filter((_, i) => i % folds !== k), maxFeatures);
    for (const ex of examples.filter((_, i) => i % folds === k)) held.push({ gold: index[ex.label], logits: dampedLogits(m, ex.features).logits });
  }
  return held;
}

/**
 * The lowest threshold on class `ci` that raises at most `budget` of the held-out ordinary
 * phrases (a raise costs a person's look; a miss costs more, so the budget is spent, not saved).
 * Never below 0.5: below that the model is guessing.
 */
function chooseThreshold(held: readonly { gold: number; p: number[] }[], ci: number, budget: number): number {
  const sorted = held.filter((h) => h.gold === 2).map((h) => h.p[ci]!).sort((a, b) => b - a);
  const boundary = sorted[Math.floor(budget * sorted.length)] ?? 0;
  return round4(Math.max(0.5, boundary + 1e-4));
}

/** The known n-grams that most favour class `ci` over ordinary (longer n-grams first). */
function explain(model: Base, features: readonly string[], ci: number): string[] {
  const gains: [string, number][] = [];
  for (const f of new Set(features)) {
    const row = model.logLikelihood[f];
    if (!row || f.length < 2) continue;
    const gain = row[ci]! - row[2]!;
    if (gain > 0.3) gains.push([f, gain]);
  }
  return gains
    .sort((a, b) => b[1] - a[1])
    .map(([f]) => f)
    .slice(0, 5);
}

/**
 * Hints for the rubric criterion a model raise is closest to (checked in order; the first
 * family with a match wins). Staff see it next to the reason; it decides nothing else.
 */
const CRITERION_HINTS: readonly [criterion: string, pattern: RegExp][] = [
  ["group_incident", /集合|一起去|约好|说好了|商量好|组织|报名|横幅|堵[死住]?|围[住起]|拦|几十|几百|上百|全村|村民们|大家/],
  ["domestic_violence", /[关锁扣]在|反锁|不给饭|不让[我她他]?出门|打我|掐|踹|往墙上|皮带|烟头|按在/],
  ["weapon", /家伙|铁锹|钢管|棍|枪|雷管|炸|刀片|弹簧刀|砖头/],
  ["extreme_behavior", /塔吊|吊车|电线塔|线塔|煤气罐|浇|泼|点[了一]|火|冲/],
  ["violence_threat", /收拾|算账|拼了|好看|报复|消失|出点事|横着|见阎王|毁了|血债|了结|鱼死网破/],
  ["self_harm", /桥|河|江|水库|水塘|铁轨|楼顶|天台|阳台|药|绳|房梁|炭|告别|走了|后事|对不起|送[给人]|拜托|醒|解脱|多余|拖累|撑|熬|陪|去找/],
];

const CONCERN_HINTS: readonly [criterion: string, pattern: RegExp][] = [
  ["vulnerable_party", /老人|岁|残疾|瘫|孕|孩子|小孩|低保|孤寡|独居|留守|智力|精神|聋哑|单亲|病/],
  ["repeated_escalation", /上访|信访|[多几好]次|[多几十]趟|[几多十]年|反映过|告到|踢皮球/],
  ["collective_dispute", /[几十百千]+[户个家人]|全村|整栋|业主|工人|工友|家长|储户/],
  ["large_sum", /[十百千]万|万块|积蓄|全部/],
];

function firstHint(hints: readonly [string, RegExp][], text: string, fallback: string): string {
  for (const [criterion, pattern] of hints) if (pattern.test(text)) return criterion;
  return fallback;
}

/** The rubric criterion a model-raised text most resembles (`intense_conflict` when nothing hints). */
export function closestCriterion(normalizedText: string, label: "danger" | "concern" = "danger"): string {
  return label === "danger" ? firstHint(CRITERION_HINTS, normalizedText, "intense_conflict") : firstHint(CONCERN_HINTS, normalizedText, "intense_conflict");
}

export const MODEL_DANGER_EXPLANATION = "文字里有与危险情形相似的表述（模型提示，未命中明确关键词），请尽快人工确认";
export const MODEL_CONCERN_EXPLANATION = "文字里有与需要关注的情形相似的表述（模型提示，未命中明确关键词），请人工确认";

/**
 * The reason the model adds to a rule-based colour, if any: danger raises blue or yellow to
 * orange (never red: a person confirms), concern raises blue to yellow. Nothing otherwise:
 * the model never lowers and never repeats what the rules already said.
 * @example modelRiskReason(model, "已经爬上塔吊了", { color: "blue", reasons: [] })?.color === "orange"
 */
export function modelRiskReason(model: RiskModel, normalizedText: string, rules: { color: RiskColor; reasons: readonly RiskReason[] }): RiskReason | undefined {
  if (rules.color === "orange" || rules.color === "red") return undefined;
  // A rule found a risk word here and ruled it out (negated, out of context): the model, which
  // exists for texts without such words, does not overrule that reading (我不会去找他打架).
  if (rules.reasons.some((r) => r.color === "blue" && r.signal !== "ordinary")) return undefined;
  const rulesColor = rules.color;
  const opinion = assessRiskByModel(model, normalizedText);
  const p = opinion.probabilities;
  if (p.danger >= model.thresholds.danger) {
    return { signal: "model_danger", criterion: closestCriterion(normalizedText, "danger"), color: "orange", words: opinion.evidence, explanation: MODEL_DANGER_EXPLANATION };
  }
  if (rulesColor === "blue" && p.concern >= model.thresholds.concern) {
    return { signal: "model_concern", criterion: closestCriterion(normalizedText, "concern"), color: "yellow", words: opinion.evidence, explanation: MODEL_CONCERN_EXPLANATION };
  }
  return undefined;
}
