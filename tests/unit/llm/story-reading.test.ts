// The dialogue with a second reader (the LLM, over a fake OpenAI-compatible server on 127.0.0.1):
// the resident is answered at once on the offline reading; the model's facts arrive later and fill
// only what is still empty, only with the resident's own words, and are marked for them to check.
import { afterEach, describe, expect, it } from "vitest";
import { createDialogueDeps } from "../../../adapters/intake/dialogue-deps.js";
import { createIntake, type Intake } from "../../../adapters/intake/intake.js";
import { createCircuitBreaker } from "../../../adapters/llm/circuit-breaker.js";
import { createLlmReader } from "../../../adapters/llm/llm-reader.js";
import { createStructuredClient } from "../../../adapters/llm/structured-client.js";
import { createTokenBudget } from "../../../adapters/llm/token-budget.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import type { ResidentIdentity } from "../../../bot/types.js";
import { startFakeOpenAi, type FakeMode, type FakeOpenAi } from "../../support/fake-openai.js";
import { nlp, silentLogger, testCaseDesk } from "../../support/conversations.js";

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

// A rambling story: when it began and what the resident hopes for are told in words the offline
// reader does not take for a start time or a wish.
const STORY = "唉说起来话长，那会儿俺娃刚上初中，隔壁那家就开始往俺院里倒垃圾，臭得很，一直倒到现在，俺就盼着他们别再倒了。俺住马蹄沟镇盐湾村，电话13912345678";

const answer = () => ({
  domain: "neighbor",
  color: "blue",
  signals: [],
  services: [],
  facts: {
    place: "苗家坪镇", // not in the story: dropped
    otherParty: "隔壁那家",
    since: "那会儿俺娃刚上初中",
    attempts: "找过派出所两次", // made up: dropped
    wants: "盼着他们别再倒了",
  },
  summary: ["邻居多年往当事人院里倒垃圾。"],
});

function intakeWith(mode: FakeMode | "none"): Promise<Intake> {
  return (async () => {
    const { knowledge, triager } = nlp();
    const store = new MemoryStore();
    let storyReader;
    if (mode !== "none") {
      fake = await startFakeOpenAi(answer, mode);
      storyReader = createLlmReader({
        client: createStructuredClient({ baseUrl: fake.baseUrl, apiKey: undefined, model: "fake-qwen" }),
        model: "fake-qwen",
        knowledge,
        timeoutMs: mode === "hang" ? 60_000 : 5_000,
        breaker: createCircuitBreaker(),
        budget: createTokenBudget({ store, cap: 0 }),
        logger: silentLogger(),
      });
    }
    return createIntake({ store, caseDesk: testCaseDesk(), dialogue: createDialogueDeps({ knowledge, triager }), logger: silentLogger(), ...(storyReader ? { storyReader } : {}) });
  })();
}

const who: ResidentIdentity = { residentKey: "webchat:llm-story", channel: "webchat" };

async function tell(intake: Intake, ...lines: string[]): Promise<string[]> {
  const said: string[] = [];
  for (const text of lines) for (const r of await intake.handle(who, { kind: "text", text })) said.push(r.text);
  return said;
}

describe("the dialogue with an LLM reading the story", () => {
  it("fills the items still empty with the resident's own words, drops what the story does not say, and marks them in the summary", async () => {
    const intake = await intakeWith("json_schema");
    const replies = await tell(intake, "你好", "同意", STORY);
    expect(replies.join("\n")).toContain("还有几个小问题"); // answered at once, on the offline reading
    await intake.idle();
    expect(fake!.requests.length).toBe(1);
    for (const r of fake!.requests) expect(r.prompt).not.toContain("13912345678");
    const { session } = await intake.sessions.load(who.residentKey);
    expect(session?.answers.since?.text).toBe("那会儿俺娃刚上初中");
    expect(session?.answers.wants).toBe("盼着他们别再倒了");
    expect(session?.answers.attempts).toBeUndefined();
    expect(session?.answers.place?.text).toContain("马蹄沟镇"); // the resident's own place stands
    // The questions left are the ones nobody answered; the summary marks the machine's readings.
    const rest = await tell(intake, "没找过", "[1]");
    const summary = rest.join("\n");
    expect(summary).toMatch(/开始时间：那会儿俺娃刚上初中（从您前面的讲述里读出来的，请核对）/);
    expect(summary).toContain("盼着他们别再倒了（从您前面的讲述里读出来的");
    expect(summary).not.toContain("派出所");
    expect(summary).not.toContain("苗家坪");
  });

  it("answers the resident at once while the model hangs, and the offline reading stands", async () => {
    const intake = await intakeWith("hang");
    const replies = await tell(intake, "你好", "同意", STORY);
    expect(replies.join("\n")).toContain("还有几个小问题");
    await fake!.close(); // the hanging request fails: nothing is filled
    fake = undefined;
    await intake.idle();
    const { session } = await intake.sessions.load(who.residentKey);
    expect(session?.answers.since).toBeUndefined();
    expect(session?.machineFilled).toBeUndefined();
  });

  it("without a reader makes no call and asks as before", async () => {
    const probe = await startFakeOpenAi(answer);
    try {
      const intake = await intakeWith("none");
      await tell(intake, "你好", "同意", STORY);
      await intake.idle();
      const { session } = await intake.sessions.load(who.residentKey);
      expect(session?.answers.since).toBeUndefined();
      expect(probe.requests).toHaveLength(0);
    } finally {
      await probe.close();
    }
  });
});
