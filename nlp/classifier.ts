/**
 * Domain classifier: multinomial naive Bayes over `extractFeatures`, with a temperature
 * fitted by cross-validation so that `confidence` is a calibrated probability, and an
 * explicit unsure outcome carrying the top candidates.
 */
import { z } from "zod";
import { extractFeatures, type DomainLexicon } from "./features.js";
import { dampedLogits, fitTemperature, round4, softmax, stableHash } from "./naive-bayes.js";
import { DOMAINS, type Domain, type DomainCandidate } from "./types.js";

export const MODEL_VERSION = 1;

const DomainSchema = z.enum(DOMAINS);

export const DomainModelSchema = z.object({
  version: z.literal(MODEL_VERSION),
  kind: z.literal("naive_bayes"),
  classes: z.array(DomainSchema).min(2),
  logPrior: z.array(z.number()),
  /** log P(feature | class), one array per feature, in `classes` order. */
  logLikelihood: z.record(z.string(), z.array(z.number())),
  /** log P(unseen feature | class). */
  logUnseen: z.array(z.number()),
  temperature: z.number().positive(),
  /**
   * Evidence of a text with more known features than this is scaled by sqrt(reference / known):
   * naive Bayes counts every character of a long story as independent evidence, which made
   * rambling texts 100% sure. Absent in models trained before it existed (no scaling).
   */
  evidenceReference: z.number().positive().optional(),
  trainedOn: z.object({ examples: z.number().int(), sources: z.array(z.string()), at: z.string() }),
});

export type DomainModel = z.infer<typeof DomainModelSchema>;

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

const ALPHA = 0.5;
const LEXICON_WEIGHT = 3;
/** Known features beyond which evidence is damped (see `evidenceReference`). */
const EVIDENCE_REFERENCE = 16;
/** Share of probability spread evenly over the classes: no outcome is ever certain. */
const PROBABILITY_FLOOR = 0.04;

interface Counts {
  classes: Domain[];
  docCount: number[];
  featureCount: Map<string, number[]>;
  totals: number[];
}

function count(examples: readonly LabelledText[], normalizeText: (t: string) => string, lexicon?: DomainLexicon): Counts {
  const classes = DOMAINS.filter((d) => examples.some((e) => e.domain === d));
  const index = new Map(classes.map((c, i) => [c, i]));
  const docCount = classes.map(() => 0);
  const totals = classes.map(() => 0);
  const featureCount = new Map<string, number[]>();
  for (const ex of examples) {
    const ci = index.get(ex.domain)!;
    docCount[ci]! += 1;
    for (const f of extractFeatures(normalizeText(ex.text), lexicon)) {
      const w = f.startsWith("@") ? LEXICON_WEIGHT : 1;
      let row = featureCount.get(f);
      if (!row) {
        row = classes.map(() => 0);
        featureCount.set(f, row);
      }
      row[ci]! += w;
      totals[ci]! += w;
    }
  }
  return { classes, docCount, featureCount, totals };
}

function toModel(c: Counts, temperature: number, sources: string[]): DomainModel {
  const vocab = c.featureCount.size + 1;
  const n = c.docCount.reduce((a, b) => a + b, 0);
  const denom = c.totals.map((t) => Math.log(t + ALPHA * vocab));
  const logLikelihood: Record<string, number[]> = {};
  for (const [f, row] of c.featureCount) {
    logLikelihood[f] = row.map((v, i) => round4(Math.log(v + ALPHA) - denom[i]!));
  }
  return {
    version: MODEL_VERSION,
    kind: "naive_bayes",
    classes: c.classes,
    // Flattened priors: the centre's mix differs from any training file's mix.
    logPrior: c.classes.map((_, i) => round4(0.3 * Math.log((c.docCount[i]! + 1) / (n + c.classes.length)))),
    logLikelihood,
    logUnseen: denom.map((d) => round4(Math.log(ALPHA) - d)),
    temperature,
    evidenceReference: EVIDENCE_REFERENCE,
    trainedOn: { examples: n, sources, at: new Date().toISOString() },
  };
}

