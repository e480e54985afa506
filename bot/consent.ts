// The consent stage: agree, decline, or (for a red message) help first and hold the story.
import { isGibberish } from "../nlp/gibberish.js";
import { isNo, isOpening, isYes, toHalfWidth } from "./commands.js";
import { crisisHelp, declinedInDanger } from "./crisis.js";
import { isRed } from "./filing.js";
import { consentPrompt, greet } from "./prompts.js";
import { formatResumeCode } from "./resume-code.js";
import type { Session } from "./session.js";
import { takeStory } from "./story.js";
import { combineTriages } from "./story-triage.js";
import { record, type TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

export function onConsent(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>, fresh: boolean): Session | null {
  const text = input.kind === "text" ? input.text : "";
  if (input.kind === "button" ? input.value === "consent:yes" : !fresh && isYes(text)) {
    const code = b.deps.newResumeCode();
    b.s = { ...b.s, consentAt: b.deps.now().toISOString(), resumeCode: code, stage: { kind: "story", wantsPerson: false } };
    b.effect({ kind: "register_resume_code", code });
    if (b.s.heldStory) {
      const held = b.s.heldStory;
      // A session kept before held triages were stored has none: its held text is triaged now.
      const heldTriage = b.s.heldTriage ?? b.deps.triage(held);
      const { heldStory: _held, heldTriage: _triage, ...rest } = b.s;
      b.s = rest;
      record(b, "resident", held);
      // A red message was held to be filed at once; anything else is the story, asked about as usual.
      return takeStory(b, held, heldTriage.risk.color === "red", heldTriage);
    }
    b.say(`${b.t.askStory}\n${b.t.resumeCodeNote(formatResumeCode(code))}`);
    return b.s;
  }
  if (input.kind === "button" ? input.value === "consent:no" : isNo(text)) {
    if (b.s.heldTriage?.risk.color === "red") {
      declinedInDanger(b);
      return null;
    }
    b.say(b.t.consentDeclined);
    return null;
  }
  if (text && isRed(b, text)) {
    // Life first: help at once, and keep this one message (and its triage) so it can be filed on consent.
    const triage = b.triage(text);
    const heldTriage = b.s.heldTriage ? combineTriages(b.s.heldTriage, triage, b.deps.colours) : triage;
    b.s = { ...b.s, heldStory: [b.s.heldStory, text].filter(Boolean).join("\n"), heldTriage, redHelpShown: true, urgent: true };
    b.say(crisisHelp(b.s.language, triage.risk));
    if (fresh) b.say(b.t.greeting);
    consentPrompt(b, `${b.t.privacyNotice}\n${b.t.red.beforeConsent}`);
    return b.s;
  }
  if (text && !isYes(text) && !isNo(text) && tellsSomething(text)) {
    // Held in the session only, until the resident agrees (or refuses: the session is then forgotten).
    const triage = b.triage(text);
    const heldTriage = b.s.heldTriage ? combineTriages(b.s.heldTriage, triage, b.deps.colours) : triage;
    b.s = { ...b.s, heldStory: [b.s.heldStory, text].filter(Boolean).join("\n"), heldTriage };
    if (fresh) b.say(b.t.greeting);
    consentPrompt(b, `${b.t.heldBeforeConsent}\n${b.t.privacyNotice}`);
    return b.s;
  }
  if (fresh) greet(b);
  else consentPrompt(b, b.t.consentReminder);
  return b.s;
}

const GREETING = /^(?:你好|您好|hello|hi|喂|在吗|在不在|有人吗|请问|早上好|晚上好|下午好)[啊呀吗呢，,。.!！?？\s]*/i;

/** A message with something to register (not a greeting, a question mark or a keyboard mash). */
function tellsSomething(text: string): boolean {
  const rest = toHalfWidth(text).replace(GREETING, "").trim();
  return rest.replace(/[\p{P}\p{S}\s]/gu, "").length >= 5 && !isGibberish(rest) && !isOpening(rest);
}
