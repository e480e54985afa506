// The resident never waits: the case is filed on the offline triage at once; the machine reading
// comes later (the "filed" event), raises the case through the queue's own path (owner, deadline,
// live event, audit with the model) and leaves its drafts for the case page as machine suggestions.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCaseReadingJob } from "../../../adapters/llm/case-reading-job.js";
import { createCircuitBreaker } from "../../../adapters/llm/circuit-breaker.js";
import { createLlmReader } from "../../../adapters/llm/llm-reader.js";
import { createStructuredClient } from "../../../adapters/llm/structured-client.js";
import { createTokenBudget } from "../../../adapters/llm/token-budget.js";
import { machineSuggestions } from "../../../adapters/http/console/machine-suggestions.js";
import { createLogger } from "../../../adapters/logger.js";
import { storeCaseEvents, subscribeCaseEvents } from "../../../adapters/store/case-events.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { colourRulesFromRubric } from "../../../knowledge/colours.js";
import { loadKnowledge } from "../../../knowledge/load.js";
import type { Knowledge } from "../../../knowledge/types.js";
import { ownerOf } from "../../../nlp/risk.js";
import { createTriager, type Triager } from "../../../nlp/triage.js";
import type { Actor } from "../../../queue/access.js";
import { createCaseService } from "../../../queue/case-service.js";
import { createMemoryCaseRepository } from "../../../queue/memory-case-repository.js";
import type { CaseEvent } from "../../../queue/ports.js";
import { startFakeOpenAi, type FakeMode, type FakeOpenAi, type RecordedRequest } from "../../support/fake-openai.js";

