// The four risk colours (红橙黄蓝四色管控): queue order, owner role and first-response
// deadline per colour (from the centre's rubric), and the escalation ladder.
import type { OwnerRole, RiskColor, RiskLevel } from "../knowledge/types.js";

export type { OwnerRole, RiskColor };

/** Most urgent first; also the order of the PostgreSQL enum. */
export const COLOUR_ORDER: readonly RiskColor[] = ["red", "orange", "yellow", "blue"];

export const COLOUR_LABELS: Record<RiskColor, string> = { red: "红色", orange: "橙色", yellow: "黄色", blue: "蓝色" };

export function colourRank(colour: RiskColor): number {
  return COLOUR_ORDER.indexOf(colour);
}

/** True when `a` is less urgent than `b`. */
export function isLower(a: RiskColor, b: RiskColor): boolean {
  return colourRank(a) > colourRank(b);
}

export interface ColourPolicy {
  owner: OwnerRole;
  ownerTitle: string;
  firstResponseMinutes: number;
}

/** Owner and deadline per colour, read from the rubric; fails fast when a colour is missing. */
export type ColourRules = Record<RiskColor, ColourPolicy>;

export const DEFAULT_COLOUR_RULES: ColourRules = {
  red: { owner: "political_legal_secretary", ownerTitle: "政法委书记", firstResponseMinutes: 60 },
  orange: { owner: "township_secretary", ownerTitle: "乡镇书记", firstResponseMinutes: 240 },
  yellow: { owner: "centre_director", ownerTitle: "中心主任", firstResponseMinutes: 1440 },
  blue: { owner: "mediator", ownerTitle: "调解员", firstResponseMinutes: 4320 },
};

export function colourRulesFromRubric(rubric: readonly RiskLevel[]): ColourRules {
  const find = (colour: RiskColor): ColourPolicy => {
    const level = rubric.find((l) => l.color === colour);
    if (!level) throw new Error(`risk rubric has no ${colour} level`);
    return { owner: level.owner, ownerTitle: level.ownerTitle, firstResponseMinutes: level.firstResponseMinutes };
  };
  return { red: find("red"), orange: find("orange"), yellow: find("yellow"), blue: find("blue") };
}

export function firstResponseDue(rules: ColourRules, colour: RiskColor, from: Date): Date {
  return new Date(from.getTime() + rules[colour].firstResponseMinutes * 60_000);
}

/**
 * The level a case is escalated to: each step goes one colour up the ladder
 * (blue's owner → yellow's → orange's → red's), never past red.
 * @example escalatedColour("blue", 2) === "orange"
 */
export function escalatedColour(colour: RiskColor, level: number): RiskColor {
  const index = Math.max(0, colourRank(colour) - Math.max(0, level));
  return COLOUR_ORDER[index] ?? "red";
}

/** Who owns the case now, given its colour and how many times it escalated. */
export function currentOwner(rules: ColourRules, colour: RiskColor, escalationLevel: number): ColourPolicy {
  return rules[escalatedColour(colour, escalationLevel)];
}
