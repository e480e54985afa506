// A person takes a case: the resident is told on their own channel, once per claim, in their
// language; the notice is kept before it is sent (a restart or a failed send loses nothing), the
// transcript says it only once it was sent, and a hotline caller is told nothing.
import { describe, expect, it } from "vitest";
import { ClaimNotices } from "../../../adapters/intake/claim-notices.js";
import { createDialogueDeps } from "../../../adapters/intake/dialogue-deps.js";
import { createIntake, type Intake } from "../../../adapters/intake/intake.js";
import { relayStaffMessages } from "../../../adapters/intake/outbox-relay.js";
import { storeResidentOutbox } from "../../../adapters/runtime/queue-runtime.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import type { OutboundMessage } from "../../../bot/types.js";
import type { Actor } from "../../../queue/access.js";
import { createCaseService } from "../../../queue/case-service.js";
import { createMemoryCaseRepository } from "../../../queue/memory-case-repository.js";
import { newCaseFixture, shippedColourRules } from "../../support/queue-fixtures.js";
import { nlp, silentLogger } from "../../support/conversations.js";

const mediator: Actor = { id: "staff-li", role: "mediator", displayName: "李明", townshipId: null };
const other: Actor = { id: "staff-wang", role: "mediator", displayName: "王芳", townshipId: null };
const director: Actor = { id: "staff-zhao", role: "centre_director", displayName: "赵主任", townshipId: null };

/** The queue's real case service with the store's outbox (as `serve` wires it), and an intake over it. */
function centre(store = new MemoryStore(), cases = createMemoryCaseRepository({ name: (id) => ({ "staff-li": "李明", "staff-wang": "王芳" })[id] ?? null })) {
  const service = createCaseService({ cases, rules: shippedColourRules(), events: { publish: async () => undefined }, outbox: storeResidentOutbox(store), catalogue: nlp().knowledge });
  const newIntake = () => {
    const { knowledge, triager } = nlp();
    return createIntake({ store, caseDesk: service.desk, dialogue: createDialogueDeps({ knowledge, triager }), logger: silentLogger() });
  };
  return { store, cases, service, newIntake };
}

/** A resident who told their story on `channel` and got a case number. */
async function filedResident(intake: Intake, residentKey: string, language: "zh" | "en" = "zh"): Promise<string> {
  const who = { residentKey, channel: residentKey.split(":")[0] as "webchat" | "telegram" };
  if (language === "en") await intake.handle(who, { kind: "text", text: "/lang en" });
  else await intake.handle(who, { kind: "text", text: "你好" });
  await intake.handle(who, { kind: "button", value: "consent:yes" });
  const replies = await intake.handle(who, { kind: "text", text: "转人工" });
  const more = await intake.handle(who, { kind: "text", text: "邻居家的狗天天半夜叫，吵得我睡不着，我住马蹄沟镇盐湾村" });
  const number = /ZZ-\d{4}-\d+/.exec([...replies, ...more].map((r) => r.text).join("\n"))?.[0];
  if (!number) throw new Error("no case number");
  return number;
}

const texts = (replies: readonly OutboundMessage[]) => replies.map((r) => r.text).join("\n");

