// Taking the resident's story: triage it, keep what it already answers, then ask or file.
import { isGibberish } from "../nlp/gibberish.js";
import { isOpening, onlySadEmoji, TWO_MATTERS } from "./commands.js";
import type { Triage } from "../nlp/types.js";
import { askNext } from "./asking.js";
import { fileNow, isRed, redFiling } from "./filing.js";
import { maybeAskSafety } from "./safety-check.js";
import { answersFromFacts } from "./questions.js";
import type { Session } from "./session.js";
import { fillAnswers, slotsOf } from "./slot-filling.js";
import { addToStory } from "./story-triage.js";
import type { TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

export function onStory(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>, wantsPerson: boolean): Session {
  if (input.kind === "button") {
    b.say(b.t.askStory);
    return b.s;
  }
  const text = input.text.trim();
  if (onlySadEmoji(text) && !isRed(b, text)) {
    b.say(b.t.feelingSeen);
    return b.s;
  }
  if (isGibberish(text) && !isRed(b, text)) {
    b.say(`${b.t.notUnderstood}\n${b.t.storyTooShort}`);
    return b.s;
  }
  if (isOpening(text) && !isRed(b, text)) {
    // "我要反映个事": the resident is about to tell it; it is not the story itself.
    b.say(b.t.storyInvite);
    return b.s;
  }
  if (text.length < 4 && !isRed(b, text)) {
    b.say(b.t.storyTooShort);
    return b.s;
  }
  return takeStory(b, text, wantsPerson);
}

/** `triage` is the message's own, when an earlier turn already ran it (a red message held before consent). */
export function takeStory(b: TurnBuilder, text: string, fileAtOnce: boolean, triage: Triage = b.triage(text)): Session {
  const story = addToStory(b, text, triage);
  if (TWO_MATTERS.test(text)) b.s = { ...b.s, secondMatter: true };
  // This message's own reading first (names, start times, a phone never taken for a wish), then
  // what the story's combined triage adds.
  let answers = answersFromFacts(story.facts, fillAnswers(b.s.answers, slotsOf(text, b.deps)).answers);
  const mobile = story.pii.find((p) => p.kind === "mobile" && p.raw);
  if (mobile?.raw && !answers.phone) answers = { ...answers, phone: mobile.raw, contact: "phone" };
  b.s = { ...b.s, answers };
  if (story.risk.color === "red") return redFiling(b);
  // A resident who asked for a person is filed at once; the person asks about safety (never block filing).
  if (!fileAtOnce && maybeAskSafety(b)) return b.s;
  if (fileAtOnce) {
    b.say(b.t.human.filingNow);
    b.s = { ...b.s, urgent: true };
    return fileNow(b);
  }
  b.say(b.t.storyReceived);
  const asked = askNext(b);
  // Items still missing after the offline reading: a second reader, where one is configured, may
  // find them in a rambling story before the resident is asked (bot/effect-results.ts, story_read).
  if (b.s.stage.kind === "asking" && b.s.story) b.effect({ kind: "read_story", text: b.s.story, triage: story });
  return asked;
}
