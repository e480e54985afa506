/**
 * The one learner behind Yizhan's readers (risk colour, domain, service category): multinomial
 * logistic regression over sparse features, trained by deterministic AdaGrad with L2, calibrated
 * by a temperature fitted on cross-validation folds. Small, fast at inference (a Map lookup per
 * feature), and rebuilds byte-identically from the same data.
 */
import { z } from "zod";

export interface Example<C extends string> {
  features: ReadonlyMap<string, number>;
  label: C;
}

export const LinearModelSchema = z.object({
  kind: z.literal("logistic_regression"),
  version: z.literal(1),
  classes: z.array(z.string()).min(2),
  /** Feature names; the weight of features[i] for classes[c] is int16 i of `weights[c]` (base64) × `scale`. */
  features: z.array(z.string()),
  /** One base64 string of little-endian int16 per class: loads in milliseconds where JSON numbers take a second. */
  weights: z.array(z.string()),
  scale: z.number().positive(),
  bias: z.array(z.number()),
  temperature: z.number().positive(),
  trainedOn: z.object({ examples: z.number().int(), sources: z.array(z.string()) }),
});

export type LinearModelData = z.infer<typeof LinearModelSchema>;

export interface LinearModel<C extends string = string> {
  classes: readonly C[];
  data: LinearModelData;
  /** Calibrated class probabilities, in `classes` order. */
  predict(features: ReadonlyMap<string, number>): number[];
  /** Whether the model has a weight for this feature. */
  knows(feature: string): boolean;
  /** How much a feature favours class `ci` over the best other class (0 when unknown). */
  margin(feature: string, ci: number): number;
}

export interface TrainOptions {
  epochs?: number;
  /** L2 strength per update. */
  l2?: number;
  learningRate?: number;
  /** Features seen in fewer examples are dropped. */
  minCount?: number;
  /** Weigh each class equally whatever its count (for macro-F1: the small studios count as much as "other"). */
  balance?: boolean;
  folds?: number;
  sources?: string[];
}

/** FNV-1a: a deterministic order for shuffling examples. */
export function stableHash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function softmax(logits: readonly number[], temperature = 1): number[] {
  const scaled = logits.map((l) => l / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

interface Raw {
  classes: string[];
  index: Map<string, number>;
  weights: Float64Array[];
  bias: Float64Array;
}

function fit<C extends string>(examples: readonly Example<C>[], classes: readonly C[], o: Required<Omit<TrainOptions, "sources" | "folds">>): Raw {
  const counts = new Map<string, number>();
  for (const ex of examples) for (const f of ex.features.keys()) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts.entries()].filter(([, n]) => n >= o.minCount).map(([f]) => f).sort();
  const index = new Map(names.map((f, i) => [f, i]));
  const k = classes.length;
  const weights = classes.map(() => new Float64Array(names.length));
  const grad2 = classes.map(() => new Float64Array(names.length).fill(1e-8));
  const bias = new Float64Array(k);
  const bias2 = new Float64Array(k).fill(1e-8);
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const perClass = classes.map((c) => examples.filter((e) => e.label === c).length);
  const present = perClass.filter((n) => n > 0).length;
  const weightOf = (ci: number) => (o.balance ? examples.length / (present * Math.max(1, perClass[ci]!)) : 1);
  const rows = examples.map((ex) => ({
    gold: classIndex.get(ex.label)!,
    weight: weightOf(classIndex.get(ex.label)!),
    feats: [...ex.features].flatMap(([f, v]) => (index.has(f) ? [[index.get(f)!, v] as const] : [])),
    key: stableHash([...ex.features.keys()].slice(0, 8).join("|")),
  }));
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = rows.map((r, i) => ({ r, h: stableHash(`${epoch}:${r.key}:${i}`) })).sort((a, b) => a.h - b.h);
    for (const { r } of order) {
      const logits = Array.from(bias);
      for (const [fi, v] of r.feats) for (let c = 0; c < k; c++) logits[c]! += weights[c]![fi]! * v;
      const p = softmax(logits);
      for (let c = 0; c < k; c++) {
        const g = (p[c]! - (c === r.gold ? 1 : 0)) * r.weight;
        bias2[c]! += g * g;
        bias[c]! -= (o.learningRate * g) / Math.sqrt(bias2[c]!);
        const w = weights[c]!;
        const g2 = grad2[c]!;
        for (const [fi, v] of r.feats) {
          const gw = g * v + o.l2 * w[fi]!;
          g2[fi]! += gw * gw;
          w[fi]! -= (o.learningRate * gw) / Math.sqrt(g2[fi]!);
        }
      }
    }
  }
  return { classes: [...classes], index, weights, bias };
}

