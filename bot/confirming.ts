// The summary stage: confirm and file, or pick and make a correction.
import { ask } from "./asking.js";
import { isGibberish } from "../nlp/gibberish.js";
import { parseCorrections } from "./correction.js";
import { fileNow, isRed, redAddition } from "./filing.js";
import { applyAnswer } from "./questions.js";
import type { Field, Session } from "./session.js";
import { amendment, fillAnswers, slotsOf } from "./slot-filling.js";
import { addToStory } from "./story-triage.js";
import { correctionButtons, summaryMessage } from "./summary.js";
import type { TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

export function onConfirming(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>): Session {
  if (input.kind === "button") {
    if (input.value === "confirm:yes") return fileNow(b);
    if (input.value.startsWith("edit:")) {
      b.s = { ...b.s, returnToConfirm: true };
      return ask(b, input.value.slice(5) as Field, 0);
    }
    b.s = { ...b.s, stage: { kind: "choosing_correction" } };
    b.send(correctionButtons(b.t));
    return b.s;
  }
  if (isRed(b, input.text)) return redAddition(b, input.text);
  const added = amendment(input.text);
  if (added) {
    // "还有一件事…": the story grows before it is confirmed, and the summary shows it.
    addToStory(b, added, b.triage(input.text));
    b.s = { ...b.s, answers: fillAnswers(b.s.answers, slotsOf(added, b.deps)).answers };
    b.say(b.t.amended);
    b.send(summaryMessage(b.s, b.t));
    return b.s;
  }
  if (isGibberish(input.text)) {
    b.say(b.t.notUnderstood);
    b.send(summaryMessage(b.s, b.t));
    return b.s;
  }
  const corrections = parseCorrections(input.text, b.deps);
  const first = corrections[0]!;
  if (corrections.length === 1) {
    switch (first.kind) {
      case "confirm":
        return fileNow(b);
      case "choose":
      case "unclear":
        b.s = { ...b.s, stage: { kind: "choosing_correction" } };
        if (first.kind === "unclear") b.say(b.t.correctionNotUnderstood);
        b.send(correctionButtons(b.t));
        return b.s;
      case "ask":
        b.s = { ...b.s, returnToConfirm: true };
        return ask(b, first.field, 0);
      case "answer":
        break;
    }
  }
  // Every field the message corrects is applied; one that still needs asking is asked last.
  const before = JSON.stringify(b.s.answers);
  let pending: Field | undefined;
  for (const correction of corrections) {
    if (correction.kind === "ask") pending ??= correction.field;
    if (correction.kind !== "answer") continue;
    const outcome = applyAnswer(correction.field, { kind: "text", text: correction.value }, b.s, b.deps, b.t, 1);
    if (!outcome.ok) pending ??= correction.field;
    else {
      b.s = { ...b.s, answers: outcome.answers };
      if (outcome.next) pending ??= outcome.next;
    }
  }
  if (pending) {
    b.s = { ...b.s, returnToConfirm: true };
    return ask(b, pending, 0);
  }
  b.s = { ...b.s, stage: { kind: "confirming" }, returnToConfirm: false };
  // Never "changed" when nothing did: the resident reads the summary to see what was kept.
  b.say(JSON.stringify(b.s.answers) === before ? b.t.correctedNothing : b.t.corrected);
  b.send(summaryMessage(b.s, b.t));
  return b.s;
}