let knowledge: Knowledge;
let triager: Triager;
let fake: FakeOpenAi | undefined;
beforeAll(() => {
  knowledge = loadKnowledge();
  triager = createTriager({ knowledge });
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const STORY = "和老公吵架了，他说要离婚，我真的觉得活着没什么意思了。我叫李秀英，电话13912345678";
const director: Actor = { id: "d1", role: "centre_director", displayName: "王主任", townshipId: null };

const CLEANED = "来电人说：丈夫提出离婚，她觉得活着没什么意思，希望有人调解。";

// A hotline call's prompt asks for the transcript read again: the fake answers it only then.
const answer = (r: RecordedRequest) => ({
  domain: "marital",
  color: "red",
  signals: [{ color: "red", quote: "活着没什么意思了", why: "流露轻生念头，需当天联系" }],
  services: ["marriage_family.divorce_mediation", "no.such_service"],
  facts: { place: null, otherParty: "丈夫", since: null, attempts: null, wants: "不想离婚" },
  summary: ["妻子与丈夫因争吵闹离婚。", "妻子流露轻生念头，风险高。", "希望有人帮忙调解。"],
  plan: ["当天由心理咨询师电话联系当事人", "妇联约双方面谈"],
  basis: [
    { serviceId: "marriage_family.divorce_mediation", law: "中华人民共和国民法典", article: "第一千零七十九条", why: "离婚调解" },
    { serviceId: "marriage_family.divorce_mediation", law: "中华人民共和国婚姻幸福法", article: "第一条", why: "编造的" },
  ],
  cleaned: r.prompt.includes("热线通话的语音识别记录") ? CLEANED : "",
});

async function setup(mode: FakeMode = "json_schema") {
  fake = await startFakeOpenAi(answer, mode);
  const store = new MemoryStore();
  const cases = createMemoryCaseRepository();
  const rules = colourRulesFromRubric(knowledge.rubric);
  const service = createCaseService({ cases, rules, events: storeCaseEvents(store), outbox: { send: async () => {}, claimed: async () => {} }, catalogue: knowledge });
  const logger = createLogger({ log: { level: "silent", format: "json" } });
  const reader = createLlmReader({
    client: createStructuredClient({ baseUrl: fake.baseUrl, apiKey: undefined, model: "fake-qwen" }),
    model: "fake-qwen",
    knowledge,
    timeoutMs: 1500,
    breaker: createCircuitBreaker(),
    budget: createTokenBudget({ store, cap: 0 }),
    logger,
  });
  const job = createCaseReadingJob({ store, logger, reader, knowledge, owners: ownerOf(rules), find: (ref) => cases.find(ref), record: (ref, r) => service.recordMachineReading(ref, r) });
  const events: CaseEvent[] = [];
  await subscribeCaseEvents(store, logger, async (e) => void events.push(e));
  job.start();
  await new Promise((r) => setTimeout(r, 20));
  const file = (channel: "webchat" | "hotline" = "webchat") =>
    service.fileCase({
      channel,
      resident: { key: `${channel}:r1`, channel, displayName: "李秀英", phone: "13912345678", preferredContact: "channel", language: "zh" },
      story: STORY,
      messages: [{ from: "resident", text: STORY, at: new Date() }],
      triage: triager.triage(STORY),
      urgent: false,
    });
  return { service, cases, job, events, file };
}

describe("a case raised later by the machine reading", () => {
  it("files at once on the offline colour, then raises with an audit event naming the model", async () => {
    const { service, cases, job, events, file } = await setup();
    const filed = await file();
    expect(filed.color).toBe("orange"); // what the resident was told is the offline answer
    await new Promise((r) => setTimeout(r, 20));
    await job.idle();
    const c = await cases.find(filed.number);
    expect(c?.color).toBe("red");
    expect(c?.ownerRole).toBe("political_legal_secretary");
    expect(c?.domain).toBe("marital"); // routing untouched
    const audit = await cases.auditTrail(filed.id);
    const raised = audit.find((a) => a.action === "colour_changed");
    expect(raised?.actorId).toBeNull();
    expect(raised?.detail).toMatchObject({ from: "orange", to: "red", kind: "raised", model: "fake-qwen" });
    const reading = audit.find((a) => a.action === "machine_reading");
    expect(reading?.detail).toMatchObject({ model: "fake-qwen", tokens: { prompt: 120, completion: 30 }, dropped: { quotes: 0, services: 1 } });
    expect(events.some((e) => e.type === "updated" && e.number === filed.number && e.color === "red")).toBe(true);
    // Only the basis the catalogue gives survives; the page labels everything a machine draft.
    const view = await service.getCase(director, filed.number);
    if (!view.ok) throw new Error("no view");
    const page = String(await machineSuggestions(view.value.audit));
    expect(page).toContain("机器建议（仅供参考）");
    expect(page).toContain("fake-qwen");
    expect(page).toContain("妻子流露轻生念头，风险高。");
    expect(page).toContain("第一千零七十九条");
    expect(page).not.toContain("婚姻幸福法");
    expect(page).toContain("化解方案草稿");
    // No resident-facing text: nothing went to the resident's outbox, and no prompt carried the phone or name.
    for (const r of fake!.requests) {
      expect(r.prompt).not.toContain("13912345678");
      expect(r.prompt).not.toContain("李秀英");
    }
  });

  it("reads a hotline call again with recognition errors corrected, shown on the case page as a machine suggestion", async () => {
    const { service, job, file } = await setup();
    const filed = await file("hotline");
    await new Promise((r) => setTimeout(r, 20));
    await job.idle();
    const view = await service.getCase(director, filed.number);
    if (!view.ok) throw new Error("no view");
    const page = String(await machineSuggestions(view.value.audit));
    expect(page).toContain("通话记录整理稿（已纠正语音识别错误，机器整理）");
    expect(page).toContain(CLEANED);
    // A chat case is not a transcript: nothing of the kind is asked or shown.
    const chat = await file("webchat");
    await new Promise((r) => setTimeout(r, 20));
    await job.idle();
    const chatView = await service.getCase(director, chat.number);
    if (!chatView.ok) throw new Error("no view");
    expect(String(await machineSuggestions(chatView.value.audit))).not.toContain("通话记录整理稿");
  });

  it("a failed reading leaves the case as filed, with no machine entry", async () => {
    const { cases, job, file } = await setup("hang");
    const filed = await file();
    await new Promise((r) => setTimeout(r, 20));
    await job.idle();
    const c = await cases.find(filed.number);
    expect(c?.color).toBe("orange");
    expect((await cases.auditTrail(filed.id)).some((a) => a.action === "machine_reading")).toBe(false);
  });
});