describe("telling the resident that a person has taken the case", () => {
  it("a claim reaches the resident's channel once, through the relay, and the transcript keeps it after it was sent", async () => {
    const { store, service, cases, newIntake } = centre();
    const intake = newIntake();
    const number = await filedResident(intake, "webchat:claim-1");
    const sent: { residentKey: string; replies: OutboundMessage[]; keptBefore: boolean }[] = [];
    await relayStaffMessages({
      store,
      intake,
      logger: silentLogger(),
      channel: "webchat",
      deliver: async (residentKey, replies) => {
        const stored = await cases.find(number);
        sent.push({ residentKey, replies, keptBefore: stored!.messages.some((m) => m.author === "bot" && m.text.includes("已经接手")) });
      },
    });
    const claimed = await service.claim(mediator, number);
    expect(claimed.ok).toBe(true);
    await settle(() => sent.length > 0 && new ClaimNotices(store).list().then((l) => l.length === 0));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.residentKey).toBe("webchat:claim-1");
    expect(texts(sent[0]!.replies)).toContain(`中心工作人员（调解员 李明）已经接手您的案件 ${number}`);
    // Never said to have been sent before it was: the transcript line came after the send.
    expect(sent[0]!.keptBefore).toBe(false);
    const stored = await cases.find(number);
    expect(stored!.messages.filter((m) => m.author === "bot" && m.text.includes("已经接手"))).toHaveLength(1);
    // Nothing left to send: another round sends nothing again.
    expect(await intake.deliverPendingClaimNotices("webchat", async () => void sent.push({ residentKey: "again", replies: [], keptBefore: false }), 0)).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it("kept before it is sent: after a restart with nobody listening, the next process's recovery round sends it", async () => {
    const { store, service, newIntake } = centre();
    const number = await filedResident(newIntake(), "telegram:4401");
    // The claim is made while no channel process listens (they are restarting).
    expect((await service.claim(mediator, number)).ok).toBe(true);
    expect(await new ClaimNotices(store).list()).toHaveLength(1);
    const restarted = newIntake();
    const sent: OutboundMessage[] = [];
    // A web chat process does not send a Telegram resident's notice.
    expect(await restarted.deliverPendingClaimNotices("webchat", async (_k, r) => void sent.push(...r), 0)).toBe(0);
    expect(await restarted.deliverPendingClaimNotices("telegram", async (_k, r) => void sent.push(...r), 0)).toBe(1);
    expect(texts(sent)).toContain("调解员 李明");
    expect(await new ClaimNotices(store).list()).toEqual([]);
  });

  it("a send that fails keeps the notice; the next try sends the same words and the turn is not played twice", async () => {
    const { store, service, cases, newIntake } = centre();
    const intake = newIntake();
    const number = await filedResident(intake, "webchat:claim-3");
    await service.claim(mediator, number);
    const [pending] = await new ClaimNotices(store).list();
    const id = `claim:${pending!.notice.caseNumber}|${pending!.notice.fromLabel}|${pending!.notice.at}`;
    await expect(intake.deliverClaimNotice(id, async () => { throw new Error("socket closed"); })).rejects.toThrow("socket closed");
    expect(await new ClaimNotices(store).list()).toHaveLength(1);
    expect((await cases.find(number))!.messages.some((m) => m.author === "bot" && m.text.includes("已经接手"))).toBe(false);
    const sent: OutboundMessage[][] = [];
    expect(await intake.deliverClaimNotice(id, async (_k, r) => void sent.push(r))).toBe(true);
    expect(await intake.deliverClaimNotice(id, async (_k, r) => void sent.push(r))).toBe(false);
    expect(sent).toHaveLength(1);
    expect(texts(sent[0]!)).toContain("已经接手您的案件");
    expect((await intake.sessions.load("webchat:claim-3")).session?.claimedBy).toBe("调解员 李明");
  });

  it("each claim is its own notice: a reassignment tells the resident who is responsible now", async () => {
    const { store, service, newIntake } = centre();
    const intake = newIntake();
    const number = await filedResident(intake, "webchat:claim-4");
    await service.claim(mediator, number);
    await service.reassign(director, number, other);
    const sent: OutboundMessage[] = [];
    expect(await intake.deliverPendingClaimNotices("webchat", async (_k, r) => void sent.push(...r), 0)).toBe(2);
    expect(sent.map((r) => r.text)).toEqual([expect.stringContaining("调解员 李明"), expect.stringContaining("调解员 王芳")]);
    expect(await new ClaimNotices(store).list()).toEqual([]);
  });

  it("a notice no process of its channel could send within a conversation's lifetime is dropped, not kept forever", async () => {
    const { store, newIntake } = centre();
    const intake = newIntake();
    const long = new Date(Date.parse("2026-01-01T00:00:00Z")).toISOString();
    await new ClaimNotices(store).add({ kind: "claimed", residentKey: "telegram:5501", caseNumber: "ZZ-2026-000099", fromLabel: "调解员 李明", at: long });
    const sent: OutboundMessage[] = [];
    expect(await intake.deliverPendingClaimNotices("webchat", async (_k, r) => void sent.push(...r), 0)).toBe(0);
    expect(sent).toEqual([]);
    expect(await new ClaimNotices(store).list()).toEqual([]);
  });

  it("in English for a resident who chose English", async () => {
    const { service, newIntake } = centre();
    const intake = newIntake();
    const number = await filedResident(intake, "webchat:claim-5", "en");
    await service.claim(mediator, number);
    const sent: OutboundMessage[] = [];
    await intake.deliverPendingClaimNotices("webchat", async (_k, r) => void sent.push(...r), 0);
    expect(texts(sent)).toContain(`has taken over your case ${number}`);
  });

  it("a hotline caller has no channel: nothing is kept or sent, and nothing says they were told", async () => {
    const { store, service } = centre();
    const hotline = { ...newCaseFixture({ residentKey: "hotline:13812345678" }), channel: "hotline" as const };
    const filed = await service.fileCase({ ...hotline, resident: { ...hotline.resident, key: "hotline:13812345678", channel: "hotline" } });
    const published: string[] = [];
    await store.subscribe("resident-outbox", (m) => void published.push(m));
    expect((await service.claim(mediator, filed.number)).ok).toBe(true);
    expect(await new ClaimNotices(store).list()).toEqual([]);
    expect(published).toEqual([]);
  });
});

/** Polls a condition a few times (the relay's pub/sub hands on asynchronously); no clock involved. */
async function settle(check: () => boolean | Promise<boolean>, rounds = 200): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (await check()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error("condition never held");
}
