// Button values are checked against what the stage offers: a forged `domain:foo` (or a stale
// button) is refused politely, nothing the resident said is lost, and filing is not blocked.
import { describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../../bot/types.js";
import { createDialogueDeps } from "../../../adapters/intake/dialogue-deps.js";
import { createIntake } from "../../../adapters/intake/intake.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { nlp, silentLogger, testCaseDesk } from "../../support/conversations.js";

function setup() {
  const { knowledge, triager } = nlp();
  const desk = testCaseDesk();
  const intake = createIntake({ store: new MemoryStore(), caseDesk: desk, dialogue: createDialogueDeps({ knowledge, triager }), logger: silentLogger() });
  const who = { residentKey: `terminal:buttons-${Math.random()}`, channel: "terminal" as const };
  return {
    intake,
    who,
    say: (text: string): Promise<OutboundMessage[]> => intake.handle(who, { kind: "text", text }),
    press: (value: string): Promise<OutboundMessage[]> => intake.handle(who, { kind: "button", value }),
  };
}

const text = (replies: OutboundMessage[]) => replies.map((r) => r.text).join("\n");

describe("button values are checked against what was offered", () => {
  it("refuses a forged button at consent and asks again", async () => {
    const { say, press } = setup();
    await say("你好");
    const replies = await press("domain:foo");
    expect(text(replies)).toContain("这个选项现在用不了");
    expect(replies.some((r) => r.buttons?.some((b) => b.value === "consent:yes"))).toBe(true);
  });

  it("a forged domain:foo at the domain question is refused; the story is kept and an offered domain still works", async () => {
    const { say, press, intake, who } = setup();
    await say("你好");
    await press("consent:yes");
    // A story the engine is unsure about, so the domain question comes (if not, skip to the check on the session).
    const replies = await say("我想问一下这个事情怎么办，有点麻烦，拖了好久了");
    const question = replies.find((r) => r.buttons?.some((b) => b.value.startsWith("domain:")));
    const session = (await intake.sessions.load(who.residentKey)).session!;
    const storyBefore = JSON.stringify(session.answers);
    const refused = await press("domain:foo");
    expect(text(refused)).toContain("这个选项现在用不了");
    expect(text(refused)).not.toContain("foo");
    const after = (await intake.sessions.load(who.residentKey)).session!;
    expect(JSON.stringify(after.answers)).toBe(storyBefore);
    expect(after.answers.domain).toBeUndefined();
    if (question) {
      const offered = question.buttons!.find((b) => b.value.startsWith("domain:"))!;
      const next = await press(offered.value);
      expect(text(next)).not.toContain("这个选项现在用不了");
    }
  });

  it("lets the language buttons through at any stage", async () => {
    const { say, press } = setup();
    await say("你好");
    const replies = await press("lang:en");
    expect(text(replies)).not.toContain("这个选项现在用不了");
    const forged = await press("wants:99");
    expect(text(forged)).toContain("That option is not available now");
  });
});
