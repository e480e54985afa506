// Filing the case: the red path that files at once, and the file_case effect itself.
import { crisisHelp } from "./crisis.js";
import type { Session } from "./session.js";
import { addToStory } from "./story-triage.js";
import { caseDraft } from "./summary.js";
import type { TurnBuilder } from "./turn.js";

export function isRed(b: TurnBuilder, text: string): boolean {
  return b.triage(text).risk.color === "red";
}

/** A red message during the interview: it joins the story (raising its colour) and the case is filed at once. */
export function redAddition(b: TurnBuilder, text: string): Session {
  addToStory(b, text, b.triage(text));
  return redFiling(b);
}

export function redFiling(b: TurnBuilder): Session {
  // The hotlines at once; "交给工作人员" only once the case exists (effect-results.ts).
  b.s = { ...b.s, urgent: true, redHelpShown: true };
  b.say(crisisHelp(b.s.language, b.s.triage?.risk));
  return fileNow(b);
}

export function fileNow(b: TurnBuilder): Session {
  // The story's triage was combined message by message as the resident wrote (story-triage.ts),
  // so filing triages nothing; only a session kept without one has its story triaged here, once.
  const triage = b.s.triage ?? b.deps.triage(b.s.story || b.s.heldStory || "");
  b.s = { ...b.s, triage, stage: { kind: "filing" } };
  // What the bot said in this turn (the hotlines of a red filing) is in the staff transcript too.
  const said = b.replies.map((r) => ({ from: "bot" as const, text: r.text, at: b.deps.now().toISOString() }));
  b.effect({ kind: "file_case", draft: caseDraft({ ...b.s, transcript: [...b.s.transcript, ...said] }, triage) });
  return b.s;
}
