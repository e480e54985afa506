// Builders for queue tests: a triage, a new case, a case service on a repository with
// recorded events and resident messages.
import { colourRulesFromRubric, type ColourRules, type RiskColor } from "../../knowledge/colours.js";
import { loadKnowledge } from "../../knowledge/load.js";
import type { Triage } from "../../nlp/types.js";
import type { NewCase } from "../../queue/case-desk.js";
import { createCaseService } from "../../queue/case-service.js";
import type { CaseEvent, CaseRepository, Clock } from "../../queue/ports.js";
import type { ResidentClaimNotice, ResidentOutboxMessage } from "../../queue/case-desk.js";

let shipped: ColourRules | undefined;
/** Owner and deadline per colour as the shipped rubric sets them (read on first use). */
export function shippedColourRules(): ColourRules {
  shipped ??= colourRulesFromRubric(loadKnowledge().rubric);
  return shipped;
}

export function triageFixture(opts: { domain?: Triage["domain"]; color?: RiskColor; township?: { id: string; name: string } } = {}): Triage {
  const color = opts.color ?? "blue";
  const { owner, ownerTitle } = shippedColourRules()[color];
  return {
    domain: opts.domain ?? "neighbor",
    confidence: 0.8,
    unsure: false,
    candidates: [{ domain: opts.domain ?? "neighbor", probability: 0.8 }],
    risk: {
      color,
      reasons: color === "blue" ? [] : [{ signal: "test", criterion: "test", color, words: ["打架"], explanation: "测试理由" }],
      owner,
      ownerTitle,
    },
    services: [],
    facts: { attempts: [], ...(opts.township ? { township: opts.township } : {}) },
    masked: "",
    pii: [],
    domainEvidence: ["邻居"],
  };
}

export function newCaseFixture(opts: { color?: RiskColor; township?: { id: string; name: string }; residentKey?: string; story?: string } = {}): NewCase {
  const story = opts.story ?? "邻居把排水管接到我家院子里，说了好几次都不改，电话13812345678。";
  return {
    channel: "webchat",
    resident: { key: opts.residentKey ?? "webchat:resident-1", channel: "webchat", displayName: "张先生", phone: "13812345678", preferredContact: "channel", language: "zh" },
    story,
    messages: [{ from: "resident", text: story, at: new Date() }],
    triage: triageFixture(opts),
    urgent: opts.color === "red",
  };
}

export const MIAOJIAPING = { id: "miaojiaping", name: "苗家坪镇" };
export const MATIGOU = { id: "matigou", name: "马蹄沟镇" };

export function recordingService(cases: CaseRepository, clock?: Clock) {
  const events: CaseEvent[] = [];
  const outbox: ResidentOutboxMessage[] = [];
  const claims: ResidentClaimNotice[] = [];
  const service = createCaseService({
    cases,
    rules: shippedColourRules(),
    events: { publish: async (e) => void events.push(e) },
    outbox: {
      send: async (m) => void outbox.push({ ...m, at: m.at.toISOString() }),
      claimed: async (m) => void claims.push({ kind: "claimed", ...m, at: m.at.toISOString() }),
    },
    ...(clock ? { clock } : {}),
  });
  return { service, events, outbox, claims };
}

/**
 * The crisis-mode desk calls on any repository: place and phone set on the case with an audit
 * entry and an "updated" event; bot replies kept in the transcript once per dedupe key.
 */
export async function expectCrisisDeskCalls(cases: CaseRepository, expect: (v: unknown) => { toBe(x: unknown): void; toEqual(x: unknown): void }): Promise<void> {
  const { service, events } = recordingService(cases);
  const filed = await service.fileCase({ ...newCaseFixture({ color: "red", residentKey: `webchat:crisis-${Date.now()}` }), resident: { key: `webchat:crisis-${Date.now()}`, channel: "webchat", preferredContact: "channel", language: "zh" } });
  const before = events.length;
  await service.desk.updateContact(filed.number, { place: { text: "马蹄沟镇盐湾村", townshipId: MATIGOU.id }, phone: "13912345678" });
  await service.desk.updateContact(filed.number, { phone: "13912345678" }); // nothing new: no audit, no event
  await service.desk.appendBotMessages(filed.number, [{ text: "我一直在这里。", at: new Date() }], "k1");
  await service.desk.appendBotMessages(filed.number, [{ text: "我一直在这里。", at: new Date() }], "k1");
  const stored = await cases.find(filed.number);
  expect(stored?.place).toBe("马蹄沟镇盐湾村");
  expect(stored?.townshipId).toBe(MATIGOU.id);
  expect(stored?.residentPhone).toBe("13912345678");
  expect(stored?.preferredContact).toBe("phone");
  expect(stored?.messages.filter((m) => m.author === "bot").map((m) => m.text)).toEqual(["我一直在这里。"]);
  const audit = (await cases.auditTrail(filed.id)).filter((a) => a.action === "contact_updated");
  expect(audit.length).toBe(1);
  expect(audit[0]!.detail).toEqual({ fields: ["place", "phone"], by: "resident" });
  expect(events.slice(before).map((e) => e.type)).toEqual(["updated"]);
  // A later place in another township does not move the case's jurisdiction.
  await service.desk.updateContact(filed.number, { place: { text: "苗家坪镇", townshipId: MIAOJIAPING.id } });
  const moved = await cases.find(filed.number);
  expect(moved?.place).toBe("苗家坪镇");
  expect(moved?.townshipId).toBe(MATIGOU.id);
}
