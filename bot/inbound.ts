// Routes a resident's message: unsupported, file, command or language button first, then by stage.
import { onAfterHandoff } from "./after-handoff.js";
import { onAnswer } from "./asking.js";
import { isNo, isYes, parseCommand } from "./commands.js";
import { onConfirming } from "./confirming.js";
import { onConsent } from "./consent.js";
import { onFile } from "./evidence.js";
import { fileNow } from "./filing.js";
import { onCommand } from "./on-command.js";
import { greet, reprompt } from "./prompts.js";
import type { Session, Stage } from "./session.js";
import { addToStory } from "./story-triage.js";
import { onResumeInput } from "./resume.js";
import { onSafetyAnswer } from "./safety-check.js";
import { onStory } from "./story.js";
import type { TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

export function onInbound(b: TurnBuilder, input: InboundMessage, fresh: boolean): Session | null {
  if (input.kind === "unsupported") {
    b.say(b.t.unsupported[input.what]);
    if (!fresh) reprompt(b);
    else greet(b);
    return b.s;
  }
  if (input.kind === "file") return onFile(b, input, fresh);
  const resume = onResumeInput(b, input);
  if (resume !== undefined) return resume;
  if (input.kind === "text") {
    const command = parseCommand(input.text);
    if (command) return onCommand(b, command, fresh);
  } else {
    const global = onGlobalButton(b, input.value);
    if (global !== undefined) return global;
  }
  const stage = b.s.stage;
  switch (stage.kind) {
    case "consent":
      return onConsent(b, input, fresh);
    case "story":
      return onStory(b, input, stage.wantsPerson);
    case "asking":
      return onAnswer(b, input, stage.field, stage.tries);
    case "confirming":
    case "choosing_correction":
      return onConfirming(b, input);
    case "filing":
      // The last filing failed and is being retried: what the resident adds joins the story, and
      // the filing is tried again now.
      if (input.kind === "text") addToStory(b, input.text, b.triage(input.text));
      return fileNow(b);
    case "handed_off":
      return onAfterHandoff(b, input);
    case "safety_check":
      return onSafetyAnswer(b, input, stage.about);
    case "cancel_confirm":
      return onCancelConfirm(b, input, stage.back);
  }
}

function onGlobalButton(b: TurnBuilder, value: string): Session | null | undefined {
  if (value === "lang:zh" || value === "lang:en") {
    b.s = { ...b.s, language: value === "lang:en" ? "en" : "zh" };
    b.say(b.t.langSet);
    reprompt(b);
    return b.s;
  }
  return undefined;
}

// Lives beside the router because anything but yes/no goes back to the earlier stage and is routed again.
function onCancelConfirm(
  b: TurnBuilder,
  input: Extract<InboundMessage, { kind: "text" | "button" }>,
  back: Exclude<Stage, { kind: "cancel_confirm" }>,
): Session | null {
  const text = input.kind === "text" ? input.text : "";
  if (input.kind === "button" ? input.value === "cancel:yes" : isYes(text)) {
    b.say(b.t.cancelled);
    return null;
  }
  b.s = { ...b.s, stage: back };
  if (input.kind === "button" ? input.value === "cancel:no" : isNo(text)) {
    b.say(b.t.continueAfterCancelNo);
    reprompt(b);
    return b.s;
  }
  return onInbound(b, input, false);
}
