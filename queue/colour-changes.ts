// Colour changes: a person re-grading a case, or a resident's later message raising it.
import type { RiskAssessment } from "../nlp/types.js";
import { canChangeColour, canView, type Actor } from "./access.js";
import { notify, scopeOf, type CaseContext } from "./case-context.js";
import { isLower, type RiskColor } from "../knowledge/colours.js";
import { firstResponseDue } from "./colours.js";
import { fail, ok, type Outcome } from "./outcome.js";
import type { CaseDetail } from "./ports.js";

/** A resident's later message raised the danger: the colour goes up at once, audited, by no person. */
export async function raiseColourFromMessage(ctx: CaseContext, found: CaseDetail, risk: RiskAssessment): Promise<void> {
  await raiseColour(ctx, found, risk.color, {
    reason: "居民后续消息出现新的风险信号",
    signals: risk.reasons.map((r) => ({ criterion: r.criterion, words: r.words })),
  });
}

/**
 * Raises a case's colour by no person (a resident's message, a machine reading): the owner and the
 * deadline follow the new colour at once, the change is audited and published like any other.
 */
export async function raiseColour(ctx: CaseContext, found: CaseDetail, to: RiskColor, detail: { reason: string; signals: { criterion: string; words: string[] }[]; model?: string }): Promise<void> {
  const { rules } = ctx;
  const patch = {
    color: to,
    ownerRole: rules[to].owner,
    escalationLevel: 0,
    firstResponseDue: new Date(Math.min(found.firstResponseDue.getTime(), firstResponseDue(rules, to, ctx.clock.now()).getTime())),
  };
  await ctx.cases.update(found.id, patch, {
    actorId: null,
    action: "colour_changed",
    detail: { from: found.color, to, kind: "raised", ...detail },
  });
  await notify(ctx, "updated", { ...found, ...patch });
}

export function createColourChanges(ctx: CaseContext) {
  const { cases, rules, clock } = ctx;

  async function changeColour(
    actor: Actor,
    ref: string,
    change: { to: RiskColor; reason: string; confirmLowerRed?: boolean },
  ): Promise<Outcome<CaseDetail>> {
    const found = await cases.find(ref);
    if (!found) return fail("not_found", "未找到该案件。");
    const view = canView(actor, scopeOf(found));
    if (!view.ok) return fail("forbidden", view.reason);
    const decision = canChangeColour(actor, scopeOf(found), { ...change, confirmLowerRed: change.confirmLowerRed === true });
    if (!decision.ok) return fail(change.reason.trim().length < 2 ? "invalid" : "forbidden", decision.reason);
    const now = clock.now();
    const policy = rules[change.to];
    const confirmed = change.to === found.color ? "confirmed" : isLower(change.to, found.color) ? "lowered" : "raised";
    const patch =
      change.to === found.color
        ? {}
        : {
            color: change.to,
            ownerRole: policy.owner,
            escalationLevel: 0,
            // Raising shortens the deadline; lowering keeps the earlier one if it is sooner.
            firstResponseDue: new Date(Math.min(firstResponseDue(rules, change.to, found.createdAt).getTime(), Math.max(found.firstResponseDue.getTime(), now.getTime()))),
          };
    await cases.update(found.id, patch, {
      actorId: actor.id,
      action: "colour_changed",
      detail: {
        from: found.color,
        to: change.to,
        kind: confirmed,
        reason: change.reason.trim(),
        ...(found.color === "red" && change.to !== "red" ? { lowerRedConfirmedBy: actor.displayName } : {}),
      },
    });
    const updated = { ...found, ...patch };
    await notify(ctx, "updated", updated);
    return ok(updated);
  }

  return { changeColour };
}
