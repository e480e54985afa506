// Deadlines and escalation: an unclaimed case past its first-response deadline goes
// one level up the ladder (blue's owner → … → red's owner) with a fresh deadline.
import { RISK_COLORS, type ColourRules, type OwnerRole, type RiskColor } from "../knowledge/colours.js";
import { currentOwner, escalatedColour, firstResponseDue } from "./colours.js";
import type { CaseStatus } from "./lifecycle.js";

export interface DeadlineView {
  status: CaseStatus;
  color: RiskColor;
  firstResponseDue: Date;
  escalationLevel: number;
}

/** An open case that nobody has answered in time; shown highlighted in the console. */
export function isOverdue(c: DeadlineView, now: Date): boolean {
  return c.status === "queued" && c.firstResponseDue.getTime() <= now.getTime();
}

export interface EscalationStep {
  escalationLevel: number;
  ownerRole: OwnerRole;
  ownerTitle: string;
  firstResponseDue: Date;
}

/**
 * The next step for an overdue unclaimed case, or null (not overdue, already at the top).
 * @example escalate(rules, { status: "queued", color: "blue", escalationLevel: 0, firstResponseDue: past }, now)
 *   // → { escalationLevel: 1, ownerRole: "centre_director", … }
 */
export function escalate(rules: ColourRules, c: DeadlineView, now: Date): EscalationStep | null {
  if (!isOverdue(c, now)) return null;
  const atTop = escalatedColour(c.color, c.escalationLevel) === RISK_COLORS[0];
  if (atTop) return null;
  const level = c.escalationLevel + 1;
  const owner = currentOwner(rules, c.color, level);
  return {
    escalationLevel: level,
    ownerRole: owner.owner,
    ownerTitle: owner.ownerTitle,
    firstResponseDue: firstResponseDue(rules, escalatedColour(c.color, level), now),
  };
}

/** Minutes left before the deadline (negative when overdue), for the console's badges. */
export function minutesLeft(c: Pick<DeadlineView, "firstResponseDue">, now: Date): number {
  return Math.floor((c.firstResponseDue.getTime() - now.getTime()) / 60_000);
}
