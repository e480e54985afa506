/**
 * Held-out evaluation set v4: the final honest measurement of triage (domain + first risk colour).
 * Written independently of the classifier, the lexicons and the earlier held-out sets; not for tuning.
 *
 * Only the fixtures' structure is asserted unconditionally. Quality is PRINTED; the two floors below
 * start permissive and are set by the lead after measuring.
 */

// ───────────────────────── FLOORS (set by the lead after measuring) ─────────────────────────
// First measurement, untuned, 2026-11-27: domain macro-F1 0.962; risk 78/100 in range,
// missed reds 12/49 = 24.5% (7 came out blue, 5 orange). The floors guard against regression;
// the goal for missed reds is zero.
const FLOOR = { macroF1: 0.93, missedRedShare: 0.3 };
// ─────────────────────────────────────────────────────────────────────────────────────────────

import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadKnowledge } from "../../../knowledge/load.js";
import { evaluate, formatEvalReport } from "../../../nlp/metrics.js";
import { COLOR_RANK as RANK } from "../../support/heldout.js";
import { createTriager, type Triager } from "../../../nlp/triage.js";
import { DOMAINS, type Domain, type RiskColor } from "../../../nlp/types.js";
import { readJsonlFixture, riskSummary } from "../../support/heldout.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/heldout-v4/", import.meta.url));
const STUDIOS = ["medical", "marital", "neighbor", "financial", "campus"] as const satisfies readonly Domain[];
const COLORS = ["blue", "yellow", "orange", "red"] as const satisfies readonly RiskColor[];

const MIN_DOMAIN_LINES = 240;
const MIN_PER_STUDIO = 35;
const MIN_OTHER = 70;
const MIN_RISK_LINES = 80;
const MIN_RED_SHARE = 0.4;

const DomainLine = z.object({ text: z.string().trim().min(4), domain: z.enum(DOMAINS) }).strict();
const RiskLine = z
  .object({ text: z.string().trim().min(4), minColor: z.enum(COLORS), maxColor: z.enum(COLORS), why: z.string().min(3) })
  .strict()
  .refine((r) => RANK[r.minColor] <= RANK[r.maxColor], { message: "minColor above maxColor" });
type DomainLine = z.infer<typeof DomainLine>;
type RiskLine = z.infer<typeof RiskLine>;

function duplicates(texts: string[]): string[] {
  const key = (t: string) => t.replace(/[\s，。！？、,.!?]/g, "");
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const t of texts) {
    const k = key(t);
    if (seen.has(k)) dups.push(t);
    seen.add(k);
  }
  return dups;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const short = (t: string) => (t.length > 60 ? `${t.slice(0, 60)}…` : t);

const domainFile = readJsonlFixture(`${FIXTURES}domain.jsonl`, DomainLine);
const riskFile = readJsonlFixture(`${FIXTURES}risk.jsonl`, RiskLine);

describe("held-out v4 fixtures (structure)", () => {
  it("parse with no schema errors", () => {
    expect(domainFile.errors).toEqual([]);
    expect(riskFile.errors).toEqual([]);
  });

  it("domain set has enough lines per class", () => {
    const rows: DomainLine[] = domainFile.rows;
    expect(rows.length).toBeGreaterThanOrEqual(MIN_DOMAIN_LINES);
    for (const s of STUDIOS) expect(rows.filter((r) => r.domain === s).length, s).toBeGreaterThanOrEqual(MIN_PER_STUDIO);
    expect(rows.filter((r) => r.domain === "other").length).toBeGreaterThanOrEqual(MIN_OTHER);
  });

  it("risk set has enough lines, about half must-be-red, every colour present", () => {
    const rows: RiskLine[] = riskFile.rows;
    expect(rows.length).toBeGreaterThanOrEqual(MIN_RISK_LINES);
    const mustRed = rows.filter((r) => r.minColor === "red").length;
    expect(mustRed / rows.length).toBeGreaterThanOrEqual(MIN_RED_SHARE);
    for (const c of COLORS) expect(rows.some((r) => r.minColor === c || r.maxColor === c), c).toBe(true);
  });

  it("has no duplicate texts (ignoring spaces and punctuation)", () => {
    expect(duplicates(domainFile.rows.map((r) => r.text))).toEqual([]);
    expect(duplicates(riskFile.rows.map((r) => r.text))).toEqual([]);
  });
});

