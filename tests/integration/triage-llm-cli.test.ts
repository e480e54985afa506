// `yizhan triage --jsonl` and `yizhan eval --reader` with and without an LLM endpoint (a fake
// OpenAI-compatible server on 127.0.0.1). Without LLM_BASE_URL no connection is opened at all.
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { residentText, startFakeOpenAi, type FakeMode, type FakeOpenAi, type RecordedRequest } from "../support/fake-openai.js";

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const NO_NETWORK = `--import ${resolve("tests/fixtures/llm/no-network.mjs")}`;

/** A model that sees the danger in 活着没什么意思了, and otherwise agrees with a calm colour. */
function answer(r: RecordedRequest) {
  const text = residentText(r);
  const sad = text.includes("活着没什么意思了");
  return {
    domain: text.includes("邻居") ? "neighbor" : text.includes("老公") ? "marital" : "other",
    color: sad ? "red" : "blue",
    signals: sad ? [{ color: "red", quote: "活着没什么意思了", why: "流露轻生念头" }] : [],
    services: [],
    facts: { place: null, otherParty: null, since: null, attempts: null, wants: null },
    summary: ["一行", "两行", "三行"],
  };
}

const LINES = [JSON.stringify({ id: "sad", text: "和老公吵架了，他说要离婚，我真的觉得活着没什么意思了" }), JSON.stringify({ id: "noise", text: "楼上邻居天天半夜蹦迪，吵得睡不着" })].join("\n");

async function withFake(mode: FakeMode = "json_schema") {
  fake = await startFakeOpenAi(answer, mode);
  return { LLM_BASE_URL: fake.baseUrl, LLM_MODEL: "fake-qwen", LLM_API_KEY: "k" };
}

describe("yizhan triage --jsonl and the LLM reader", () => {
  it("with LLM_BASE_URL uses the LLM reader: the raise is merged and each line names its reader", async () => {
    const env = await withFake();
    const result = await runCli(["triage", "--jsonl"], env, LINES);
    expect(result.code).toBe(0);
    const [sad, noise] = result.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(sad).toMatchObject({ id: "sad", risk: { color: "red" }, reader: { name: "fake-qwen", raised: { from: "orange", to: "red" } } });
    expect(noise.reader).toMatchObject({ name: "fake-qwen", refusedLowering: false });
    expect(fake!.requests).toHaveLength(2);
    expect(fake!.requests.every((r) => r.body.model === "fake-qwen")).toBe(true);
  });

  it("with the endpoint hanging, every line falls back to the offline answer", async () => {
    const env = await withFake("hang");
    const result = await runCli(["triage", "--jsonl"], { ...env, LLM_TIMEOUT_MS: "300" }, LINES);
    const [sad] = result.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(sad).toMatchObject({ risk: { color: "orange" }, reader: { name: "offline", fallback: "timeout" } });
  });

  it("without LLM_BASE_URL makes no network call and keeps the contract unchanged", async () => {
    // Even with the SDK's own variable pointing at a server, nothing reaches it.
    fake = await startFakeOpenAi(answer);
    const result = await runCli(["triage", "--jsonl"], { OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: "k", NODE_OPTIONS: NO_NETWORK }, LINES);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain("NETWORK_CALL");
    const [sad] = result.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(sad.reader).toBeUndefined();
    expect(sad.risk.color).toBe("orange");
    expect(fake.requests).toHaveLength(0);
  });

  it("the no-network probe does see a call when one is made", async () => {
    const env = await withFake();
    const result = await runCli(["triage", "--jsonl"], { ...env, NODE_OPTIONS: NO_NETWORK }, LINES);
    expect(result.stderr).toContain("NETWORK_CALL");
  });
});

describe("yizhan eval --reader", () => {
  it("both: the offline and the LLM reader side by side", async () => {
    const env = await withFake();
    const result = await runCli(["eval", "--reader", "both", "--data", "tests/fixtures/llm/eval-sample.jsonl"], env);
    expect(result.code).toBe(0);
    for (const label of ["红色召回 / red recall", "领域宏平均 F1 / domain macro-F1", "延迟 p50", "颜色混淆", "offline", "llm:fake-qwen"]) expect(result.stdout).toContain(label);
    expect(fake!.requests).toHaveLength(5);
  });

  it("llm without an endpoint: a clear Chinese error", async () => {
    const result = await runCli(["eval", "--reader", "llm", "--data", "tests/fixtures/llm/eval-sample.jsonl"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("LLM_BASE_URL");
  });

  it("offline needs no endpoint and opens no connection", async () => {
    const result = await runCli(["eval", "--reader", "offline", "--data", "tests/fixtures/llm/eval-sample.jsonl"], { NODE_OPTIONS: NO_NETWORK });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("红色召回");
    expect(result.stderr).not.toContain("NETWORK_CALL");
  });
});
