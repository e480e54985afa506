/** Evaluation metrics for the domain classifier: per-class P/R/F1, macro-F1, confusion. */
import type { Domain } from "./types.js";

export interface ClassMetrics {
  domain: Domain;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvalReport {
  classes: Domain[];
  perClass: ClassMetrics[];
  macroF1: number;
  accuracy: number;
  /** confusion[gold][predicted] */
  confusion: number[][];
  total: number;
}

export function evaluate(classes: readonly Domain[], pairs: readonly { gold: Domain; predicted: Domain }[]): EvalReport {
  const idx = new Map(classes.map((c, i) => [c, i]));
  const confusion = classes.map(() => classes.map(() => 0));
  let correct = 0;
  for (const p of pairs) {
    const g = idx.get(p.gold);
    const q = idx.get(p.predicted);
    if (g === undefined || q === undefined) continue;
    confusion[g]![q]! += 1;
    if (g === q) correct += 1;
  }
  const perClass = classes.map((domain, i) => {
    const tp = confusion[i]![i]!;
    const support = confusion[i]!.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[i]!, 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { domain, precision, recall, f1, support };
  });
  const present = perClass.filter((c) => c.support > 0);
  const macroF1 = present.reduce((a, c) => a + c.f1, 0) / Math.max(1, present.length);
  return { classes: [...classes], perClass, macroF1, accuracy: pairs.length ? correct / pairs.length : 0, confusion, total: pairs.length };
}

/** A plain-text report (Chinese headings) for the `eval` command. */
export function formatEvalReport(r: EvalReport): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  const lines = [`样本数 ${r.total}，准确率 ${pct(r.accuracy)}%，宏平均 F1 (macro-F1) ${pct(r.macroF1)}%`, "", "领域        精确率  召回率   F1     样本"];
  for (const c of r.perClass) lines.push(`${c.domain.padEnd(10)} ${pct(c.precision)} ${pct(c.recall)} ${pct(c.f1)} ${String(c.support).padStart(6)}`);
  lines.push("", "混淆矩阵（行=标注，列=预测）", `${"".padEnd(10)}${r.classes.map((c) => c.slice(0, 8).padStart(10)).join("")}`);
  r.confusion.forEach((row, i) => lines.push(`${r.classes[i]!.padEnd(10)}${row.map((v) => String(v).padStart(10)).join("")}`));
  return lines.join("\n");
}
