// Who may see and do what: role × jurisdiction. Enforced by the server on every request.
import type { OwnerRole, RiskColor } from "../knowledge/colours.js";
import type { CaseStatus } from "./lifecycle.js";

export const STAFF_ROLES = [
  "operator",
  "mediator",
  "centre_director",
  "township_secretary",
  "political_legal_secretary",
  "admin",
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  operator: "坐席",
  mediator: "调解员",
  centre_director: "中心主任",
  township_secretary: "乡镇书记",
  political_legal_secretary: "政法委书记",
  admin: "系统管理员",
};

export interface Actor {
  id: string;
  role: StaffRole;
  displayName: string;
  /** null: county-wide. */
  townshipId: string | null;
}

/** What access decisions need to know about a case. */
export interface CaseScope {
  townshipId: string | null;
  color: RiskColor;
  status: CaseStatus;
  claimedById: string | null;
  ownerRole: OwnerRole;
}

export type Decision = { ok: true } | { ok: false; reason: string };

const allow: Decision = { ok: true };
const deny = (reason: string): Decision => ({ ok: false, reason });

/** Roles whose view is county-wide whatever their township field says. */
const COUNTY_ROLES: readonly StaffRole[] = ["centre_director", "political_legal_secretary", "admin"];

/** Roles that work cases (claim, record, message, close). */
const CASE_WORKERS: readonly StaffRole[] = ["mediator", "centre_director", "township_secretary", "political_legal_secretary"];

function inJurisdiction(actor: Actor, scope: Pick<CaseScope, "townshipId">): boolean {
  if (COUNTY_ROLES.includes(actor.role) || actor.townshipId === null) return true;
  return scope.townshipId === actor.townshipId;
}

/** The township filter every list query of this actor must carry (null: no filter). */
export function jurisdictionFilter(actor: Actor): string | null {
  return COUNTY_ROLES.includes(actor.role) ? null : actor.townshipId;
}

export function canView(actor: Actor, scope: CaseScope): Decision {
  if (actor.role === "operator") return allow;
  return inJurisdiction(actor, scope) ? allow : deny("该案件不在您的管辖乡镇范围内。");
}

/** Whether a role claims and works cases at all (the console shows 认领 only to them). */
export function claimsCases(role: StaffRole): boolean {
  return CASE_WORKERS.includes(role);
}

export function canClaim(actor: Actor, scope: CaseScope): Decision {
  if (!claimsCases(actor.role)) return deny(`${ROLE_LABELS[actor.role]}不能认领案件。`);
  return inJurisdiction(actor, scope) ? allow : deny("该案件不在您的管辖乡镇范围内。");
}

/** Recording progress, the "六个一", messaging the resident and closing: the claimant or a leader in charge. */
export function canWork(actor: Actor, scope: CaseScope): Decision {
  const view = canView(actor, scope);
  if (!view.ok) return view;
  if (!CASE_WORKERS.includes(actor.role)) return deny(`${ROLE_LABELS[actor.role]}不能办理案件。`);
  if (scope.claimedById === actor.id) return allow;
  if (actor.role === "centre_director" || actor.role === "political_legal_secretary") return allow;
  if (actor.role === "township_secretary" && scope.ownerRole === "township_secretary") return allow;
  return deny(scope.claimedById ? "该案件由其他同事办理，请先联系认领人或中心主任改派。" : "请先认领该案件。");
}

/** Release a claim: the claimant, or a leader who can reassign. */
export function canReassign(actor: Actor, scope: CaseScope): Decision {
  if (scope.claimedById === actor.id) return allow;
  if (actor.role === "centre_director" || actor.role === "political_legal_secretary") {
    return inJurisdiction(actor, scope) ? allow : deny("该案件不在您的管辖范围内。");
  }
  if (actor.role === "township_secretary" && inJurisdiction(actor, scope)) return allow;
  return deny("只有认领人或中心主任、乡镇书记可以退回或改派案件。");
}

/**
 * Changing the colour needs a reason; lowering a red case needs a leader who
 * confirms it explicitly (a missed red is the worst error).
 */
export function canChangeColour(
  actor: Actor,
  scope: CaseScope,
  change: { to: RiskColor; reason: string; confirmLowerRed: boolean },
): Decision {
  const work = canWork(actor, scope);
  if (!work.ok && !(actor.role === "township_secretary" && inJurisdiction(actor, scope))) return work;
  if (change.reason.trim().length < 2) return deny("调整风险颜色必须填写理由。");
  if (scope.color === "red" && change.to !== "red") {
    if (actor.role !== "political_legal_secretary" && actor.role !== "centre_director") {
      return deny("红色案件降级须由政法委书记或中心主任确认。");
    }
    if (!change.confirmLowerRed) return deny("红色案件降级需要您明确确认。");
  }
  return allow;
}

/** Filing a hotline call: operators and case workers (the admin keeps accounts, not cases). */
export function canFileTranscript(actor: Actor): Decision {
  return actor.role === "operator" || CASE_WORKERS.includes(actor.role) ? allow : deny(`${ROLE_LABELS[actor.role]}不能登记来电。`);
}

/**
 * Whether the actor sees the resident's contact details and unmasked story:
 * the person handling the case and the centre director; everyone else sees them masked.
 */
export function seesContact(actor: Actor, scope: CaseScope): boolean {
  return scope.claimedById === actor.id || actor.role === "centre_director";
}

/** Red and orange cases go straight to their owner role: it sees them highlighted at once. */
export function isOwnedBy(actor: Actor, scope: CaseScope): boolean {
  return actor.role === scope.ownerRole && inJurisdiction(actor, scope);
}
