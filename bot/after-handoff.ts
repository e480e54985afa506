// Messages after the case is filed: they are appended to it, never start a new interview.
import type { Session } from "./session.js";
import type { TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

export function onAfterHandoff(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>): Session {
  const number = b.s.filed?.number;
  const text = input.kind === "text" ? input.text : input.value;
  if (!number) return b.s;
  // A later message can carry a new danger: its risk travels with it so the case's
  // colour can only go up (the queue raises it; nothing here lowers it).
  const risk = input.kind === "text" ? b.triage(input.text).risk : undefined;
  b.effect({ kind: "append_to_case", caseNumber: number, text, at: b.deps.now(), ...(risk && risk.color !== "blue" ? { risk } : {}) });
  if (risk?.color === "red") {
    b.say(`${b.t.red.help}\n${b.t.red.filedNow}`);
    return b.s;
  }
  // A person is already talking with the resident: the bot stays quiet.
  if (!b.s.staffActive) b.say(b.t.afterHandoffAck(number));
  return b.s;
}
