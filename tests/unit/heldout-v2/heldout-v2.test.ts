/**
 * Second independent held-out evaluation (heldout-v2), written fresh by someone who had not
 * seen the training data. Its failure patterns (described in general terms, not its
 * sentences) then guided a second tuning round, so it is now a regression set like v1:
 * first measurement 2026-11-27 domain macro-F1 0.978, risk 22.5% missed reds, 79.3% in range.
 * Measures the domain classifier and the risk colour of `createTriager` on colloquial,
 * dialect, speech-to-text style texts, prints a full report, and asserts the project's
 * acceptance bar. Do not tune against these rows: once used for tuning they stop counting.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadKnowledge } from "../../../knowledge/load.js";
import { evaluate, formatEvalReport } from "../../../nlp/metrics.js";
import type { ClassMetrics } from "../../../nlp/metrics.js";
import { COLOR_RANK } from "../../support/heldout.js";
import { createTriager } from "../../../nlp/triage.js";
import type { Triager } from "../../../nlp/triage.js";
import { DOMAINS } from "../../../nlp/types.js";
import type { Domain, RiskColor } from "../../../nlp/types.js";
import { loadJsonlFixture, riskSummary } from "../../support/heldout.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/heldout-v2/", import.meta.url));

const COLORS = ["blue", "yellow", "orange", "red"] as const satisfies readonly RiskColor[];
const rank = (c: RiskColor): number => COLOR_RANK[c];

const DomainRow = z.object({ text: z.string().min(4), domain: z.enum(DOMAINS) }).strict();
const RiskRow = z
  .object({ text: z.string().min(4), minColor: z.enum(COLORS), maxColor: z.enum(COLORS), why: z.string().min(1) })
  .strict();

const domainRows = loadJsonlFixture(`${FIXTURES}domain.jsonl`, DomainRow);
const riskRows = loadJsonlFixture(`${FIXTURES}risk.jsonl`, RiskRow);

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const short = (t: string): string => (t.length > 60 ? `${t.slice(0, 60)}…` : t);

let triager: Triager;

beforeAll(() => {
  triager = createTriager({ knowledge: loadKnowledge() });
});

describe("heldout-v2 fixtures", () => {
  it("have the agreed size and valid labels", () => {
    expect(domainRows.length).toBeGreaterThanOrEqual(240);
    for (const d of DOMAINS) {
      const n = domainRows.filter((r) => r.domain === d).length;
      expect(n, `rows for ${d}`).toBeGreaterThanOrEqual(d === "other" ? 70 : 35);
    }
    expect(new Set(domainRows.map((r) => r.text)).size).toBe(domainRows.length);

    expect(riskRows.length).toBeGreaterThanOrEqual(70);
    expect(new Set(riskRows.map((r) => r.text)).size).toBe(riskRows.length);
    for (const r of riskRows) expect(rank(r.minColor), r.text).toBeLessThanOrEqual(rank(r.maxColor));
    const mustRed = riskRows.filter((r) => r.minColor === "red").length;
    expect(mustRed / riskRows.length).toBeGreaterThanOrEqual(0.4);
    for (const c of ["orange", "yellow", "blue"] as const) {
      expect(riskRows.some((r) => r.minColor === c), `rows with minColor ${c}`).toBe(true);
    }
  });
});

describe("heldout-v2 domain", () => {
  it("reaches macro-F1 ≥ 0.85 and every domain F1 ≥ 0.75", () => {
    const pairs = domainRows.map((r) => ({ gold: r.domain, predicted: triager.triage(r.text).domain }));
    const pred = pairs.map((p) => p.predicted);
    const gold = pairs.map((p) => p.gold);
    const report = evaluate(DOMAINS, pairs);
    const { macroF1, accuracy } = report;
    const perClass = Object.fromEntries(report.perClass.map((c) => [c.domain, c])) as Record<Domain, ClassMetrics>;

    const lines: string[] = [];
    lines.push(`heldout-v2 domain: n=${gold.length} accuracy=${pct(accuracy)} macro-F1=${macroF1.toFixed(3)}`);
    lines.push(formatEvalReport(report));
    const failures = domainRows.flatMap((r, i) => (pred[i] === r.domain ? [] : [`  gold=${r.domain} pred=${pred[i]} | ${short(r.text)}`]));
    lines.push(`domain failures (${failures.length}):`, ...failures);
    console.log(lines.join("\n"));

    expect(macroF1).toBeGreaterThanOrEqual(0.85);
    for (const d of DOMAINS) expect(perClass[d].f1, `F1 of ${d}`).toBeGreaterThanOrEqual(0.75);
  });
});

describe("heldout-v2 risk", () => {
  it("misses ≤ 10% of must-be-red rows and keeps ≥ 80% of rows in range", () => {
    const got = riskRows.map((r) => triager.triage(r.text).risk);
    const summary = riskSummary(riskRows, got.map((r) => r.color));
    const inRange = summary.inRangeFlags;
    const mustRed = riskRows.flatMap((r, i) => (r.minColor === "red" ? [i] : []));
    const missedRed = summary.missedReds.map((m) => m.index);
    const share = summary.inRange / riskRows.length;

    const byMin = COLORS.map((c) => {
      const idx = riskRows.flatMap((r, i) => (r.minColor === c ? [i] : []));
      const ok = idx.filter((i) => inRange[i]).length;
      return `${c}: ${ok}/${idx.length}`;
    });
    const lines: string[] = [];
    lines.push(`heldout-v2 risk: n=${riskRows.length} in range=${pct(share)} (${byMin.join(", ")})`);
    lines.push(`missed reds: ${missedRed.length}/${mustRed.length} (${pct(missedRed.length / mustRed.length)})`);
    for (const i of missedRed) {
      const r = riskRows[i];
      if (r) lines.push(`  MISSED RED got=${got[i]?.color} [${r.why}] ${short(r.text)}`);
    }
    const outOfRange = riskRows.flatMap((r, i) =>
      inRange[i] ? [] : [`  want ${r.minColor}..${r.maxColor} got=${got[i]?.color} [${r.why}] signals=${got[i]?.reasons.map((x) => x.criterion).join(",") ?? ""} | ${short(r.text)}`],
    );
    lines.push(`risk failures (${outOfRange.length}):`, ...outOfRange);
    console.log(lines.join("\n"));

    expect(missedRed.length / mustRed.length).toBeLessThanOrEqual(0.1);
    expect(share).toBeGreaterThanOrEqual(0.8);
  });
});
