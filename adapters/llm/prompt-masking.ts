// What leaves the process for an LLM: the offline engine's masked text (nlp/pii.ts: phone, ID and
// bank-card numbers, e-mail, plates, house addresses), with the names the intake knows, and those
// the text introduces (我叫…, 邻居王老三), replaced as well.
import { readOtherParty } from "../../nlp/facts.js";
import { clauses } from "../../nlp/normalize.js";
import { maskPii } from "../../nlp/pii.js";
import { readSlots } from "../../nlp/slots.js";

export const NAME_MASK = "[姓名]";

/** Names in a text: a self-introduction and the other party's, as nlp's readers find them. */
export function namesIn(text: string): string[] {
  const names: string[] = [];
  // Clause by clause: a story names more than one person (邻居王老三…我姐姐李秀英…).
  for (const clause of clauses(maskPii(text).masked)) {
    for (const name of [readSlots(clause, []).name, readOtherParty(clause)?.name]) if (name && !name.startsWith("姓")) names.push(name);
  }
  return names;
}

/**
 * The text an LLM may see.
 * @example maskForPrompt("我叫张大海，电话13912345678", []) === "我叫[姓名]，电话139****5678"
 */
export function maskForPrompt(text: string, knownNames: readonly string[] = []): string {
  let masked = maskPii(text).masked;
  const names = [...new Set([...knownNames, ...namesIn(text)].map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  for (const name of names) masked = masked.split(name).join(NAME_MASK);
  return masked;
}
