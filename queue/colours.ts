// What the queue does with a risk colour (the colours themselves, their order and the rubric's
// owner and deadline per colour live in knowledge/colours.ts): the first-response deadline,
// and the escalation ladder that decides who owns a case that nobody answered in time.
import { raisedBy, type ColourPolicy, type ColourRules, type RiskColor } from "../knowledge/colours.js";

/** When the colour's owner must first respond to a case filed (or re-coloured) at `from`. */
export function firstResponseDue(rules: ColourRules, colour: RiskColor, from: Date): Date {
  return new Date(from.getTime() + rules[colour].firstResponseMinutes * 60_000);
}

/**
 * The level a case is escalated to: each step goes one colour up the ladder
 * (blue's owner → yellow's → orange's → red's), never past red.
 * @example escalatedColour("blue", 2) === "orange"
 */
export function escalatedColour(colour: RiskColor, level: number): RiskColor {
  return raisedBy(colour, level);
}

/** Who owns the case now, given its colour and how many times it escalated. */
export function currentOwner(rules: ColourRules, colour: RiskColor, escalationLevel: number): ColourPolicy {
  return rules[escalatedColour(colour, escalationLevel)];
}
