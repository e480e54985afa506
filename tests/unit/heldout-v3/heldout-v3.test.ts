/**
 * Held-out v3: the third fresh, independent evaluation set for triage (domain + risk colour).
 * Written from scratch without opening the project's training/tuning data, lexicons or earlier held-out sets.
 * Texts: colloquial, dialect, speech-to-text homophones, no punctuation, several issues per story,
 * about a third with no obvious single keyword for the domain or the risk.
 *
 * Its failure patterns (in general terms, not its sentences) then guided the third tuning
 * round, so it is now a regression set. After that round: missed reds 7/44 = 15.9%.
 *
 * MEASURED 2026-11-27 (no code changed for this measurement):
 *   domain (263 texts: 38 medical, 37 marital, 38 neighbor, 38 financial, 38 campus, 74 other):
 *     accuracy 90.5% (238/263), macro-F1 0.906
 *     P/R/F1  medical 93.3/73.7/0.824  marital 91.9/91.9/0.919  neighbor 94.7/94.7/0.947
 *             financial 86.0/97.4/0.914  campus 100/89.5/0.944  other 85.2/93.2/0.890
 *   risk (84 texts, 44 must-be-red): in range 70.2% (59/84), missed reds 14/44 = 31.8%  → FLOOR NOT MET
 *     must-be-red predicted: red 30, orange 6, yellow 1, blue 7; min-orange (14): 7 blue, 7 orange;
 *     min-yellow (8): 3 blue; blue (18): 17 blue, 1 orange.
 *   Measured against commit ac155ca (risk changes of 3f64e47 included); identical numbers on the
 *   uncommitted working tree just before that commit.
 *   One label was corrected before this run, on policy grounds only (an impostor "gas company" visit that
 *   took money is a scam → financial, first written as other).
 *
 * Assertions: only structural checks on the fixtures plus a regression floor
 * (macro-F1 ≥ 0.80, missed reds ≤ 25% of must-be-red). The floor is a guard, not the target.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadKnowledge } from "../../../knowledge/load.js";
import { evaluate, formatEvalReport } from "../../../nlp/metrics.js";
import { COLOR_RANK as RANK } from "../../support/heldout.js";
import { createTriager, type Triager } from "../../../nlp/triage.js";
import { DOMAINS, type Domain, type RiskColor } from "../../../nlp/types.js";
import { loadJsonlFixture, riskSummary } from "../../support/heldout.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/heldout-v3/", import.meta.url));
const COLORS = ["blue", "yellow", "orange", "red"] as const satisfies readonly RiskColor[];
const STUDIOS = ["medical", "marital", "neighbor", "financial", "campus"] as const satisfies readonly Domain[];

const MIN_DOMAIN_ROWS = 240;
const MIN_PER_STUDIO = 35;
const MIN_OTHER = 70;
const MIN_RISK_ROWS = 80;
const MACRO_F1_FLOOR = 0.8;
const MISSED_RED_CEILING = 0.25;

const domainRow = z.object({ text: z.string().trim().min(4), domain: z.enum(DOMAINS) }).strict();
const riskRow = z
  .object({ text: z.string().trim().min(4), minColor: z.enum(COLORS), maxColor: z.enum(COLORS), why: z.string().min(2) })
  .strict()
  .refine((r) => RANK[r.minColor] <= RANK[r.maxColor], { message: "minColor above maxColor" });

type DomainRow = z.infer<typeof domainRow>;
type RiskRow = z.infer<typeof riskRow>;

function duplicates(texts: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const t of texts) {
    const key = t.replace(/\s+/g, "");
    if (seen.has(key)) dup.add(t);
    seen.add(key);
  }
  return [...dup];
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const short = (t: string) => (t.length > 60 ? `${t.slice(0, 60)}…` : t);

describe("held-out v3 fixtures are well formed", () => {
  const domainRows = loadJsonlFixture<DomainRow>(`${FIXTURES}domain.jsonl`, domainRow);
  const riskRows = loadJsonlFixture<RiskRow>(`${FIXTURES}risk.jsonl`, riskRow);

  it("domain set: size, per-class counts, no duplicates", () => {
    expect(domainRows.length).toBeGreaterThanOrEqual(MIN_DOMAIN_ROWS);
    for (const s of STUDIOS) expect(domainRows.filter((r) => r.domain === s).length, s).toBeGreaterThanOrEqual(MIN_PER_STUDIO);
    expect(domainRows.filter((r) => r.domain === "other").length).toBeGreaterThanOrEqual(MIN_OTHER);
    expect(duplicates(domainRows.map((r) => r.text))).toEqual([]);
  });

  it("risk set: size, about half must-be-red, no duplicates", () => {
    expect(riskRows.length).toBeGreaterThanOrEqual(MIN_RISK_ROWS);
    const reds = riskRows.filter((r) => r.minColor === "red").length;
    expect(reds / riskRows.length).toBeGreaterThanOrEqual(0.4);
    expect(reds / riskRows.length).toBeLessThanOrEqual(0.6);
    for (const c of ["blue", "yellow", "orange"] as const) expect(riskRows.some((r) => r.maxColor === c), c).toBe(true);
    expect(duplicates(riskRows.map((r) => r.text))).toEqual([]);
  });

  it("no text appears in both sets", () => {
    const d = new Set(domainRows.map((r) => r.text.replace(/\s+/g, "")));
    expect(riskRows.filter((r) => d.has(r.text.replace(/\s+/g, ""))).map((r) => r.text)).toEqual([]);
  });
});

describe("held-out v3 measurement", () => {
  const domainRows = loadJsonlFixture<DomainRow>(`${FIXTURES}domain.jsonl`, domainRow);
  const riskRows = loadJsonlFixture<RiskRow>(`${FIXTURES}risk.jsonl`, riskRow);
  let triager: Triager;

  beforeAll(() => {
    triager = createTriager({ knowledge: loadKnowledge() });
  });

  it(`domain: macro-F1 ≥ ${MACRO_F1_FLOOR} (prints accuracy, per-class P/R/F1, confusion, failures)`, () => {
    const gold = domainRows.map((r) => r.domain);
    const results = domainRows.map((r) => triager.triage(r.text));
    const pred = results.map((t) => t.domain);
    const correct = gold.filter((g, i) => g === pred[i]).length;
    const report = evaluate(DOMAINS, domainRows.map((r, i) => ({ gold: r.domain, predicted: results[i]!.domain })));
    const macroF1 = report.macroF1;

    const out: string[] = [];
    out.push(`\n=== held-out v3 DOMAIN (${domainRows.length} texts) ===`);
    out.push(`accuracy ${pct(correct / gold.length)} (${correct}/${gold.length})   macro-F1 ${macroF1.toFixed(3)}`);
    out.push(formatEvalReport(report));
    const failures = domainRows.flatMap((r, i) => {
      const t = results[i];
      if (!t || t.domain === r.domain) return [];
      return [`  ${r.domain} → ${t.domain} (conf ${t.confidence.toFixed(2)}${t.unsure ? ", unsure" : ""}; ${t.domainEvidence.slice(0, 4).join("、")}) ${short(r.text)}`];
    });
    out.push(`failures (${failures.length}):`, ...failures);
    console.log(out.join("\n"));

    expect(macroF1).toBeGreaterThanOrEqual(MACRO_F1_FLOOR);
  });

  it(`risk: missed reds ≤ ${pct(MISSED_RED_CEILING)} (prints in-range share, missed reds, failures)`, () => {
    const results = riskRows.map((r) => triager.triage(r.text).risk);
    const summary = riskSummary(riskRows, results.map((r) => r.color));
    const inRange = summary.inRange;
    const mustRed = riskRows.filter((r) => r.minColor === "red");
    const missed = summary.missedReds;
    const missedShare = missed.length / mustRed.length;

    const out: string[] = [];
    out.push(`\n=== held-out v3 RISK (${riskRows.length} texts, ${mustRed.length} must-be-red) ===`);
    out.push(`in range ${pct(inRange / riskRows.length)} (${inRange}/${riskRows.length})   missed reds ${missed.length}/${mustRed.length} = ${pct(missedShare)}`);
    const byExpected = (["red", "orange", "yellow", "blue"] as const).map((lo) => {
      const rows = riskRows.map((r, i) => ({ r, c: results[i]?.color ?? "blue" })).filter((x) => x.r.minColor === lo);
      const hist = COLORS.map((c) => `${c} ${rows.filter((x) => x.c === c).length}`).join(", ");
      return `  min ${lo.padEnd(6)} (${rows.length}): predicted ${hist}`;
    });
    out.push(...byExpected);
    const failures = riskRows.flatMap((r, i) => {
      const a = results[i];
      if (!a) return [];
      if (summary.inRangeFlags[i]) return [];
      const range = r.minColor === r.maxColor ? r.minColor : `${r.minColor}..${r.maxColor}`;
      const why = a.reasons.map((x) => `${x.color}:${x.signal}[${x.words.slice(0, 3).join("、")}]`).join(" ");
      return [`  want ${range} got ${a.color} (${r.why}) ${short(r.text)} ${why ? `— ${why}` : ""}`];
    });
    out.push(`failures (${failures.length}):`, ...failures);
    console.log(out.join("\n"));

    expect(missedShare).toBeLessThanOrEqual(MISSED_RED_CEILING);
  });
});
