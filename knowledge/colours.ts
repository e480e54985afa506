/**
 * The four risk colours (红橙黄蓝四色管控), defined once: their order of urgency, their short
 * Chinese names, and the owner and first-response time of each as the centre's rubric
 * (knowledge/data/rubric.yaml) sets them. Every other module asks this one.
 */
import type { OwnerRole, RiskColor, RiskLevel } from "./types.js";

export type { OwnerRole, RiskColor };

/** Most urgent first; also the order of the PostgreSQL enum. */
export const RISK_COLORS = ["red", "orange", "yellow", "blue"] as const satisfies readonly RiskColor[];

export const COLOUR_LABELS: Readonly<Record<RiskColor, string>> = { red: "红色", orange: "橙色", yellow: "黄色", blue: "蓝色" };

/**
 * The role that must own each colour. The rubric names the owner (and its title and deadline);
 * this is the contract it is checked against (knowledge/validate.ts), because staff access
 * (queue/access.ts) is written for these roles.
 */
export const COLOUR_OWNERS: Readonly<Record<RiskColor, OwnerRole>> = {
  red: "political_legal_secretary",
  orange: "township_secretary",
  yellow: "centre_director",
  blue: "mediator",
};

/** 0 for red (most urgent) to 3 for blue. */
export function colourRank(colour: RiskColor): number {
  return RISK_COLORS.indexOf(colour);
}

/** True when `a` is less urgent than `b`. */
export function isLower(a: RiskColor, b: RiskColor): boolean {
  return colourRank(a) > colourRank(b);
}

/** The more urgent of two colours. */
export function maxColor(a: RiskColor, b: RiskColor): RiskColor {
  return isLower(a, b) ? b : a;
}

/** Up the ladder by `steps` colours (blue → yellow → orange → red), never past red. */
export function raisedBy(colour: RiskColor, steps: number): RiskColor {
  return RISK_COLORS[Math.max(0, colourRank(colour) - Math.max(0, steps))] ?? "red";
}

export interface ColourPolicy {
  owner: OwnerRole;
  ownerTitle: string;
  firstResponseMinutes: number;
}

/** Owner and deadline per colour, read from the rubric. */
export type ColourRules = Readonly<Record<RiskColor, ColourPolicy>>;

/** The rubric's owner and first-response time per colour; fails fast when a colour is missing. */
export function colourRulesFromRubric(rubric: readonly RiskLevel[]): ColourRules {
  const find = (colour: RiskColor): ColourPolicy => {
    const level = rubric.find((l) => l.color === colour);
    if (!level) throw new Error(`risk rubric has no ${colour} level`);
    return { owner: level.owner, ownerTitle: level.ownerTitle, firstResponseMinutes: level.firstResponseMinutes };
  };
  return { red: find("red"), orange: find("orange"), yellow: find("yellow"), blue: find("blue") };
}
