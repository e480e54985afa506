// Working on a case's record: progress entries and the six-ones fields.
import { canWork, type Actor } from "./access.js";
import { loadCase, notify, type CaseContext } from "./case-context.js";
import { moveCase } from "./case-moves.js";
import { STATUS_LABELS } from "./lifecycle.js";
import { fail, ok, type Outcome } from "./outcome.js";
import type { CaseDetail, SixOnes } from "./ports.js";

export function createCaseRecordUpdates(ctx: CaseContext) {
  const { cases, clock } = ctx;

  async function addProgress(actor: Actor, ref: string, text: string): Promise<Outcome<CaseDetail>> {
    const loaded = await loadCase(ctx, actor, ref, canWork);
    if (!loaded.ok) return loaded;
    let c = loaded.value;
    const entry = text.trim();
    if (entry.length === 0) return fail("invalid", "进度内容不能为空。");
    if (c.status === "claimed") {
      // The first progress entry means mediation has begun.
      const started = await moveCase(ctx, actor, c, { type: "start" }, {}, { auto: "first_progress" });
      if (started.ok) c = started.value;
    } else if (c.status !== "mediating") {
      return fail("conflict", `案件当前状态为“${STATUS_LABELS[c.status]}”，不能再登记进度。`);
    }
    await cases.addProgress(c.id, actor.id, entry, clock.now());
    await notify(ctx, "updated", c);
    return ok(c);
  }

  async function updateRecord(actor: Actor, ref: string, sixOnes: Partial<SixOnes>): Promise<Outcome<CaseDetail>> {
    const loaded = await loadCase(ctx, actor, ref, canWork);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    const clean: Partial<SixOnes> = {};
    for (const [key, value] of Object.entries(sixOnes) as [keyof SixOnes, string | null | undefined][]) {
      if (value === undefined) continue;
      const v = value === null ? null : value.trim();
      clean[key] = v === "" ? null : v;
    }
    await cases.update(c.id, { sixOnes: clean }, { actorId: actor.id, action: "record_updated", detail: { fields: Object.keys(clean) } });
    return ok({ ...c, ...clean });
  }

  return { addProgress, updateRecord };
}
