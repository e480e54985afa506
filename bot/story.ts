// Taking the resident's story: triage it, keep what it already answers, then ask or file.
import { askNext } from "./asking.js";
import { fileNow, isRed, redFiling } from "./filing.js";
import { answersFromFacts } from "./questions.js";
import type { Session } from "./session.js";
import type { TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

export function onStory(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>, wantsPerson: boolean): Session {
  if (input.kind === "button") {
    b.say(b.t.askStory);
    return b.s;
  }
  const text = input.text.trim();
  if (text.length < 4 && !isRed(b, text)) {
    b.say(b.t.storyTooShort);
    return b.s;
  }
  return takeStory(b, text, wantsPerson);
}

export function takeStory(b: TurnBuilder, text: string, fileAtOnce: boolean): Session {
  const story = b.s.story ? `${b.s.story}\n${text}` : text;
  const triage = b.deps.triage(story);
  let answers = answersFromFacts(triage.facts, b.s.answers);
  const mobile = triage.pii.find((p) => p.kind === "mobile" && p.raw);
  if (mobile?.raw && !answers.phone) answers = { ...answers, phone: mobile.raw, contact: "phone" };
  b.s = { ...b.s, story, triage, answers };
  if (triage.risk.color === "red") return redFiling(b);
  if (fileAtOnce) {
    b.say(b.t.human.filingNow);
    b.s = { ...b.s, urgent: true };
    return fileNow(b);
  }
  b.say(b.t.storyReceived);
  return askNext(b);
}
