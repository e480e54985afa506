// Who holds a case and where it is in its life cycle: claim, status moves, reassignment.
import { canClaim, canReassign, canWork, ROLE_LABELS, type Actor } from "./access.js";
import { hasResidentChannel } from "./case-desk.js";
import { loadCase, notify, scopeOf, type CaseContext } from "./case-context.js";
import { firstResponseDue } from "./colours.js";
import { STATUS_LABELS, transition, type CaseEvent as LifecycleEvent } from "./lifecycle.js";
import { fail, ok, type Outcome } from "./outcome.js";
import type { CaseDetail, CaseRepository } from "./ports.js";

/** Outcome events a person may ask for from the console or the API. */
export type StatusRequest =
  | { event: "start" }
  | { event: "resolve" | "refer" | "fail"; outcome: string }
  | { event: "follow_up" }
  | { event: "close"; satisfaction: number; note?: string }
  | { event: "reopen"; reason: string }
  | { event: "release" };

/** One life-cycle step, stored only if nobody moved the case first; audited and announced. */
export async function moveCase(
  ctx: CaseContext,
  actor: Actor,
  c: CaseDetail,
  event: LifecycleEvent,
  patch: Parameters<CaseRepository["move"]>[3],
  detail: Record<string, unknown>,
) {
  const next = transition(c.status, event);
  if (!next.ok) return fail<CaseDetail>("conflict", next.reason);
  const action = event.type === "release" ? "released" : "status_changed";
  const moved = await ctx.cases.move(c.id, c.status, next.status, patch, {
    actorId: actor.id,
    action,
    detail: { from: c.status, to: next.status, ...detail },
  });
  if (!moved) return fail<CaseDetail>("conflict", "案件刚被其他同事更新，请刷新后再试。");
  await notify(ctx, "updated", c, next.status);
  return ok({ ...c, status: next.status });
}

/** The resident hears who took their case, when they have a channel to hear it on (a hotline caller has none). */
async function tellResident(ctx: CaseContext, c: CaseDetail, person: Actor): Promise<void> {
  if (!hasResidentChannel(c)) return;
  await ctx.outbox.claimed({ residentKey: c.residentKey, caseNumber: c.number, fromLabel: `${ROLE_LABELS[person.role]} ${person.displayName}`, at: ctx.clock.now() });
}

export function createCaseMoves(ctx: CaseContext) {
  const { cases, rules, clock } = ctx;

  async function claim(actor: Actor, ref: string): Promise<Outcome<CaseDetail>> {
    const loaded = await loadCase(ctx, actor, ref, canClaim);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    if (c.claimedById !== null && c.claimedById !== actor.id) {
      return fail("conflict", `该案件已被${c.claimedByName ?? "其他同事"}认领。`);
    }
    // Claimed again by the one who has it (a second tab, a double tap): it is theirs, nothing to change or tell.
    if (c.claimedById === actor.id && c.status === "claimed") return ok(c);
    const moved = transition(c.status, { type: "claim" });
    if (!moved.ok) return fail("conflict", moved.reason);
    const result = await cases.claim(c.id, actor.id, clock.now());
    if (!result.ok) {
      return fail(
        "conflict",
        result.claimedByName ? `该案件已被${result.claimedByName}认领。` : `案件状态已变为“${STATUS_LABELS[result.status]}”，无法认领。`,
      );
    }
    await notify(ctx, "updated", c, "claimed");
    await tellResident(ctx, c, actor);
    return ok({ ...c, status: "claimed", claimedById: actor.id, claimedByName: actor.displayName });
  }

  async function changeStatus(actor: Actor, ref: string, request: StatusRequest): Promise<Outcome<CaseDetail>> {
    const loaded = await loadCase(ctx, actor, ref, request.event === "release" ? canReassign : canWork);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    const now = clock.now();
    switch (request.event) {
      case "start":
        return moveCase(ctx, actor, c, { type: "start" }, {}, {});
      case "release":
        return moveCase(ctx, actor, c, { type: "release" }, { claimedById: null, claimedAt: null }, {});
      case "resolve":
      case "refer":
      case "fail": {
        if (request.outcome.trim().length < 2) return fail("invalid", "请填写处理结果。");
        return moveCase(ctx, actor, c, { type: request.event }, { outcome: request.outcome.trim() }, { outcome: request.outcome.trim() });
      }
      case "follow_up":
        return moveCase(ctx, actor, c, { type: "follow_up" }, {}, {});
      case "close": {
        if (!Number.isInteger(request.satisfaction) || request.satisfaction < 1 || request.satisfaction > 5) {
          return fail("invalid", "满意度应为 1 到 5 的整数。");
        }
        // A result reported to the parties goes through the satisfaction visit first.
        let current = c;
        if (current.status !== "follow_up") {
          const visit = await moveCase(ctx, actor, current, { type: "follow_up" }, {}, {});
          if (!visit.ok) return visit;
          current = visit.value;
        }
        return moveCase(
          ctx,
          actor,
          current,
          { type: "close" },
          { satisfaction: request.satisfaction, closedAt: now },
          { satisfaction: request.satisfaction, note: request.note ?? null },
        );
      }
      case "reopen": {
        if (request.reason.trim().length < 2) return fail("invalid", "重新办理需要填写原因。");
        const policy = rules[c.color];
        return moveCase(
          ctx,
          actor,
          c,
          { type: "reopen" },
          { claimedById: null, claimedAt: null, closedAt: null, firstResponseDue: firstResponseDue(rules, c.color, now), ownerRole: policy.owner, escalationLevel: 0 },
          { reason: request.reason.trim() },
        );
      }
    }
  }

  async function reassign(actor: Actor, ref: string, toStaff: Actor): Promise<Outcome<CaseDetail>> {
    const loaded = await loadCase(ctx, actor, ref, canReassign);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    if (c.status !== "claimed" && c.status !== "mediating") return fail("conflict", "只有办理中的案件可以改派。");
    const target = canClaim(toStaff, scopeOf(c));
    if (!target.ok) return fail("invalid", `不能改派给${toStaff.displayName}：${target.reason}`);
    await cases.update(
      c.id,
      { claimedById: toStaff.id, claimedAt: clock.now() },
      { actorId: actor.id, action: "reassigned", detail: { from: c.claimedById, to: toStaff.id, toName: toStaff.displayName } },
    );
    await notify(ctx, "updated", c);
    await tellResident(ctx, c, toStaff);
    return ok({ ...c, claimedById: toStaff.id, claimedByName: toStaff.displayName });
  }

  return { claim, changeStatus, reassign };
}
