// The prompts that open the conversation or repeat where it stands.
import { questionFor } from "./questions.js";
import { correctionButtons, summaryMessage } from "./summary.js";
import type { TurnBuilder } from "./turn.js";

export function greet(b: TurnBuilder): void {
  b.say(b.t.greeting);
  consentPrompt(b, b.t.privacyNotice);
}

export function consentPrompt(b: TurnBuilder, text: string): void {
  b.say(text, [
    { label: b.t.consentYes, value: "consent:yes" },
    { label: b.t.consentNo, value: "consent:no" },
  ]);
}

/** Repeats where we are, without counting it as a new question. */
export function reprompt(b: TurnBuilder): void {
  const stage = b.s.stage;
  switch (stage.kind) {
    case "consent":
      consentPrompt(b, b.t.privacyNotice);
      return;
    case "story":
      b.say(b.t.askStory);
      return;
    case "asking":
      b.send(questionFor(stage.field, b.s, b.t));
      return;
    case "confirming":
      b.send(summaryMessage(b.s, b.t));
      return;
    case "choosing_correction":
      b.send(correctionButtons(b.t));
      return;
    case "safety_check":
      b.send({ text: b.t.safety[stage.about], buttons: [{ label: b.t.safety.yes, value: "safety:yes" }, { label: b.t.safety.no, value: "safety:no" }] });
      return;
    case "cancel_confirm":
    case "filing":
    case "handed_off":
      return;
  }
}
