// Routes a resident's message: unsupported, file, command or language button first, then by stage.
import { onAfterHandoff } from "./after-handoff.js";
import { onAnswer } from "./asking.js";
import { isNo, isYes, parseCommand } from "./commands.js";
import { writtenLanguage } from "./written-language.js";
import { onConfirming } from "./confirming.js";
import { onConsent } from "./consent.js";
import { onFile } from "./evidence.js";
import { heardBeforeFiling } from "./crisis.js";
import { fileNow } from "./filing.js";
import { onCommand } from "./on-command.js";
import { greet, reprompt } from "./prompts.js";
import type { Session, Stage } from "./session.js";
import { addToStory } from "./story-triage.js";
import { onResumeInput } from "./resume.js";
import { onSafetyAnswer } from "./safety-check.js";
import { onStory } from "./story.js";
import { TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

// Said when a button value is not one this stage offers (forged, or from a message long gone).
const BUTTON_REFUSED = {
  zh: "这个选项现在用不了。您已经告诉我的内容都还在，请点下面的按钮，或者直接打字回答。",
  en: "That option is not available now. Everything you have told me is kept; please tap a button below or type your answer.",
} as const;

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
    followWrittenLanguage(b, input.text);
    const command = parseCommand(input.text);
    // In crisis mode a question back ("要多久有人来") is answered by the crisis protocol, not the FAQ,
    // and so is "算了": someone in danger who says it is giving up, not withdrawing a case.
    if (command && !((command.kind === "question" || command.kind === "cancel") && b.s.crisis)) return onCommand(b, command, fresh);
  } else {
    if (!offered(b, fresh).has(input.value)) {
      b.say(BUTTON_REFUSED[b.s.language === "en" ? "en" : "zh"]);
      if (fresh) greet(b);
      else reprompt(b);
      return b.s;
    }
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
      if (input.kind === "text") {
        addToStory(b, input.text, b.triage(input.text));
        // Where they are, who is with them, a phone: kept for the case and the crisis questions.
        if (b.s.redHelpShown) heardBeforeFiling(b, input.text);
      }
      if (b.s.redHelpShown && b.s.filingRetrying) b.s = { ...b.s, filingAnswerOwed: true };
      return fileNow(b);
    case "handed_off":
      return onAfterHandoff(b, input);
    case "safety_check":
      return onSafetyAnswer(b, input, stage.about);
    case "cancel_confirm":
      return onCancelConfirm(b, input, stage.back);
  }
}

/**
 * The button values the resident can legitimately press now: those the current stage shows
 * (what `reprompt`, or `greet` for a new conversation, would send), the language choice, and
 * the cancel confirmation. While a filing is retried any press only retries it.
 */
function offered(b: TurnBuilder, fresh: boolean): { has(value: string): boolean } {
  const stage = b.s.stage.kind;
  if (stage === "filing") return { has: () => true };
  const probe = new TurnBuilder(b.s, b.deps);
  if (fresh) greet(probe);
  else reprompt(probe);
  const values = new Set(probe.replies.flatMap((r) => r.buttons?.map((button) => button.value) ?? []));
  for (const value of ["lang:zh", "lang:en"]) values.add(value);
  if (stage === "cancel_confirm") for (const value of ["cancel:yes", "cancel:no"]) values.add(value);
  // The crisis mode's safety question (crisis.ts) is asked with yes/no buttons.
  if (b.s.crisis?.asked === "safety") for (const value of ["safety:yes", "safety:no"]) values.add(value);
  // The summary's "correct" shows the field buttons; either list may still be on screen.
  if (stage === "confirming" || stage === "choosing_correction") {
    const other = new TurnBuilder({ ...b.s, stage: { kind: stage === "confirming" ? "choosing_correction" : "confirming" } }, b.deps);
    reprompt(other);
    for (const r of other.replies) for (const button of r.buttons ?? []) values.add(button.value);
  }
  return values;
}

/**
 * A resident who writes in English is answered in English (and one who writes Chinese after that, in
 * Chinese), until they choose a language themselves.
 */
function followWrittenLanguage(b: TurnBuilder, text: string): void {
  if (b.s.languageChosen) return;
  const written = writtenLanguage(text);
  if (written && written !== b.s.language) b.s = { ...b.s, language: written };
}

function onGlobalButton(b: TurnBuilder, value: string): Session | null | undefined {
  if (value === "lang:zh" || value === "lang:en") {
    b.s = { ...b.s, language: value === "lang:en" ? "en" : "zh", languageChosen: true };
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
