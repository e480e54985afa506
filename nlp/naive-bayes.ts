/**
 * The arithmetic shared by Yizhan's two small naive-Bayes models (domain and risk
 * second opinion): damped scoring, a softmax that is never certain, temperature fitting
 * on held-out folds, and a stable hash for deterministic shuffles.
 */

/** Four decimals: model files stay small and diffs stay readable. */
export function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** FNV-1a: a deterministic order for shuffling examples before the folds. */
export function stableHash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface ScoringModel {
  logPrior: readonly number[];
  logLikelihood: Readonly<Record<string, readonly number[]>>;
  /** Beyond this many known features, evidence is scaled by √(reference / known): long texts are not N independent proofs. */
  evidenceReference?: number | undefined;
}

/** Raw log scores (priors plus damped feature evidence) and how many features the model knew. */
export function dampedLogits(
  model: ScoringModel,
  features: readonly string[],
  weightOf: (feature: string) => number = () => 1,
): { logits: number[]; known: number } {
  const evidence = model.logPrior.map(() => 0);
  let known = 0;
  for (const f of features) {
    const row = model.logLikelihood[f];
    if (!row) continue;
    const w = weightOf(f);
    known += 1;
    for (let i = 0; i < evidence.length; i++) evidence[i]! += w * row[i]!;
  }
  const ref = model.evidenceReference;
  const scale = ref !== undefined && known > ref ? Math.sqrt(ref / known) : 1;
  return { logits: model.logPrior.map((p, i) => p + scale * evidence[i]!), known };
}

/** Softmax at `temperature`, mixed with a uniform `floor` so no probability is 0 or 1. */
export function softmax(logits: readonly number[], temperature: number, floor: number): number[] {
  const scaled = logits.map((l) => l / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => (1 - floor) * (e / sum) + floor / exps.length);
}

/** The temperature (grid from `from` up to 60) minimising the negative log-likelihood of held-out scores. */
export function fitTemperature(held: readonly { logits: readonly number[]; gold: number }[], floor: number, from = 1): number {
  let best = from;
  let bestLoss = Infinity;
  for (let t = from; t <= 60; t *= 1.15) {
    let loss = 0;
    for (const h of held) loss -= Math.log(Math.max(1e-12, softmax(h.logits, t, floor)[h.gold]!));
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return round4(best);
}
