// CLI: `eval --data FILE [--model FILE] [--errors N]`: measures the triager on labelled messages.
// Each line has `text` and any of `domain`, `color` (or `minColor`/`maxColor`) and `categories`;
// the report shows what the lines allow: domain F1 and confusion, red recall and false reds,
// and whether the first suggested service is in an acceptable category.
import type { Command } from "commander";
import { LabelledMessageSchema, measure, formatRiskReport, formatServiceReport, type LabelledMessage } from "../../../nlp/evaluation.js";
import { formatEvalReport } from "../../../nlp/metrics.js";
import { fail, makeTriager, readTextFile, type TriageCommandOptions } from "./triage-io.js";
import { cliReading } from "./cli-reader.js";
import { formatSideBySide, measureReader, type ReaderRun } from "./eval-readers.js";

function parseRows(content: string): LabelledMessage[] {
  const rows: LabelledMessage[] = [];
  content.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      const parsed = LabelledMessageSchema.safeParse(JSON.parse(line));
      if (parsed.success) rows.push(parsed.data);
      else process.stderr.write(`第 ${i + 1} 行已跳过：字段不符合要求\n`);
    } catch {
      process.stderr.write(`第 ${i + 1} 行已跳过：不是合法的 JSON\n`);
    }
  });
  return rows;
}

export function registerEvalCommand(program: Command, opts: TriageCommandOptions): void {
  program
    .command("eval")
    .description("评估分诊：领域（各类精确率、召回率、F1、宏平均 F1、混淆矩阵）、风险颜色（红色召回、误判为红）和服务推荐")
    .requiredOption("--data <file>", "标注数据 JSONL（每行 text，以及 domain / color / minColor,maxColor / categories 之一或多项）")
    .option("--model <file>", "领域模型文件（默认使用随项目发布的模型）")
    .option("--errors <n>", "列出前 n 条分错的样本", "0")
    .option("--reader <which>", "offline（离线引擎）、llm（离线 + LLM，需 LLM_BASE_URL）或 both（并排对比）")
    .action(async (o: { data: string; model?: string; errors: string; reader?: string }) => {
      const rows = parseRows(readTextFile(o.data));
      if (rows.length === 0) fail("没有可用的评估样本");
      const triager = makeTriager(opts, o.model);
      if (o.reader !== undefined) {
        if (!["offline", "llm", "both"].includes(o.reader)) fail("--reader 应为 offline、llm 或 both");
        if (o.reader !== "offline" && !opts.llm) fail("未配置 LLM：请设置 LLM_BASE_URL 和 LLM_MODEL（参见 .env.example），或使用 --reader offline");
        const reading = await cliReading({ knowledge: triager.knowledge, triage: (t) => triager.triage(t), llm: opts.llm });
        const runs: ReaderRun[] = [];
        if (o.reader !== "llm") runs.push(await measureReader("offline", rows, (t) => reading.read(t, false)));
        if (o.reader !== "offline") runs.push(await measureReader(`llm:${opts.llm!.model}`, rows, (t) => reading.read(t, true)));
        process.stdout.write(`${formatSideBySide(rows.length, runs)}\n`);
        return;
      }
      const started = performance.now();
      const m = measure(rows, (t) => triager.triage(t));
      const ms = (performance.now() - started) / rows.length;
      const out: string[] = [`样本 ${rows.length} 条，平均每条 ${ms.toFixed(2)} ms`];
      if (m.domain) {
        out.push("", "【领域】", formatEvalReport(m.domain));
        const unsure = m.outcomes.filter((x) => x.row.domain && x.triage.unsure).length;
        out.push(`不确定（需追问）：${unsure} 条`);
      }
      if (m.risk.reds + m.risk.calm > 0) out.push("", "【风险颜色】", formatRiskReport(m.risk));
      if (m.services) out.push("", "【服务推荐】", formatServiceReport(m.services));
      const n = Number(o.errors);
      if (n > 0) {
        out.push("", "【错误示例】");
        const wrong = m.outcomes.filter((x) => (x.row.domain && x.row.domain !== x.triage.domain) || ((x.row.minColor ?? x.row.color) === "red" && x.triage.risk.color !== "red"));
        for (const x of wrong.slice(0, n)) out.push(`${x.row.domain ?? ""}→${x.triage.domain} ${x.row.minColor ?? x.row.color ?? ""}→${x.triage.risk.color}：${x.row.text.slice(0, 60)}`);
      }
      process.stdout.write(`${out.join("\n")}\n`);
    });
}
