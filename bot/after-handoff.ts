// Messages after the case is filed: they are appended to it, never start a new interview. A red
// case (or a later red message) puts the conversation in crisis mode (crisis.ts).
import { crisisHelp, onCrisisMessage, startCrisis } from "./crisis.js";
import { crisisTextsFor } from "./crisis-texts.js";
import type { Session } from "./session.js";
import type { TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

export function onAfterHandoff(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>): Session {
  const number = b.s.filed?.number;
  if (!number) return b.s;
  if (b.s.crisis) return onCrisisMessage(b, input);
  const text = input.kind === "text" ? input.text : input.value;
  // A later message can carry a new danger: its risk travels with it so the case's
  // colour can only go up (the queue raises it; nothing here lowers it).
  const risk = input.kind === "text" ? b.triage(input.text).risk : undefined;
  b.effect({ kind: "append_to_case", caseNumber: number, text, at: b.deps.now(), ...(risk && risk.color !== "blue" ? { risk } : {}) });
  if (risk?.color === "red") {
    b.s = { ...b.s, urgent: true, redHelpShown: true, filed: { number, color: "red" }, ...(b.s.triage ? { triage: { ...b.s.triage, risk } } : {}) };
    return startCrisis(b, [crisisHelp(b.s.language, risk), crisisTextsFor(b.s.language).handedToStaff]);
  }
  // A person is already talking with the resident: the bot stays quiet.
  if (!b.s.staffActive) b.say(b.t.afterHandoffAck(number));
  return b.s;
}
