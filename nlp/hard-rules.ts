/**
 * Hard rules (nlp/data/hard-rules.yaml): the few situations that are red whatever the model
 * says. A rule fires when every concept of one of its groups has a clear hit in the reading,
 * the hits within `near` clauses of each other. Each firing quotes the resident's words.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { isClear, type ConceptHit, type Reading } from "./reading.js";

const Id = z.string().regex(/^[a-z_]+$/);

export const HardRulesSchema = z.object({
  version: z.literal(1),
  near: z.number().int().min(0),
  rules: z
    .array(
      z.object({
        id: Id,
        criterion: Id,
        explanation: z.string().min(4),
        /** Overrides the file's `near` (0: the concepts must meet in one clause). */
        near: z.number().int().min(0).optional(),
        when: z.array(z.array(Id).min(1)).min(1),
      }),
    )
    .min(1),
});

export type HardRules = z.infer<typeof HardRulesSchema>;

export interface RuleFiring {
  id: string;
  criterion: string;
  explanation: string;
  /** The hits that made it fire, in text order. */
  hits: ConceptHit[];
}

export function loadHardRules(dir: string, knownConcepts: readonly string[]): HardRules {
  const rules = HardRulesSchema.parse(parseYaml(readFileSync(join(dir, "hard-rules.yaml"), "utf8")));
  const known = new Set(knownConcepts);
  const unknown = rules.rules.flatMap((r) => r.when.flat().filter((c) => !known.has(c)).map((c) => `${r.id}: ${c}`));
  if (unknown.length > 0) throw new Error(`hard-rules.yaml 引用了词表中没有的概念：${unknown.join("，")}`);
  return rules;
}

/** Finds one clear hit per concept of `group`, all within `near` clauses of the first. */
function matchGroup(group: readonly string[], clear: readonly ConceptHit[], near: number): ConceptHit[] | undefined {
  for (const anchor of clear.filter((h) => h.concept === group[0])) {
    const picked = [anchor];
    for (const concept of group.slice(1)) {
      const h = clear.find((x) => x.concept === concept && Math.abs(x.clause - anchor.clause) <= near);
      if (!h) break;
      picked.push(h);
    }
    if (picked.length === group.length) return picked.sort((a, b) => a.start - b.start);
  }
  return undefined;
}

/** Every rule that fires on a reading (at most one firing per rule: its first group that matches). */
export function applyHardRules(reading: Reading, rules: HardRules): RuleFiring[] {
  // Pinyin of two syllables is too ambiguous to decide alone (kan dao is 看到 before it is 砍刀), except a wish to die.
  const clear = reading.hits.filter((h) => isClear(h) && (h.via !== "pinyin" || h.word.length > 2 || h.concept === "die_wish"));
  if (clear.length === 0) return [];
  const out: RuleFiring[] = [];
  for (const rule of rules.rules) {
    for (const group of rule.when) {
      const hits = matchGroup(group, clear, rule.near ?? rules.near);
      if (hits) {
        out.push({ id: rule.id, criterion: rule.criterion, explanation: rule.explanation, hits });
        break;
      }
    }
  }
  return out;
}
