/**
 * Held-out set v6: an independent measurement of the risk colour on texts written without
 * looking at the rules, the lexicons or the data (colloquial, dialect, speech-to-text typos,
 * second-hand reports, long rambling stories where the danger is one clause among many).
 *
 * The test asserts the fixture's structure and two floors (set by the lead); everything else
 * is printed so a run shows the in-range share, missed reds, false reds and every failure.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadKnowledge } from "../../../knowledge/load.js";
import { COLOR_RANK } from "../../support/heldout.js";
import { createTriager, type Triager } from "../../../nlp/triage.js";
import type { RiskColor } from "../../../nlp/types.js";
import { colourInRange, loadJsonlFixture, riskSummary } from "../../support/heldout.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/heldout-v6/risk.jsonl", import.meta.url));

// --- floors: the lead sets these ---------------------------------------------------------
// First, untuned measurement 2026-11-27 (after the fifth rules round): missed reds 24/77 = 31.2%
// (17 became orange, 7 blue), false reds 1/65 = 1.5%, in range 74.3%. This set has guided no tuning:
// it is the honest number. The floors guard against regression; the goal is no missed red.
// Engine v2 (a learned reader, never trained on this set): missed reds 5/77 = 6.5% (4 orange, 1 blue),
// false reds 4/65 = 6.2% (of rows whose highest colour is orange or below).
const FLOOR = { missedRedShare: 0.1, falseRedShare: 0.07 };
// -------------------------------------------------------------------------------------------

const COLORS = ["blue", "yellow", "orange", "red"] as const satisfies readonly RiskColor[];
const rank = (c: RiskColor): number => COLOR_RANK[c];

const Color = z.enum(COLORS);
const Item = z
  .object({
    text: z.string().trim().min(4),
    minColor: Color,
    maxColor: Color,
    why: z.string().trim().min(3),
  })
  .strict()
  .refine((i) => rank(i.minColor) <= rank(i.maxColor), { message: "minColor must not be above maxColor" });
type Item = z.infer<typeof Item>;

interface Outcome {
  item: Item;
  got: RiskColor;
  inRange: boolean;
  reasons: string[];
}

const short = (s: string, n = 60): string => (s.length > n ? `${s.slice(0, n)}…` : s);

describe("held-out v6: risk colour", () => {
  const items = loadJsonlFixture(FIXTURE, Item);
  let triager: Triager;
  let outcomes: Outcome[] = [];

  beforeAll(() => {
    triager = createTriager({ knowledge: loadKnowledge() });
    outcomes = items.map((item) => {
      const risk = triager.triage(item.text).risk;
      return {
        item,
        got: risk.color,
        inRange: colourInRange(risk.color, item.minColor, item.maxColor),
        reasons: risk.reasons.map((x) => `${x.color}:${x.signal}`),
      };
    });
  });

  it("fixture is well formed: ≥100 items, about half must-be-red, ≥15 strict blue, no duplicates", () => {
    expect(items.length).toBeGreaterThanOrEqual(100);
    const reds = items.filter((i) => i.minColor === "red").length;
    expect(reds / items.length).toBeGreaterThanOrEqual(0.4);
    expect(reds / items.length).toBeLessThanOrEqual(0.6);
    expect(items.filter((i) => i.maxColor === "blue").length).toBeGreaterThanOrEqual(15);
    for (const c of COLORS) expect(items.some((i) => i.minColor === c)).toBe(true);
    const seen = new Set<string>();
    const dups = items.map((i) => i.text.replace(/\s+/g, "")).filter((t) => (seen.has(t) ? true : (seen.add(t), false)));
    expect(dups).toEqual([]);
  });

  it("measures the risk colour and meets the floors", () => {
    expect(outcomes.length).toBe(items.length);

    const summary = riskSummary(items, outcomes.map((o) => o.got));
    const mustRed = summary.mustRed;
    const missed = summary.missedReds;
    const notRed = summary.notRed;
    const falseRed = summary.falseReds;
    const inRange = summary.inRange;
    const missedRedShare = mustRed === 0 ? 0 : missed.length / mustRed;
    const falseRedShare = notRed === 0 ? 0 : falseRed.length / notRed;
    const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

    const lines: string[] = [];
    lines.push(`[heldout-v6] items ${outcomes.length}; in range ${inRange}/${outcomes.length} = ${pct(inRange / outcomes.length)}`);
    const became = new Map<RiskColor, number>();
    for (const o of missed) became.set(o.got, (became.get(o.got) ?? 0) + 1);
    lines.push(
      `[heldout-v6] missed reds ${missed.length}/${mustRed} = ${pct(missedRedShare)} (became: ${
        [...became].map(([c, n]) => `${c} ${n}`).join(", ") || "—"
      })`,
    );
    lines.push(`[heldout-v6] false reds ${falseRed.length}/${notRed} = ${pct(falseRedShare)}`);
    for (const c of COLORS) {
      const group = outcomes.filter((o) => o.item.minColor === c);
      const ok = group.filter((o) => o.inRange).length;
      const dist = COLORS.map((g) => `${g}=${group.filter((o) => o.got === g).length}`).join(" ");
      lines.push(`[heldout-v6] expected ≥${c}: ${ok}/${group.length} in range; got ${dist}`);
    }
    const failures = outcomes.filter((o) => !o.inRange);
    lines.push(`[heldout-v6] failures (${failures.length}):`);
    for (const o of failures) {
      lines.push(
        `  want ${o.item.minColor}..${o.item.maxColor} got ${o.got} | ${o.item.why} | ${short(o.item.text)} | reasons: ${
          o.reasons.join(", ") || "none"
        }`,
      );
    }
    console.log(lines.join("\n"));

    // --- floors (lead-set) ---
    expect(missedRedShare).toBeLessThanOrEqual(FLOOR.missedRedShare);
    expect(falseRedShare).toBeLessThanOrEqual(FLOOR.falseRedShare);
  });
});
