// CLI: `triage [text] [--jsonl] [--transcript FILE] [--json] [--model FILE]`.
// stdout carries only results; errors go to stderr in Chinese.
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { formatTriageSummary } from "../../../nlp/summary.js";
import type { Triage } from "../../../nlp/types.js";
import { cliReading, readerField, type CliReading } from "./cli-reader.js";
import { fail, makeTriager, readTextFile, type TriageCommandOptions } from "./triage-io.js";
import { registerTrainCommands } from "./train.js";
import { registerEvalCommand } from "./eval.js";

/** The JSONL contract line for one triage. */
export function toJsonLine(id: unknown, t: Triage): string {
  return JSON.stringify({
    id,
    domain: t.domain,
    confidence: t.confidence,
    unsure: t.unsure,
    candidates: t.candidates,
    risk: { color: t.risk.color, certainty: t.risk.certainty, reasons: t.risk.reasons, owner: t.risk.owner, ask: t.risk.ask },
    services: t.services.map((s) => ({ id: s.id, name: s.name, score: s.score })),
    facts: t.facts,
    masked: t.masked,
  });
}

async function runJsonl(reading: CliReading): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      process.stdout.write(`${JSON.stringify({ id: null, error: "该行不是合法的 JSON" })}\n`);
      continue;
    }
    if (typeof parsed !== "object" || parsed === null || typeof (parsed as { text?: unknown }).text !== "string") {
      process.stdout.write(`${JSON.stringify({ id: null, error: "缺少字符串字段 text" })}\n`);
      continue;
    }
    const { id, text } = parsed as { id?: unknown; text: string };
    try {
      const outcome = await reading.read(text);
      const line = toJsonLine(id ?? null, outcome.triage);
      // With an LLM configured each line also says which reader answered; without one the contract is unchanged.
      process.stdout.write(`${reading.reader ? `${line.slice(0, -1)},"reader":${JSON.stringify(readerField(outcome))}}` : line}\n`);
    } catch (e) {
      process.stdout.write(`${JSON.stringify({ id: id ?? null, error: `分诊失败：${e instanceof Error ? e.message : String(e)}` })}\n`);
    }
  }
}

export function registerTriageCommands(program: Command, opts: TriageCommandOptions = {}): void {
  program
    .command("triage")
    .description("分诊：判断纠纷领域、风险颜色（含把握和原话依据）、推荐服务并提取要素")
    .argument("[text]", "群众描述的文字")
    .option("--jsonl", "从标准输入逐行读取 {\"id\",\"text\"}，逐行输出 JSON")
    .option("--transcript <file>", "分诊一份热线通话记录")
    .option("--json", "输出 JSON 而不是中文摘要")
    .option("--model <file>", "使用指定的领域模型文件")
    .action(async (text: string | undefined, o: { jsonl?: boolean; transcript?: string; json?: boolean; model?: string }) => {
      const triager = makeTriager(opts, o.model);
      const reading = await cliReading({ knowledge: triager.knowledge, triage: (t) => triager.triage(t), llm: opts.llm });
      if (o.jsonl) return runJsonl(reading);
      if (o.transcript) {
        const t = triager.triageTranscript(readTextFile(o.transcript));
        process.stdout.write(o.json ? `${JSON.stringify(t)}\n` : `${formatTriageSummary(t, triager.agencyName)}\n\n来电人陈述：${t.callerAccount}\n${t.operatorNotes ? `坐席备注：${t.operatorNotes}\n` : ""}`);
        return;
      }
      if (text === undefined) fail("请提供要分诊的文字，或使用 --jsonl / --transcript");
      const outcome = await reading.read(text);
      const t = outcome.triage;
      const machine = outcome.report?.summary.length ? `\n机器阅读（${outcome.report.reader}，仅供参考）案情摘要：\n${outcome.report.summary.map((l) => `  ${l}`).join("\n")}` : "";
      process.stdout.write(o.json ? `${JSON.stringify(t)}\n` : `${formatTriageSummary(t, triager.agencyName)}${machine}\n`);
    });
  registerTrainCommands(program, opts);
  registerEvalCommand(program, opts);
}
