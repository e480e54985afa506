// The safety question: asked once when the triage reads a danger signal below red; a yes is red
// at once with the hotlines, a no is recorded with the answer on the case, and neither blocks filing.
import { describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../../bot/types.js";
import { createDialogueDeps } from "../../../adapters/intake/dialogue-deps.js";
import { createIntake } from "../../../adapters/intake/intake.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import type { Triage } from "../../../nlp/types.js";
import { nlp, silentLogger, testCaseDesk } from "../../support/conversations.js";

const STORY = "跟老公离婚的事拖了两年了，天天吵，我真的好累，感觉撑不下去了，孩子的抚养费他一分不给";

/** The real triager; for the story it also sets `risk.ask` as the engine does for an unclear danger signal. */
function setup() {
  const { knowledge, triager } = nlp();
  const asking = {
    triage(text: string): Triage {
      const t = triager.triage(text);
      if (text !== STORY || t.risk.color === "red") return t;
      return { ...t, risk: { ...t.risk, ask: { kind: "self_harm", probability: 0.1 } } };
    },
  };
  const desk = testCaseDesk();
  const intake = createIntake({ store: new MemoryStore(), caseDesk: desk, dialogue: createDialogueDeps({ knowledge, triager: asking }), logger: silentLogger() });
  const who = { residentKey: `terminal:safety-${Math.random()}`, channel: "terminal" as const };
  const say = async (text: string): Promise<OutboundMessage[]> => intake.handle(who, { kind: "text", text });
  return { desk, who, say, intake };
}

async function toTheQuestion(say: (t: string) => Promise<OutboundMessage[]>): Promise<OutboundMessage[]> {
  await say("你好");
  await say("同意");
  return say(STORY);
}

describe("safety question", () => {
  it("asks once, directly, with buttons and free words", async () => {
    const { say } = setup();
    const replies = await toTheQuestion(say);
    const question = replies.find((r) => r.text.includes("伤害自己的想法"));
    expect(question, replies.map((r) => r.text).join("\n")).toBeDefined();
    expect(question!.buttons?.map((b) => b.value)).toEqual(["safety:yes", "safety:no"]);
  });

  it("a yes in free words is red at once, with 110 and 12356, and the case filed urgent", async () => {
    const { say, desk, who } = setup();
    await toTheQuestion(say);
    const replies = await say("有，有时候真想一了百了");
    const all = replies.map((r) => r.text).join("\n");
    expect(all).toContain("110");
    expect(all).toContain("12356");
    const filed = await desk.repository.latestForResident(who.residentKey, false);
    expect(filed?.color).toBe("red");
  });

  it("a plain yes (有) is red too, and the answer is quoted on the case", async () => {
    const { say, desk, who } = setup();
    await toTheQuestion(say);
    await say("有");
    const filed = await desk.repository.latestForResident(who.residentKey, false);
    expect(filed?.color).toBe("red");
  });

  it("a no is recorded with the answer and the intake goes on to the next question", async () => {
    const { say } = setup();
    await toTheQuestion(say);
    const replies = await say("没有，就是太累了");
    const all = replies.map((r) => r.text).join("\n");
    expect(all).toContain("谢谢您告诉我");
    expect(all).not.toContain("伤害自己的想法");
    expect(replies.length).toBeGreaterThanOrEqual(2); // the thanks and the next question
  });

  it("is not asked again in the same conversation", async () => {
    const { say } = setup();
    await toTheQuestion(say);
    await say("没有");
    const later = await say(STORY);
    expect(later.map((r) => r.text).join("\n")).not.toContain("伤害自己的想法");
  });
});
