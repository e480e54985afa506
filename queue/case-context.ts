// What every queue use case shares: its ports, the clock, and the load-check-notify steps
// they all begin or end with.
import type { CatalogueLookup } from "./filing.js";
import type { Actor, CaseScope } from "./access.js";
import type { ColourRules } from "../knowledge/colours.js";
import type { CaseStatus } from "./lifecycle.js";
import { fail, ok } from "./outcome.js";
import type { CaseDetail, CaseEventBus, CaseRepository, CaseSummary, Clock, ResidentOutbox, SimilarCaseFinder } from "./ports.js";

export interface CaseServiceDeps {
  cases: CaseRepository;
  rules: ColourRules;
  events: CaseEventBus;
  outbox: ResidentOutbox;
  clock?: Clock;
  catalogue?: CatalogueLookup;
  /** Finds 相似案件 (the optional embeddings reader); absent: the feature is off. */
  similar?: SimilarCaseFinder;
}

/** The deps with the clock settled, handed to each group of use cases. */
export type CaseContext = Omit<CaseServiceDeps, "clock"> & { clock: Clock };

const systemClock: Clock = { now: () => new Date() };

export function caseContextFor(deps: CaseServiceDeps): CaseContext {
  return { ...deps, clock: deps.clock ?? systemClock };
}

/** The fields the access rules decide on. */
export const scopeOf = (c: CaseDetail | CaseSummary): CaseScope => ({
  townshipId: c.townshipId,
  color: c.color,
  status: c.status,
  claimedById: c.claimedById,
  ownerRole: c.ownerRole,
});

export async function notify(
  ctx: CaseContext,
  type: "filed" | "updated" | "escalated" | "resident_message",
  c: CaseSummary | CaseDetail,
  status?: CaseStatus,
) {
  await ctx.events.publish({
    type,
    caseId: c.id,
    number: c.number,
    color: c.color,
    status: status ?? c.status,
    townshipId: c.townshipId,
    ownerRole: c.ownerRole,
    at: ctx.clock.now().toISOString(),
  });
}

/** Loads a case and checks a rule; the not-found and forbidden answers in one place. */
export async function loadCase(
  ctx: CaseContext,
  actor: Actor,
  ref: string,
  rule: (a: Actor, s: CaseScope) => { ok: true } | { ok: false; reason: string },
) {
  const found = await ctx.cases.find(ref);
  if (!found) return fail<CaseDetail>("not_found", "未找到该案件。");
  const decision = rule(actor, scopeOf(found));
  if (!decision.ok) return fail<CaseDetail>("forbidden", decision.reason);
  return ok(found);
}
