// `yizhan eval --reader offline|llm|both`: every reader measured on the same rows by the one
// definition of each figure (nlp/evaluation.ts), printed side by side: red recall, reds below
// orange, calm messages coloured red, domain macro-F1, latency, LLM fallbacks, and the colour
// confusion of each. Chinese first, English second.
import { RISK_COLORS } from "../../../knowledge/colours.js";
import { measure, type LabelledMessage, type Measurement } from "../../../nlp/evaluation.js";
import type { ReadOutcome } from "../../../nlp/reader-merge.js";

export interface ReaderRun {
  name: string;
  m: Measurement;
  latencies: number[];
  /** Rows where the LLM gave no answer and the offline triage stood, by reason. */
  fallbacks: Record<string, number>;
  raised: number;
}

export async function measureReader(name: string, rows: readonly LabelledMessage[], read: (text: string) => Promise<ReadOutcome>): Promise<ReaderRun> {
  const outcomes: ReadOutcome[] = [];
  const latencies: number[] = [];
  for (const row of rows) {
    const started = performance.now();
    outcomes.push(await read(row.text));
    latencies.push(performance.now() - started);
  }
  let i = 0;
  const m = measure(rows, () => outcomes[i++]!.triage);
  const fallbacks: Record<string, number> = {};
  for (const o of outcomes) if (o.reading?.kind === "failed") fallbacks[o.reading.reason] = (fallbacks[o.reading.reason] ?? 0) + 1;
  return { name, m, latencies, fallbacks, raised: outcomes.filter((o) => o.report?.raised).length };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const pct = (n: number, d: number) => (d === 0 ? "—" : `${n}/${d} = ${((n / d) * 100).toFixed(1)}%`);
const W = 26;

export function formatSideBySide(rowCount: number, runs: readonly ReaderRun[]): string {
  const line = (label: string, cells: string[]) => `${label.padEnd(36)}${cells.map((c) => c.padStart(W)).join("")}`;
  const out = [`样本 ${rowCount} 条 / ${rowCount} rows`, "", line("指标 / metric", runs.map((r) => r.name))];
  out.push(line("红色召回 / red recall", runs.map((r) => pct(r.m.risk.redAsRed, r.m.risk.reds))));
  out.push(line("红色被判为黄或蓝 / reds below orange", runs.map((r) => String(r.m.risk.redBelowOrange))));
  out.push(line("平稳被判为红 / calm coloured red", runs.map((r) => pct(r.m.risk.calmAsRed, r.m.risk.calm))));
  out.push(line("领域宏平均 F1 / domain macro-F1", runs.map((r) => (r.m.domain ? r.m.domain.macroF1.toFixed(3) : "—"))));
  out.push(line("领域准确率 / domain accuracy", runs.map((r) => (r.m.domain ? r.m.domain.accuracy.toFixed(3) : "—"))));
  for (const [label, p] of [["延迟 p50 / latency p50 (ms)", 50], ["延迟 p95 / latency p95 (ms)", 95]] as const) {
    out.push(line(label, runs.map((r) => percentile([...r.latencies].sort((a, b) => a - b), p).toFixed(1))));
  }
  out.push(line("平均延迟 / mean latency (ms)", runs.map((r) => (r.latencies.reduce((a, b) => a + b, 0) / Math.max(1, r.latencies.length)).toFixed(1))));
  out.push(line("LLM 升高颜色 / raised by the LLM", runs.map((r) => (r.name === "offline" ? "—" : String(r.raised)))));
  out.push(
    line(
      "回退离线 / fell back offline",
      runs.map((r) => (r.name === "offline" ? "—" : Object.entries(r.fallbacks).map(([k, v]) => `${k} ${v}`).join(", ") || "0")),
    ),
  );
  out.push("", "颜色混淆（行=标注最低颜色，列=判断）/ colour confusion (row = lowest acceptable, column = given)");
  const head = RISK_COLORS.map((c) => c.padStart(7)).join("");
  out.push(`${"".padEnd(8)}${runs.map((r) => `${r.name.slice(0, 27).padEnd(28)}`).join("  ")}`);
  out.push(`${"".padEnd(8)}${runs.map(() => head).join("  ")}`);
  RISK_COLORS.forEach((colour, i) => {
    out.push(`${colour.padEnd(8)}${runs.map((r) => r.m.risk.confusion[i]!.map((v) => String(v).padStart(7)).join("")).join("  ")}`);
  });
  return out.join("\n");
}