/** Temperature minimising the negative log-likelihood of held-out folds. */
function calibrate(examples: readonly LabelledText[], normalizeText: (t: string) => string, lexicon?: DomainLexicon, folds = 5): number {
  const held: { logits: number[]; gold: number }[] = [];
  for (let k = 0; k < folds; k++) {
    const train = examples.filter((_, i) => i % folds !== k);
    const test = examples.filter((_, i) => i % folds === k);
    const m = toModel(count(train, normalizeText, lexicon), 1, []);
    for (const ex of test) {
      const gold = m.classes.indexOf(ex.domain);
      if (gold < 0) continue;
      held.push({ logits: score(m, extractFeatures(normalizeText(ex.text), lexicon)).logits, gold });
    }
  }
  return fitTemperature(held, PROBABILITY_FLOOR);
}

/** Lexicon cues weigh more than character n-grams. */
function score(model: DomainModel, features: readonly string[]) {
  return dampedLogits(model, features, (f) => (f.startsWith("@") ? LEXICON_WEIGHT : 1));
}

/**
 * Trains a model. Examples are deterministically shuffled (for the calibration folds).
 * @example trainDomainModel([{text:"楼上漏水", domain:"neighbor"}, …], normalize, lexicon)
 */
export function trainDomainModel(
  examples: readonly LabelledText[],
  normalizeText: (t: string) => string,
  lexicon?: DomainLexicon,
  sources: string[] = [],
): DomainModel {
  if (new Set(examples.map((e) => e.domain)).size < 2) throw new Error("训练数据至少需要两个不同的领域");
  const shuffled = [...examples].sort((a, b) => stableHash(a.text) - stableHash(b.text));
  const temperature = calibrate(shuffled, normalizeText, lexicon);
  return toModel(count(shuffled, normalizeText, lexicon), temperature, sources);
}

/**
 * Classifies a normalised text. Unsure when the top probability or the margin is low,
 * or when the text has almost no known features.
 */
export function classifyDomain(
  model: DomainModel,
  normalizedText: string,
  lexicon?: DomainLexicon,
  opts: ClassifyOptions = {},
): Classification {
  const minConfidence = opts.minConfidence ?? 0.55;
  const minMargin = opts.minMargin ?? 0.2;
  const features = extractFeatures(normalizedText, lexicon);
  const { logits, known } = score(model, features);
  const probs = softmax(logits, model.temperature, PROBABILITY_FLOOR);
  const ranked = model.classes
    .map((domain, i) => ({ domain, probability: round4(probs[i]!) }))
    .sort((a, b) => b.probability - a.probability);
  const top = ranked[0]!;
  const second = ranked[1]!;
  const evidence = explain(model, features, model.classes.indexOf(top.domain));
  const unsure = known < 2 || top.probability < minConfidence || top.probability - second.probability < minMargin;
  const candidates = ranked.slice(0, 3);
  if (known < 2) {
    return { kind: "unsure", domain: "other", confidence: top.probability, candidates, evidence: [] };
  }
  return { kind: unsure ? "unsure" : "sure", domain: top.domain, confidence: top.probability, candidates, evidence };
}

/** The features that most favour class `ci` over the others (lexicon words first). */
function explain(model: DomainModel, features: readonly string[], ci: number): string[] {
  const gains = new Map<string, number>();
  for (const f of new Set(features)) {
    const row = model.logLikelihood[f];
    if (!row || f.startsWith("@") && !f.startsWith("@w:")) continue;
    const others = row.filter((_, i) => i !== ci);
    const gain = row[ci]! - Math.max(...others);
    if (gain > 0.5) gains.set(f.replace(/^@w:/, ""), Math.max(gains.get(f) ?? 0, gain + (f.startsWith("@w:") ? 2 : 0)));
  }
  return [...gains.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([f]) => f)
    .filter((f, i, all) => f.length > 1 && !all.slice(0, i).some((g) => g.includes(f)))
    .slice(0, 5);
}
