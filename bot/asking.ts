// The follow-up questions: which one comes next, asking it, and taking its answer.
import { isRed, redAddition } from "./filing.js";
import { answersFromFacts, applyAnswer, nextMissing, questionFor } from "./questions.js";
import type { Field, Session } from "./session.js";
import { summaryMessage } from "./summary.js";
import type { TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

export function askNext(b: TurnBuilder): Session {
  const field = nextMissing(b.s);
  if (field === undefined) {
    b.s = { ...b.s, stage: { kind: "confirming" }, returnToConfirm: false };
    b.send(summaryMessage(b.s, b.t));
    return b.s;
  }
  return ask(b, field, 0);
}

export function ask(b: TurnBuilder, field: Field, tries: number): Session {
  const counted = !b.s.returnToConfirm;
  b.s = { ...b.s, stage: { kind: "asking", field, tries }, questionsAsked: b.s.questionsAsked + (counted ? 1 : 0) };
  b.send(questionFor(field, b.s, b.t, tries > 0));
  return b.s;
}

export function onAnswer(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>, field: Field, tries: number): Session {
  if (input.kind === "text" && isRed(b, input.text)) return redAddition(b, input.text);
  const outcome = applyAnswer(field, input, b.s, b.deps, b.t, tries);
  if (!outcome.ok) return ask(b, field, tries + 1);
  let answers = outcome.answers;
  if (input.kind === "text" && input.text.length >= 8) {
    // A long answer often carries more than was asked: keep what it says.
    answers = answersFromFacts(b.deps.extractFacts(input.text, b.deps.findPlaces(input.text)), answers);
  }
  b.s = { ...b.s, answers };
  if (outcome.next) return ask(b, outcome.next, 0);
  if (b.s.returnToConfirm) {
    b.say(b.t.corrected);
    b.s = { ...b.s, stage: { kind: "confirming" }, returnToConfirm: false };
    b.send(summaryMessage(b.s, b.t));
    return b.s;
  }
  return askNext(b);
}