describe("held-out v4 measurement (printed; floors set by the lead)", () => {
  let triager: Triager;
  beforeAll(() => {
    triager = createTriager({ knowledge: loadKnowledge() });
  });

  it("domain: accuracy, per-class P/R/F1, macro-F1, confusion matrix", () => {
    const pairs = domainFile.rows.map((r) => ({ text: r.text, gold: r.domain, pred: triager.triage(r.text).domain }));
    const report = evaluate(DOMAINS, pairs.map((p) => ({ gold: p.gold, predicted: p.pred })));
    const { macroF1, accuracy } = report;
    const lines: string[] = [];
    lines.push(`\n=== heldout-v4 DOMAIN (n=${pairs.length}) ===`);
    lines.push(`accuracy ${pct(accuracy)}   macro-F1 ${macroF1.toFixed(3)}`);
    lines.push(formatEvalReport(report));
    const failures = pairs.filter((p) => p.gold !== p.pred);
    lines.push(`--- domain failures (${failures.length}) ---`);
    for (const f of failures) lines.push(`  gold=${f.gold} pred=${f.pred} | ${short(f.text)}`);
    console.log(lines.join("\n"));

    expect(pairs.length).toBe(domainFile.rows.length);
    expect(macroF1).toBeGreaterThanOrEqual(FLOOR.macroF1);
  });

  it("risk: in-range share, missed reds and what they became", () => {
    const colours = riskFile.rows.map((r) => triager.triage(r.text).risk.color);
    const summary = riskSummary(riskFile.rows, colours);
    const results = riskFile.rows.map((r, i) => ({ ...r, color: colours[i]!, inRange: summary.inRangeFlags[i]! }));
    const inRange = summary.inRange;
    const mustRed = results.filter((r) => r.minColor === "red");
    const missed = summary.missedReds;
    const missedRedShare = mustRed.length === 0 ? 0 : missed.length / mustRed.length;
    const missedAs = summary.missedAs;
    const overRed = summary.falseReds.length;

    const lines: string[] = [];
    lines.push(`\n=== heldout-v4 RISK (n=${results.length}, must-be-red ${mustRed.length}) ===`);
    lines.push(`in range ${inRange}/${results.length} = ${pct(inRange / Math.max(1, results.length))}`);
    lines.push(`missed reds ${missed.length}/${mustRed.length} = ${pct(missedRedShare)}   coloured instead: ${COLORS.filter((c) => c !== "red").map((c) => `${c} ${missedAs[c]}`).join(", ")}`);
    lines.push(`false reds (red where max < red): ${overRed}`);
    for (const c of COLORS) {
      const group = results.filter((r) => r.minColor === c);
      const dist = COLORS.map((p) => `${p} ${group.filter((r) => r.color === p).length}`).join(", ");
      lines.push(`  min=${c.padEnd(6)} n=${String(group.length).padStart(3)}  predicted: ${dist}`);
    }
    const failures = results.filter((r) => !r.inRange);
    lines.push(`--- risk failures (${failures.length}) ---`);
    for (const f of failures) lines.push(`  want=${f.minColor}..${f.maxColor} got=${f.color} (${f.why}) | ${short(f.text)}`);
    console.log(lines.join("\n"));

    expect(results.length).toBe(riskFile.rows.length);
    expect(missedRedShare).toBeLessThanOrEqual(FLOOR.missedRedShare);
  });
});
