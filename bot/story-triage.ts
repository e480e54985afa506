// The story's triage, kept as the resident writes: each message is triaged once (TurnBuilder.triage)
// and joins the triage of what came before, instead of the whole story being triaged again.
import type { ColourRules } from "../knowledge/colours.js";
import { mergeRisk, ownerOf } from "../nlp/risk.js";
import type { Facts, Triage } from "../nlp/types.js";
import type { TurnBuilder } from "./turn.js";

/**
 * One triage for a story told in several messages, from the triages of its parts: the colour
 * only goes up (the highest wins, reasons accumulate), facts are merged (what the earlier part
 * said stands, the later one fills gaps), and the domain and services stay the earlier part's
 * unless it was unsure and the later one is not. `pii` offsets stay relative to their own message.
 */
export function combineTriages(earlier: Triage, later: Triage, rules: ColourRules): Triage {
  const classified = earlier.unsure && !later.unsure ? later : earlier;
  return {
    ...classified,
    risk: mergeRisk(earlier.risk, later.risk, { ownerOf: ownerOf(rules) }),
    facts: mergeFacts(earlier.facts, later.facts),
    masked: [earlier.masked, later.masked].filter(Boolean).join("\n"),
    pii: [...earlier.pii, ...later.pii],
  };
}

function mergeFacts(earlier: Facts, later: Facts): Facts {
  const seen = new Set(earlier.attempts.map((a) => `${a.kind}|${a.text}`));
  const attempts = [...earlier.attempts, ...later.attempts.filter((a) => !seen.has(`${a.kind}|${a.text}`))];
  return { ...later, ...earlier, attempts };
}

/** Adds a resident's message to the story; its triage (already run) joins the story's. */
export function addToStory(b: TurnBuilder, text: string, triage: Triage): Triage {
  const combined = b.s.story && b.s.triage ? combineTriages(b.s.triage, triage, b.deps.colours) : triage;
  b.s = { ...b.s, story: b.s.story ? `${b.s.story}\n${text}` : text, triage: combined };
  return combined;
}
