// The triage is the costly step of a turn: every resident message is triaged at most once,
// and the story is never re-triaged as one concatenated text (its triage combines the messages').
import { afterAll, describe, expect, it } from "vitest";
import type { RiskColor } from "../../../knowledge/colours.js";
import type { OutboundMessage } from "../../../bot/types.js";
import { createDialogueDeps } from "../../../adapters/intake/dialogue-deps.js";
import { createIntake } from "../../../adapters/intake/intake.js";
import { announceClaim } from "../../../adapters/intake/claim-notices.js";
import { claimNoticeFor, parseScript, staffMessageFor, stepToInbound } from "../../../adapters/intake/script.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { loadConversations, nlp, silentLogger, testCaseDesk, type Conversation } from "../../support/conversations.js";

interface Played {
  triaged: string[];
  said: string[];
  messages: number;
  filedColour: RiskColor | undefined;
}

/** Plays a conversation with a triager that records every text it is given. */
async function play(conversation: Pick<Conversation, "name" | "steps">): Promise<Played> {
  const { knowledge, triager } = nlp();
  const triaged: string[] = [];
  const counting = { triage: (text: string) => (triaged.push(text), triager.triage(text)) };
  const store = new MemoryStore();
  const desk = testCaseDesk();
  const newIntake = () => createIntake({ store, caseDesk: desk, dialogue: createDialogueDeps({ knowledge, triager: counting }), logger: silentLogger() });
  let intake = newIntake();
  const who = { residentKey: `terminal:${conversation.name}`, channel: "terminal" as const };
  const replies: OutboundMessage[] = [];
  const said: string[] = [];
  let messages = 0;
  for (const step of conversation.steps) {
    if (step.kind === "staff") {
      replies.push(...(await intake.staffMessage(staffMessageFor(step, who.residentKey, replies))).replies);
      continue;
    }
    if (step.kind === "claim") {
      const id = await announceClaim(store, claimNoticeFor(step, who.residentKey, replies));
      await intake.deliverClaimNotice(id, async (_key, got) => void replies.push(...got));
      continue;
    }
    const inbound = stepToInbound(step, replies);
    if (!inbound) {
      intake = newIntake();
      continue;
    }
    messages++;
    if (inbound.kind === "text") said.push(inbound.text);
    replies.push(...(await intake.handle(who, inbound)));
  }
  const filed = await desk.repository.latestForResident(who.residentKey, false);
  return { triaged, said, messages, filedColour: filed?.color };
}

/** Every call is one message the resident sent (not the story put together), and none twice. */
function expectEachMessageTriagedAtMostOnce({ triaged, said }: Played): void {
  // No final combined triage is kept, so not even one extra call at hand-off.
  expect(triaged.length).toBeLessThanOrEqual(said.length);
  const left = [...said];
  for (const text of triaged) {
    const i = left.indexOf(text);
    expect(i, `triaged a text the resident did not send as one message, or a message twice: ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(0);
    left.splice(i, 1);
  }
}

describe("triage calls per intake", () => {
  const conversations = loadConversations();
  const counts: Record<string, string> = {};

  for (const conversation of conversations) {
    it(`${conversation.name}: each resident message is triaged at most once`, async () => {
      const played = await play(conversation);
      counts[conversation.name] = `${played.triaged.length} calls, ${played.said.length} texts, ${played.messages} messages`;
      expectEachMessageTriagedAtMostOnce(played);
    });
  }

  it("a red message held before consent is filed on consent without a second triage", async () => {
    const played = await play({ name: "held-red", steps: parseScript("老公天天喝酒打我，我实在受不了了，不想活了\n同意\n我在老君殿镇四马村") });
    expect(played.filedColour).toBe("red");
    expectEachMessageTriagedAtMostOnce(played);
  });

  it("a red answer in the interview joins the story's triage and files at once", async () => {
    const script = "你好\n同意\n我住马蹄沟镇盐湾村，楼上邻居天天半夜装修，噪音吵得孩子睡不着\n他今晚要是再敲我就拿刀上去砍了他";
    const played = await play({ name: "red-answer", steps: parseScript(script) });
    expect(played.filedColour).toBe("red");
    expectEachMessageTriagedAtMostOnce(played);
  });

  afterAll(() => {
    console.log(`triage calls per intake: ${JSON.stringify(counts)}`);
  });
});
