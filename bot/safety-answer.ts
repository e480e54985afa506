// How a resident answers the safety question ("您现在有伤害自己的想法吗？" / "现在有没有人有危险？"),
// asked before filing (safety-check.ts) or first in the crisis mode (crisis.ts).
import { isNo, isYes } from "./commands.js";

/** Words that answer "yes" to the safety question beyond the generic yes (有, 想过, 有点). */
const SAFETY_YES = /^(?:有|有的|有啊|有点|有一点|想过|想|是|嗯+|对)[，,。.!！\s]*|^yes\b|^yeah\b/i;
const SAFETY_NO = /^(?:没有|没|没有的|不会|不想|没那个想法|没有危险|都好|放心|no\b|nope|not)/i;

/** How a message answers the safety question, by button or in words ("有", "想过", "没有危险", "no"). */
export function safetyAnswerOf(input: { kind: "text"; text: string } | { kind: "button"; value: string }): { yes: boolean; no: boolean } {
  if (input.kind === "button") return { yes: input.value === "safety:yes", no: input.value === "safety:no" };
  const text = input.text.trim();
  return { yes: isYes(text) || SAFETY_YES.test(text), no: isNo(text) || SAFETY_NO.test(text) };
}