function logitsOf(raw: Pick<Raw, "index" | "weights" | "bias">, features: ReadonlyMap<string, number>): number[] {
  const logits = Array.from(raw.bias);
  for (const [f, v] of features) {
    const i = raw.index.get(f);
    if (i === undefined) continue;
    for (let c = 0; c < logits.length; c++) logits[c]! += raw.weights[c]![i]! * v;
  }
  return logits;
}

/** Out-of-fold logits for every example (for calibration and for choosing thresholds). */
export function crossValidate<C extends string>(
  examples: readonly Example<C>[],
  classes: readonly C[],
  opts: TrainOptions = {},
): { logits: number[]; gold: number }[] {
  const o = withDefaults(opts);
  const folds = opts.folds ?? 5;
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const fold = examples.map((ex, i) => stableHash(`${i}:${[...ex.features.keys()].slice(0, 4).join("|")}`) % folds);
  const out: { logits: number[]; gold: number }[] = new Array(examples.length);
  for (let f = 0; f < folds; f++) {
    const raw = fit(examples.filter((_, i) => fold[i] !== f), classes, o);
    examples.forEach((ex, i) => {
      if (fold[i] === f) out[i] = { logits: logitsOf(raw, ex.features), gold: classIndex.get(ex.label)! };
    });
  }
  return out;
}

/** The temperature minimising the negative log-likelihood of out-of-fold logits. */
export function fitTemperature(held: readonly { logits: readonly number[]; gold: number }[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.25; t <= 8; t *= 1.05) {
    let loss = 0;
    for (const h of held) loss -= Math.log(Math.max(1e-12, softmax(h.logits, t)[h.gold]!));
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return round(best);
}

function withDefaults(o: TrainOptions): Required<Omit<TrainOptions, "sources" | "folds">> {
  return { epochs: o.epochs ?? 15, l2: o.l2 ?? 1e-4, learningRate: o.learningRate ?? 0.05, minCount: o.minCount ?? 2, balance: o.balance ?? false };
}

/**
 * Trains a calibrated model: cross-validated temperature, then a fit on all examples.
 * Weights are stored as int16 steps of max|w| / 32767 (a resolution far below what changes a colour).
 */
export function trainLinearModel<C extends string>(
  examples: readonly Example<C>[],
  classes: readonly C[],
  opts: TrainOptions = {},
): { data: LinearModelData; heldOut: { logits: number[]; gold: number }[] } {
  const present = classes.filter((c) => examples.some((e) => e.label === c));
  if (present.length < 2) throw new Error("训练数据至少需要两个不同的类别");
  const heldOut = crossValidate(examples, classes, opts);
  const temperature = fitTemperature(heldOut);
  const raw = fit(examples, classes, withDefaults(opts));
  const names = [...raw.index.keys()];
  const maxAbs = Math.max(1e-9, ...raw.weights.map((w) => w.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
  const scale = maxAbs / 32767;
  const quantize = (w: Float64Array): string => {
    const q = new Int16Array(w.length);
    for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i]! / scale);
    return Buffer.from(q.buffer).toString("base64");
  };
  return {
    heldOut,
    data: {
      kind: "logistic_regression",
      version: 1,
      classes: [...classes],
      features: names,
      weights: raw.weights.map(quantize),
      scale,
      bias: Array.from(raw.bias, (b) => round(b)),
      temperature,
      trainedOn: { examples: examples.length, sources: opts.sources ?? [] },
    },
  };
}

/**
 * Feature names → indices, shared by the models of one triager: a message's features are looked up
 * once for all of them (the last map resolved is kept, and features are never changed after the front).
 */
export class FeatureSpace {
  readonly index = new Map<string, number>();
  private last: { features: ReadonlyMap<string, number>; size: number; idx: Int32Array; val: Float64Array } | undefined;

  add(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(name, i);
    }
    return i;
  }

  resolve(features: ReadonlyMap<string, number>): { idx: Int32Array; val: Float64Array } {
    if (this.last && this.last.features === features && this.last.size === this.index.size) return this.last;
    const idx = new Int32Array(features.size);
    const val = new Float64Array(features.size);
    let n = 0;
    const index = this.index;
    // forEach rather than for…of: no [name, value] pair is made for each of a message's features.
    features.forEach((v, f) => {
      const i = index.get(f);
      if (i === undefined) return;
      idx[n] = i;
      val[n++] = v;
    });
    this.last = { features, size: this.index.size, idx: idx.subarray(0, n), val: val.subarray(0, n) };
    return this.last;
  }
}

