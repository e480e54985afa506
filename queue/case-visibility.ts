// One rule for what a staff member gets back of a case, whichever use case answers:
// opening it, or the case returned after claiming, recording, moving or recolouring it.
import { seesContact, type Actor } from "./access.js";
import { scopeOf } from "./case-context.js";
import { maskAudit, maskCase } from "./masking.js";
import type { Outcome } from "./outcome.js";
import type { AuditEntry, CaseDetail } from "./ports.js";

/** The case as this actor may see it, and whether contact details are shown. */
export function caseSeenBy(actor: Actor, detail: CaseDetail): { case: CaseDetail; contactVisible: boolean } {
  const visible = seesContact(actor, scopeOf(detail));
  return { case: visible ? detail : maskCase(detail), contactVisible: visible };
}

/** The audit trail masked like the case it belongs to. */
export function auditSeenBy(actor: Actor, detail: CaseDetail, audit: AuditEntry[]): AuditEntry[] {
  return seesContact(actor, scopeOf(detail)) ? audit : maskAudit(audit);
}

/** Wraps a use case that answers with the case so that its answer is masked for the actor. */
export function answeredAsSeen<Args extends unknown[]>(
  useCase: (actor: Actor, ...args: Args) => Promise<Outcome<CaseDetail>>,
): (actor: Actor, ...args: Args) => Promise<Outcome<CaseDetail>> {
  return async (actor, ...args) => {
    const outcome = await useCase(actor, ...args);
    return outcome.ok ? { ...outcome, value: caseSeenBy(actor, outcome.value).case } : outcome;
  };
}
