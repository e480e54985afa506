// Every scripted conversation on the engine and its runner (memory store, in-memory queue),
// with a restart (a new runner over the same store) where the script asks for one.
import { describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../../bot/types.js";
import { announceClaim } from "../../../adapters/intake/claim-notices.js";
import { claimNoticeFor, staffMessageFor, stepToInbound } from "../../../adapters/intake/script.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { checkExpectations, loadConversations, median, testIntake, type PlayedTurn } from "../../support/conversations.js";

const conversations = loadConversations();
const questions: Record<string, number> = {};

describe("scripted conversations on the engine", () => {
  it("has at least 12 scripts", () => {
    expect(conversations.length).toBeGreaterThanOrEqual(12);
  });

  for (const conversation of conversations) {
    it(conversation.name, async () => {
      const store = new MemoryStore();
      let { intake, desk } = testIntake(store);
      const who = { residentKey: `terminal:${conversation.name}`, channel: "terminal" as const };
      const replies: OutboundMessage[] = [];
      const turns: PlayedTurn[] = [];
      for (const step of conversation.steps) {
        if (step.kind === "staff") {
          const delivered = (await intake.staffMessage(staffMessageFor(step, who.residentKey, replies))).replies;
          replies.push(...delivered);
          turns.push({ step, replies: delivered });
          continue;
        }
        if (step.kind === "claim") {
          // A person takes the case: the queue keeps and announces the notice; the runner sends it.
          const delivered: OutboundMessage[] = [];
          const id = await announceClaim(store, claimNoticeFor(step, who.residentKey, replies));
          await intake.deliverClaimNotice(id, async (_key, got) => void delivered.push(...got));
          replies.push(...delivered);
          turns.push({ step, replies: delivered });
          continue;
        }
        const inbound = stepToInbound(step, replies);
        if (!inbound) {
          ({ intake } = testIntake(store, desk));
          continue;
        }
        const got = await intake.handle(who, inbound);
        replies.push(...got);
        turns.push({ step, replies: got });
      }
      expect(replies.some((r) => r.text.includes("系统出了点问题"))).toBe(false);
      expect(await checkExpectations(conversation, replies, desk, who.residentKey, turns)).toEqual([]);
      const session = (await intake.sessions.load(who.residentKey)).session;
      if (session?.filed && !session.redHelpShown && !session.urgent) questions[conversation.name] = session.questionsAsked;
    });
  }

  it("needs at most 4 questions after the story for the median intake", () => {
    const counts = Object.values(questions);
    expect(counts.length).toBeGreaterThanOrEqual(8);
    const m = median(counts);
    console.log(`questions after the story per completed intake: ${JSON.stringify(questions)}; median ${m}`);
    expect(m).toBeLessThanOrEqual(4);
  });
});
