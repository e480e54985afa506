// Staff writing to the resident: kept on the case, delivered through the resident's channel.
import { canWork, ROLE_LABELS, type Actor } from "./access.js";
import { loadCase, type CaseContext } from "./case-context.js";
import { fail, ok, type Outcome } from "./outcome.js";

export function createResidentMessaging(ctx: CaseContext) {
  const { cases, clock } = ctx;

  async function messageResident(actor: Actor, ref: string, text: string): Promise<Outcome<{ delivered: true }>> {
    const loaded = await loadCase(ctx, actor, ref, canWork);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    const body = text.trim();
    if (body.length === 0) return fail("invalid", "消息内容不能为空。");
    const at = clock.now();
    await cases.addMessage(c.id, { author: "staff", staffId: actor.id, text: body, at }, {
      actorId: actor.id,
      action: "message_sent",
      detail: { channel: c.channel, length: body.length },
    });
    await ctx.outbox.send({
      residentKey: c.residentKey,
      caseNumber: c.number,
      text: body,
      fromLabel: `${ROLE_LABELS[actor.role]} ${actor.displayName}`,
      at,
    });
    return ok({ delivered: true });
  }

  return { messageResident };
}
