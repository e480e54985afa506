// The escalation job's use case; the rule for one step lives in escalation.ts.
import type { CaseContext } from "./case-context.js";
import { escalate } from "./escalation.js";

export function createOverdueEscalation(ctx: CaseContext) {
  const { cases, rules, events, clock } = ctx;

  /** One tick of the escalation job: every overdue unclaimed case one level up. */
  async function escalateOverdue(limit = 200): Promise<{ escalated: string[] }> {
    const now = clock.now();
    const escalated: string[] = [];
    for (const c of await cases.overdue(now, limit)) {
      const step = escalate(rules, c, now);
      if (!step) continue;
      const done = await cases.escalate(
        c.id,
        c.escalationLevel,
        { escalationLevel: step.escalationLevel, ownerRole: step.ownerRole, firstResponseDue: step.firstResponseDue, escalatedAt: now },
        { actorId: null, action: "escalated", detail: { level: step.escalationLevel, ownerTitle: step.ownerTitle, overdueSince: c.firstResponseDue.toISOString() } },
      );
      if (!done) continue;
      escalated.push(c.number);
      await events.publish({
        type: "escalated",
        caseId: c.id,
        number: c.number,
        color: c.color,
        status: c.status,
        townshipId: c.townshipId,
        ownerRole: step.ownerRole,
        at: now.toISOString(),
      });
    }
    return { escalated };
  }

  return { escalateOverdue };
}
