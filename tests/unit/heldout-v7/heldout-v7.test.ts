/**
 * Held-out v7 (sets A to G, I and J): fresh sets of 180 messages (G: 192), written by helpers who never
 * saw the rules, the vocabulary or the training corpus of triage engine v2, in every register
 * residents use (plain, elderly, dialect, WeChat, hotline ASR, long stories, pinyin, initials,
 * English, mixed, traditional, homophones). Each row: the colour, the domain and the categories
 * an intake clerk would accept first.
 *
 * FIRST_SIGHT is what engine v2 scored on each the first time: A and B before any tuning, C after the
 * one tuning round A and B guided (C was written meanwhile and measured once, after it), D on the
 * engine as it was committed, once, E once after the second round. These are the honest numbers. The floors guard against
 * regression; all five sets have now been seen, so the next honest number needs the next fresh set.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../knowledge/load.js";
import { formatRiskReport, formatServiceReport, LabelledMessageSchema, measure, type Measurement } from "../../../nlp/evaluation.js";
import { formatEvalReport } from "../../../nlp/metrics.js";
import { createTriager } from "../../../nlp/triage.js";
import { loadJsonlFixture } from "../../support/heldout.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/heldout-v7/${name}`, import.meta.url));

// --- first sight (2026-12-01, engine v2, before any tuning) and floors: the lead sets these ---
const FIRST_SIGHT = {
  "set-a.jsonl": { redAsRed: 74, reds: 75, redBelowOrange: 0, calmAsRed: 6, calm: 70, macroF1: 0.884, firstService: 152, topThreeServices: 172 },
  "set-b.jsonl": { redAsRed: 75, reds: 75, redBelowOrange: 0, calmAsRed: 6, calm: 70, macroF1: 0.905, firstService: 160, topThreeServices: 176 },
  "set-c.jsonl": { redAsRed: 74, reds: 75, redBelowOrange: 0, calmAsRed: 4, calm: 70, macroF1: 0.908, firstService: 170, topThreeServices: 178 },
  "set-d.jsonl": { redAsRed: 73, reds: 75, redBelowOrange: 0, calmAsRed: 2, calm: 70, macroF1: 0.894, firstService: 170, topThreeServices: 177 },
  // E: written while the second round (held-back wishes to die, suicide pacts, consultation and contrast
  // corpus, short answers) was being built, measured once on its result, before anything was tuned on it.
  "set-e.jsonl": { redAsRed: 74, reds: 75, redBelowOrange: 0, calmAsRed: 3, calm: 70, macroF1: 0.912, firstService: 163, topThreeServices: 175 },
  // F (2026-12-02): written by a helper who saw neither the rules nor the corpus, with 21 ordinary
  // lane and gate disputes and 11 real group blockades among its lines; measured once, after the
  // blockade concept and the access-dispute corpus, before anything was tuned on it. Below the
  // red-recall target: six reds came out orange (a couple's plan to drink poison together, a child
  // taken written with a homophone, implied danger in long stories, an English hint).
  "set-f.jsonl": { redAsRed: 69, reds: 75, redBelowOrange: 0, calmAsRed: 0, calm: 70, macroF1: 0.933, firstService: 166, topThreeServices: 180 },
  // G (2026-12-02): 192 messages (80 red) by a helper who saw neither the rules nor the corpus, measured
  // once after the third round (a corpus of weak registers written by another helper who saw no set,
  // people in general and supposed cases read as told of, a space between long runs ending a clause),
  // before anything was tuned on it. Three reds came out orange, none lower.
  "set-g.jsonl": { redAsRed: 77, reds: 80, redBelowOrange: 0, calmAsRed: 2, calm: 72, macroF1: 0.919, firstService: 180, topThreeServices: 192 },
  // I (2026-12-03): 180 messages (72 red, 15 in each of 12 registers) by a helper who saw neither the rules
  // nor the corpus, measured once on commit 90d02b2, before anything was tuned on it (a set H of 2026-12-02,
  // first sight 72/72, 3/72 calm red, F1 0.921, first service 161/180, was lost before it was committed).
  // One red came out blue: a son's diary with the day, the place and whom to thank, under his own "我就是说说".
  "set-i.jsonl": { redAsRed: 71, reds: 72, redBelowOrange: 1, calmAsRed: 1, calm: 72, macroF1: 0.932, firstService: 173, topThreeServices: 179 },
  // J (2026-12-04): 180 messages (72 red, 15 in each of the 12 registers, 30 per domain) by a helper who read
  // only the rubric and the category list, measured once on commit ece8616, before anything was tuned on it.
  // Every red red; four calm messages red (5.6%, over the 5% target): look-alikes of a means or a plan — an
  // English kitchen-knife complaint, a worker waterproofing a roof, a son giving his books away because he got
  // into university, another man's poisoning told as the past.
  "set-j.jsonl": { redAsRed: 72, reds: 72, redBelowOrange: 0, calmAsRed: 4, calm: 72, macroF1: 0.957, firstService: 168, topThreeServices: 179 },
} as const;
// Now (after the round; general fixes: past told after the words, pinyin negation, questions that are
// not negations, fiction, products, English and pinyin topic words, calm look-alikes in the corpus):
// A 73/75 red, 0/70 calm red, F1 0.963, services 171 and 179 of 180; B 75/75, 1/70, 0.946, 170 and 179;
// C 74/75, 3/70, 0.929, 173 and 179. The floors leave a little room below the weakest.
const FLOOR = { redRecall: 0.95, maxRedBelowOrange: 0, maxCalmRed: 0.06, macroF1: 0.89, firstService: 0.9, topThreeServices: 0.97 };
// F met the red-recall target only at 69/75 at first sight; after the third round (corpus of weak
// registers, people in general, spaces as clause breaks) it is 72/75 and the common floor holds.
const RED_RECALL_FLOOR: Partial<Record<keyof typeof FIRST_SIGHT, number>> = {};
// I's diary plan (the day and the place to jump, without a danger word) is read blue: kept as found, not
// tuned away, so the floor for I is its first sight until the engine reads implied plans.
const RED_BELOW_ORANGE_ALLOWED: Partial<Record<keyof typeof FIRST_SIGHT, number>> = { "set-i.jsonl": 1 };
// -------------------------------------------------------------------------------------------------

for (const name of Object.keys(FIRST_SIGHT) as (keyof typeof FIRST_SIGHT)[]) {
  describe(`held-out v7 ${name}`, () => {
    const rows = loadJsonlFixture(fixture(name), LabelledMessageSchema);
    let m: Measurement;

    beforeAll(() => {
      const triager = createTriager({ knowledge: loadKnowledge() });
      m = measure(rows, (t) => triager.triage(t));
      console.log(`[heldout-v7 ${name}]\n${formatRiskReport(m.risk)}\n${formatServiceReport(m.services!)}\n${formatEvalReport(m.domain!)}`);
      const missed = m.outcomes.filter((o) => o.row.color === "red" && o.triage.risk.color !== "red");
      for (const o of missed) console.log(`  missed red → ${o.triage.risk.color} | ${o.row.register} | ${o.row.text.slice(0, 60)}`);
    });

    it("is a well-formed fresh set: ≥ 180 rows, ≥ 60 red, every domain ≥ 20, categories from the catalogue", () => {
      const categories = new Set(loadKnowledge().categories.map((c) => c.id));
      expect(rows.length).toBeGreaterThanOrEqual(180);
      expect(rows.filter((r) => r.color === "red").length).toBeGreaterThanOrEqual(60);
      for (const d of ["medical", "marital", "neighbor", "financial", "campus", "other"]) expect(rows.filter((r) => r.domain === d).length).toBeGreaterThanOrEqual(20);
      for (const r of rows) for (const c of r.categories ?? []) expect(categories.has(c), c).toBe(true);
    });

    it("keeps red recall, reds below orange, calm reds, domain macro-F1 and service routing at or past the floors", () => {
      expect(m.risk.redAsRed / m.risk.reds).toBeGreaterThanOrEqual(RED_RECALL_FLOOR[name] ?? FLOOR.redRecall);
      expect(m.risk.redBelowOrange).toBeLessThanOrEqual(RED_BELOW_ORANGE_ALLOWED[name] ?? FLOOR.maxRedBelowOrange);
      expect(m.risk.calmAsRed / m.risk.calm).toBeLessThanOrEqual(FLOOR.maxCalmRed);
      expect(m.domain!.macroF1).toBeGreaterThanOrEqual(FLOOR.macroF1);
      expect(m.services!.firstAcceptable / m.services!.rows).toBeGreaterThanOrEqual(FLOOR.firstService);
      expect(m.services!.topThreeAcceptable / m.services!.rows).toBeGreaterThanOrEqual(FLOOR.topThreeServices);
    });
  });
}
