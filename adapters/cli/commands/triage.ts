/**
 * CLI: `triage [text] [--jsonl] [--transcript FILE] [--json]`, `train --data FILE [--out FILE]`,
 * `eval --data FILE [--model FILE]`, `train-risk [--data FILE] [--out FILE]` (rebuilds the risk second opinion). stdout carries only results; errors go to stderr in Chinese.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { loadKnowledge } from "../../../knowledge/load.js";
import type { Knowledge } from "../../../knowledge/types.js";
import { classifyDomain, trainDomainModel } from "../../../nlp/classifier.js";
import { evaluate, formatEvalReport } from "../../../nlp/metrics.js";
import { createT2S, normalize } from "../../../nlp/normalize.js";
import {
  DEFAULT_RISK_MODEL_FILE,
  DEFAULT_RISK_PHRASES_FILE,
  defaultNlpDataDir,
  loadDomainLexicon,
  loadDomainLexiconWords,
  loadDomainModel,
  parseLabelledJsonl,
} from "../../../nlp/resources.js";
import { crossValidateRiskModel, parseRiskPhrases, trainRiskModel } from "../../../nlp/risk-model.js";
import { formatTriageSummary } from "../../../nlp/summary.js";
import { buildTrainingSet } from "../../../nlp/training.js";
import { createTriager, type Triager } from "../../../nlp/triage.js";
import { DOMAINS, type Triage } from "../../../nlp/types.js";

export const DEFAULT_TRAINED_MODEL = ".yizhan/domain-model.json";

function fail(message: string): never {
  process.stderr.write(`错误：${message}\n`);
  process.exit(1);
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fail(`无法读取文件 ${path}`);
  }
}

function knowledgeOrFail(dir?: string): Knowledge {
  try {
    return dir ? loadKnowledge(dir) : loadKnowledge();
  } catch (e) {
    return fail(`服务目录加载失败：${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The JSONL contract line for one triage. */
export function toJsonLine(id: unknown, t: Triage): string {
  return JSON.stringify({
    id,
    domain: t.domain,
    confidence: t.confidence,
    unsure: t.unsure,
    candidates: t.candidates,
    risk: { color: t.risk.color, reasons: t.risk.reasons, owner: t.risk.owner },
    services: t.services.map((s) => ({ id: s.id, name: s.name, score: s.score })),
    facts: t.facts,
    masked: t.masked,
  });
}

async function runJsonl(triager: Triager): Promise<void> {
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
      process.stdout.write(`${toJsonLine(id ?? null, triager.triage(text))}\n`);
    } catch (e) {
      process.stdout.write(`${JSON.stringify({ id: id ?? null, error: `分诊失败：${e instanceof Error ? e.message : String(e)}` })}\n`);
    }
  }
}

/**
 * `trainedModelPath` is where `train` writes by default (DATA_DIR/domain-model.json); when that
 * file exists, `triage` and `eval` use it instead of the shipped model.
 */
