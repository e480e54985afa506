// The summary stage: confirm and file, or pick and make a correction.
import { ask } from "./asking.js";
import { parseCorrection } from "./correction.js";
import { fileNow, isRed, redAddition } from "./filing.js";
import { applyAnswer } from "./questions.js";
import type { Field, Session } from "./session.js";
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
  const correction = parseCorrection(input.text, b.deps);
  switch (correction.kind) {
    case "confirm":
      return fileNow(b);
    case "choose":
    case "unclear":
      b.s = { ...b.s, stage: { kind: "choosing_correction" } };
      if (correction.kind === "unclear") b.say(b.t.correctionNotUnderstood);
      b.send(correctionButtons(b.t));
      return b.s;
    case "ask":
      b.s = { ...b.s, returnToConfirm: true };
      return ask(b, correction.field, 0);
    case "answer": {
      const outcome = applyAnswer(correction.field, { kind: "text", text: correction.value }, b.s, b.deps, b.t, 1);
      b.s = { ...b.s, returnToConfirm: true };
      if (!outcome.ok) return ask(b, correction.field, 0);
      if (outcome.next) return ask(b, outcome.next, 0);
      b.s = { ...b.s, answers: outcome.answers, stage: { kind: "confirming" }, returnToConfirm: false };
      b.say(b.t.corrected);
      b.send(summaryMessage(b.s, b.t));
      return b.s;
    }
  }
}
