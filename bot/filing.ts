// Filing the case: the red path that files at once, and the file_case effect itself.
import { mergeRisk } from "../nlp/risk.js";
import type { Triage } from "../nlp/types.js";
import type { Session } from "./session.js";
import { caseDraft } from "./summary.js";
import type { TurnBuilder } from "./turn.js";

export function isRed(b: TurnBuilder, text: string): boolean {
  return b.deps.triage(text).risk.color === "red";
}

export function redFiling(b: TurnBuilder): Session {
  b.s = { ...b.s, urgent: true, redHelpShown: true };
  b.say(`${b.t.red.help}\n${b.t.red.filedNow}`);
  return fileNow(b);
}

export function fileNow(b: TurnBuilder): Session {
  const triage = currentTriage(b);
  b.s = { ...b.s, triage, stage: { kind: "filing" } };
  b.effect({ kind: "file_case", draft: caseDraft(b.s, triage) });
  return b.s;
}

/** The story's triage, with any red seen later merged in (a colour never goes down by itself). */
function currentTriage(b: TurnBuilder): Triage {
  const latest = b.deps.triage(b.s.story || b.s.heldStory || "");
  const previous = b.s.triage;
  if (!previous) return latest;
  return { ...previous, risk: mergeRisk(previous.risk, latest.risk) };
}