export function registerTriageCommands(
  program: Command,
  opts: { knowledgeDir?: string | undefined; modelPath?: string; trainedModelPath?: string } = {},
): void {
  const makeTriager = (modelPath?: string): Triager & { agencyName(id: string): string } => {
    const knowledge = knowledgeOrFail(opts.knowledgeDir);
    const agencyName = (id: string) => knowledge.agencyById.get(id)?.name.zh ?? id;
    const trained = opts.trainedModelPath !== undefined && existsSync(opts.trainedModelPath) ? opts.trainedModelPath : undefined;
    const path = modelPath ?? opts.modelPath ?? trained;
    if (!path) return { ...createTriager({ knowledge }), agencyName };
    try {
      return { ...createTriager({ knowledge, model: loadDomainModel(path) }), agencyName };
    } catch {
      return fail(`无法加载模型文件 ${path}（不存在或格式不对）`);
    }
  };

  program
    .command("triage")
    .description("分诊：判断纠纷领域、风险颜色、推荐服务并提取要素")
    .argument("[text]", "群众描述的文字")
    .option("--jsonl", "从标准输入逐行读取 {\"id\",\"text\"}，逐行输出 JSON")
    .option("--transcript <file>", "分诊一份热线通话记录")
    .option("--json", "输出 JSON 而不是中文摘要")
    .option("--model <file>", "使用指定的领域模型文件")
    .action(async (text: string | undefined, o: { jsonl?: boolean; transcript?: string; json?: boolean; model?: string }) => {
      const triager = makeTriager(o.model);
      if (o.jsonl) return runJsonl(triager);
      if (o.transcript) {
        const t = triager.triageTranscript(readText(o.transcript));
        process.stdout.write(o.json ? `${JSON.stringify(t)}\n` : `${formatTriageSummary(t, triager.agencyName)}\n\n来电人陈述：${t.callerAccount}\n${t.operatorNotes ? `坐席备注：${t.operatorNotes}\n` : ""}`);
        return;
      }
      if (text === undefined) fail("请提供要分诊的文字，或使用 --jsonl / --transcript");
      const t = triager.triage(text);
      process.stdout.write(o.json ? `${JSON.stringify(t)}\n` : `${formatTriageSummary(t, triager.agencyName)}\n`);
    });

  program
    .command("train")
    .description("用本中心标注的历史数据（每行 {\"text\",\"domain\"}）训练领域模型")
    .requiredOption("--data <file>", "标注数据 JSONL")
    .option("--out <file>", `模型输出路径（默认 数据目录/domain-model.json，之后 serve 与 triage 自动使用）`)
    .option("--no-catalogue", "不加入服务目录中的示例句")
    .action((o: { data: string; out?: string; catalogue: boolean }) => {
      const out = o.out ?? opts.trainedModelPath ?? DEFAULT_TRAINED_MODEL;
      const parsed = parseLabelledJsonl(readText(o.data));
      for (const s of parsed.skipped.slice(0, 10)) process.stderr.write(`第 ${s.line} 行已跳过：${s.error}\n`);
      if (parsed.examples.length === 0) fail("没有可用的训练样本");
      const t2s = createT2S();
      const training = buildTrainingSet(
        o.catalogue
          ? { phrases: parsed.examples, lexiconWords: loadDomainLexiconWords(), knowledge: knowledgeOrFail(opts.knowledgeDir) }
          : { phrases: parsed.examples, lexiconWords: loadDomainLexiconWords() },
      );
      let model;
      try {
        model = trainDomainModel(training, (t) => normalize(t, t2s), loadDomainLexicon(), [resolve(o.data).split("/").pop() ?? o.data, "domain-lexicon", ...(o.catalogue ? ["catalogue"] : [])]);
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
      mkdirSync(dirname(resolve(out)), { recursive: true });
      writeFileSync(out, `${JSON.stringify(model)}\n`);
      process.stdout.write(`已训练：${model.trainedOn.examples} 条样本，${Object.keys(model.logLikelihood).length} 个特征，温度 ${model.temperature}；模型已写入 ${out}\n`);
    });

  program
    .command("train-risk")
    .description("用标注的风险短语（每行 {\"text\",\"label\"}，label 为 danger / concern / ordinary）训练风险辅助模型")
    .option("--data <file>", "标注数据 JSONL（默认 nlp/data/risk-phrases.jsonl）")
    .option("--out <file>", "模型输出路径（默认 nlp/data/risk-model.json，随项目发布）")
    .action((o: { data?: string; out?: string }) => {
      const data = o.data ?? `${defaultNlpDataDir()}/${DEFAULT_RISK_PHRASES_FILE}`;
      const out = o.out ?? `${defaultNlpDataDir()}/${DEFAULT_RISK_MODEL_FILE}`;
      const parsed = parseRiskPhrases(readText(data));
      for (const s of parsed.skipped.slice(0, 10)) process.stderr.write(`第 ${s.line} 行已跳过：${s.error}\n`);
      const t2s = createT2S();
      const norm = (t: string) => normalize(t, t2s);
      let model;
      let cv;
      try {
        model = trainRiskModel(parsed.phrases, norm, { sources: [resolve(data).split("/").pop() ?? data] });
        cv = crossValidateRiskModel(parsed.phrases, norm);
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
      mkdirSync(dirname(resolve(out)), { recursive: true });
      writeFileSync(out, `${JSON.stringify(model)}\n`);
      process.stdout.write(
        `已训练：${model.trainedOn.examples} 条样本，${Object.keys(model.logLikelihood).length} 个特征，温度 ${model.temperature}，` +
          `阈值 危险 ${model.thresholds.danger} / 关注 ${model.thresholds.concern}\n` +
          `五折交叉验证：准确率 ${(cv.accuracy * 100).toFixed(1)}%，危险短语升为橙色 ${(cv.dangerCaught * 100).toFixed(1)}%，普通短语被误升 ${(cv.ordinaryRaised * 100).toFixed(1)}%\n模型已写入 ${out}\n`,
      );
    });

  program
    .command("eval")
    .description("评估领域分类：各类精确率、召回率、F1、宏平均 F1 和混淆矩阵")
    .requiredOption("--data <file>", "标注数据 JSONL")
    .option("--model <file>", "模型文件（默认使用随项目发布的模型）")
    .option("--errors <n>", "列出前 n 条分错的样本", "0")
    .action((o: { data: string; model?: string; errors: string }) => {
      const parsed = parseLabelledJsonl(readText(o.data));
      if (parsed.examples.length === 0) fail("没有可用的评估样本");
      const triager = makeTriager(o.model);
      const lexicon = loadDomainLexicon();
      const results = parsed.examples.map((e) => {
        const c = classifyDomain(triager.model, triager.normalize(e.text), lexicon);
        return { gold: e.domain, predicted: c.domain, unsure: c.kind === "unsure", text: e.text };
      });
      process.stdout.write(`${formatEvalReport(evaluate(DOMAINS, results))}\n`);
      const unsure = results.filter((r) => r.unsure).length;
      process.stdout.write(`\n不确定（需追问）：${unsure} 条（${((unsure / results.length) * 100).toFixed(1)}%）\n`);
      const n = Number(o.errors);
      if (n > 0) for (const r of results.filter((x) => x.gold !== x.predicted).slice(0, n)) process.stdout.write(`${r.gold} → ${r.predicted}：${r.text.slice(0, 60)}\n`);
    });
}
