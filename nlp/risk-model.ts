/**
 * The learned risk reader: a calibrated logistic regression over the front's features
 * (nlp/text-features.ts), trained on the project's corpus. Its colour is the one with the
 * lowest expected cost under `RISK_COSTS`: a missed red costs far more than a false orange,
 * so a modest probability of red is enough to colour red.
 */
import { LinearModelSchema, linearModel, type FeatureSpace, type LinearModel, type LinearModelData } from "./linear-model.js";
import type { RiskColor } from "./types.js";

/** The model's class order (least to most urgent). */
export const RISK_CLASSES = ["blue", "yellow", "orange", "red"] as const satisfies readonly RiskColor[];

/**
 * What a wrong colour costs, by true colour (rows) and given colour (columns). A red coloured
 * blue or yellow reaches nobody in time (100); coloured orange it still reaches the township
 * secretary within 4 hours, not the county within 1 (12). A calm case coloured red takes the
 * county's attention from real reds (15); an orange one coloured red costs less (3). A calm case
 * coloured orange sends the township secretary to a dispute a mediator would handle (6 for blue,
 * 3 for yellow). Chosen on the corpus's own out-of-fold predictions (`yizhan train-risk` prints
 * them): with the hard rules, 95.0% of reds red, 1 of about 2,900 reds below orange, 4.1% of calm
 * messages red and 24% orange there.
 */
export const RISK_COSTS: Readonly<Record<RiskColor, Readonly<Record<RiskColor, number>>>> = {
  red: { blue: 100, yellow: 100, orange: 12, red: 0 },
  orange: { blue: 10, yellow: 6, orange: 0, red: 3 },
  yellow: { blue: 2, yellow: 0, orange: 3, red: 15 },
  blue: { blue: 0, yellow: 1, orange: 6, red: 15 },
};

export const RiskModelSchema = LinearModelSchema.refine((m) => m.classes.join() === RISK_CLASSES.join(), {
  message: "风险模型的类别应为 blue, yellow, orange, red",
});

export type RiskModel = LinearModel<RiskColor>;

export function riskModel(data: unknown, space?: FeatureSpace): RiskModel {
  return linearModel<RiskColor>(RiskModelSchema.parse(data) as LinearModelData, space);
}

export type RiskProbabilities = Record<RiskColor, number>;

export function toProbabilities(p: readonly number[]): RiskProbabilities {
  return { blue: p[0]!, yellow: p[1]!, orange: p[2]!, red: p[3]! };
}

/** The colour with the lowest expected cost. */
export function decideColour(p: RiskProbabilities, costs = RISK_COSTS): RiskColor {
  let best: RiskColor = "blue";
  let bestCost = Infinity;
  for (const given of RISK_CLASSES) {
    let cost = 0;
    for (const truth of RISK_CLASSES) cost += p[truth] * costs[truth][given];
    // Ties go to the more urgent colour (later in RISK_CLASSES).
    if (cost <= bestCost) {
      bestCost = cost;
      best = given;
    }
  }
  return best;
}

/**
 * The smallest probability of red that makes `decideColour` say red when the rest is spread as
 * in `rest` (shown in `yizhan eval` and the README so a centre can see what its costs imply).
 */
export function redThreshold(rest: Omit<RiskProbabilities, "red">, costs = RISK_COSTS): number {
  const total = rest.blue + rest.yellow + rest.orange;
  for (let pr = 0; pr <= 1; pr += 0.005) {
    const scale = (1 - pr) / total;
    const p: RiskProbabilities = { red: pr, blue: rest.blue * scale, yellow: rest.yellow * scale, orange: rest.orange * scale };
    if (decideColour(p, costs) === "red") return Math.round(pr * 1000) / 1000;
  }
  return 1;
}