/** Builds the inference side of a model from its (validated) data, in `space` (a new one by default). */
export function linearModel<C extends string>(data: LinearModelData, space = new FeatureSpace()): LinearModel<C> {
  const k = data.classes.length;
  const slots = data.features.map((f) => space.add(f));
  const n = space.index.size;
  if (data.weights.length !== k) throw new Error("模型文件损坏：权重组数与类别个数不符");
  const columns = data.weights.map((b64) => {
    const bytes = Buffer.from(b64, "base64");
    // Small buffers come from Node's pool at any (odd) offset: those are copied, large ones are read in place.
    // x86 and ARM are little-endian.
    const q =
      bytes.byteOffset % 2 === 0
        ? new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1)
        : new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (q.length !== slots.length || bytes.byteLength % 2 !== 0) throw new Error("模型文件损坏：权重个数与特征个数不符");
    return q;
  });
  // Feature-major (w[i * k + c]): one message's features touch contiguous memory. Filled row by row,
  // so that loading writes the array once from start to end (class by class, it went over it k times).
  // Kept as the stored int16 steps, scaled once per logit: half the memory of floats, so a message's
  // few hundred scattered rows miss the cache half as often (the three models together are ~13 MB as floats).
  const w = new Int16Array(n * k);
  const scale = data.scale;
  for (let j = 0; j < slots.length; j++) {
    const row = slots[j]! * k;
    for (let c = 0; c < k; c++) w[row + c] = columns[c]![j]!;
  }
  const known = new Uint8Array(n);
  for (const i of slots) known[i] = 1;
  const bias = Float64Array.from(data.bias);
  const margin = (i: number, ci: number): number => {
    if (i >= n || !known[i]) return 0;
    let best = -Infinity;
    for (let c = 0; c < k; c++) if (c !== ci) best = Math.max(best, w[i * k + c]!);
    return (w[i * k + ci]! - best) * scale;
  };
  return {
    classes: data.classes as C[],
    data,
    predict(features) {
      const { idx, val } = space.resolve(features);
      // A typed array of logits and the weights in a local: fewer checks in the inner loop (features ×
      // classes, ~10,000 multiply-adds for the category model, the largest loop of a triage).
      const sums = new Float64Array(k);
      const weights = w;
      for (let j = 0; j < idx.length; j++) {
        const i = idx[j]!;
        if (i >= n) continue;
        const base = i * k;
        const v = val[j]!;
        for (let c = 0; c < k; c++) sums[c]! += weights[base + c]! * v;
      }
      const logits = new Array<number>(k);
      for (let c = 0; c < k; c++) logits[c] = bias[c]! + sums[c]! * scale;
      return softmax(logits, data.temperature);
    },
    knows: (feature) => {
      const i = space.index.get(feature);
      return i !== undefined && i < n && known[i] === 1;
    },
    margin: (feature, ci) => {
      const i = space.index.get(feature);
      return i === undefined ? 0 : margin(i, ci);
    },
  };
}

/** Probabilities from out-of-fold logits at a temperature (what `predict` would have said). */
export function calibrated(logits: readonly number[], temperature: number): number[] {
  return softmax(logits, temperature);
}
