// CLI: `train-risk [--out FILE]` rebuilds the shipped risk model from the corpus;
// `train [--data FILE] [--out FILE] [--no-catalogue]` rebuilds the shipped domain and category
// models, or, with --data (a centre's own labelled history), a domain model for that centre.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { loadCorpus } from "../../../nlp/corpus.js";
import { applyHardRules } from "../../../nlp/hard-rules.js";
import { calibrated } from "../../../nlp/linear-model.js";
import { defaultNlpDataDir, loadDomainLexiconWords, parseLabelledJsonl, CATEGORY_MODEL_FILE, DOMAIN_MODEL_FILE, RISK_MODEL_FILE } from "../../../nlp/resources.js";
import { decideColour, redThreshold, RISK_CLASSES, toProbabilities } from "../../../nlp/risk-model.js";
import { createPreparer } from "../../../nlp/triage.js";
import { categoryExamples, domainExamples, trainCategoryReader, trainDomainReader, trainRiskReader, type TrainedReader } from "../../../nlp/training.js";
import { fail, knowledgeOrFail, readTextFile, type TriageCommandOptions } from "./triage-io.js";

function corpusOrFail() {
  const corpus = loadCorpus(join(defaultNlpDataDir(), "corpus"));
  for (const e of corpus.errors.slice(0, 10)) process.stderr.write(`已跳过：${e}\n`);
  if (corpus.rows.length === 0) fail("语料为空（nlp/data/corpus/*.jsonl）");
  return corpus.rows;
}

function write(path: string, reader: TrainedReader): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, `${JSON.stringify(reader.data)}\n`);
}

const pct = (n: number, d: number) => `${((n / Math.max(1, d)) * 100).toFixed(1)}%`;

/**
 * What the cost rule (and the hard rules, `ruleRed[i]`) make of the out-of-fold predictions:
 * red recall, reds below orange, calm messages coloured red and orange, on the corpus itself.
 */
function riskCrossValidation(reader: TrainedReader, ruleRed: readonly boolean[]): string {
  let reds = 0;
  let caught = 0;
  let below = 0;
  let calm = 0;
  let calmRed = 0;
  let calmOrange = 0;
  for (const [i, h] of reader.heldOut.entries()) {
    const given = ruleRed[i] ? "red" : decideColour(toProbabilities(calibrated(h.logits, reader.data.temperature)));
    const gold = RISK_CLASSES[h.gold]!;
    if (gold === "red") {
      reds++;
      if (given === "red") caught++;
      if (given === "blue" || given === "yellow") below++;
    } else if (gold === "blue" || gold === "yellow") {
      calm++;
      if (given === "red") calmRed++;
      if (given === "orange") calmOrange++;
    }
  }
  return `五折交叉验证（语料自身，含硬规则）：红色召回 ${pct(caught, reds)}，红色被判为黄或蓝 ${below} 条，平稳消息被判红 ${pct(calmRed, calm)}、判橙 ${pct(calmOrange, calm)}`;
}

export function registerTrainCommands(program: Command, opts: TriageCommandOptions): void {
  program
    .command("train-risk")
    .description("用项目语料（nlp/data/corpus）重新训练风险模型；同一语料训练结果完全相同")
    .option("--out <file>", "模型输出路径（默认 nlp/data/risk-model.json，随项目发布）")
    .action((o: { out?: string }) => {
      const knowledge = knowledgeOrFail(opts.knowledgeDir);
      const { prepare, data } = createPreparer({ knowledge });
      const corpus = corpusOrFail();
      const reader = trainRiskReader(corpus, prepare);
      const ruleRed = corpus.map((r) => applyHardRules(prepare(r.text).reading, data.rules).length > 0);
      const out = o.out ?? join(defaultNlpDataDir(), RISK_MODEL_FILE);
      write(out, reader);
      const threshold = redThreshold({ blue: 1 / 3, yellow: 1 / 3, orange: 1 / 3 });
      const againstOrange = redThreshold({ blue: 0, yellow: 0, orange: 1 });
      process.stdout.write(
        `已训练：${reader.data.trainedOn.examples} 条样本，${reader.data.features.length} 个特征，温度 ${reader.data.temperature}\n` +
          `${riskCrossValidation(reader, ruleRed)}\n` +
          `按代价判断：红色概率达到 ${threshold}（其余均分时）或 ${againstOrange}（其余都是橙色时）即判为红色\n模型已写入 ${out}\n`,
      );
    });

  program
    .command("train")
    .description("训练领域与服务类别模型：不带 --data 时用项目语料重建随项目发布的模型；带 --data 时加入本中心标注的历史数据（每行 {\"text\",\"domain\"}）训练本中心的领域模型")
    .option("--data <file>", "本中心的标注数据 JSONL")
    .option("--out <file>", "领域模型输出路径（带 --data 时默认 数据目录/domain-model.json，之后 serve 与 triage 自动使用）")
    .option("--no-catalogue", "不加入服务目录中的示例句")
    .action((o: { data?: string; out?: string; catalogue: boolean }) => {
      const knowledge = knowledgeOrFail(opts.knowledgeDir);
      const { prepare } = createPreparer({ knowledge });
      const corpus = corpusOrFail();
      const centre = o.data ? parseLabelledJsonl(readTextFile(o.data)) : undefined;
      for (const s of centre?.skipped.slice(0, 10) ?? []) process.stderr.write(`第 ${s.line} 行已跳过：${s.error}\n`);
      if (centre && centre.examples.length === 0) fail("没有可用的训练样本");
      const sources = ["nlp/data/corpus", "domain-lexicon", ...(o.catalogue ? ["catalogue"] : []), ...(o.data ? [resolve(o.data).split("/").pop() ?? o.data] : [])];
      const examples = domainExamples(
        { corpus, phrases: centre?.examples ?? [], lexiconWords: loadDomainLexiconWords(), ...(o.catalogue ? { knowledge } : {}) },
        prepare,
      );
      let domain: TrainedReader;
      try {
        domain = trainDomainReader(examples, sources);
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
      const domainOut = o.out ?? (o.data ? (opts.trainedModelPath ?? ".yizhan/domain-model.json") : join(defaultNlpDataDir(), DOMAIN_MODEL_FILE));
      write(domainOut, domain);
      process.stdout.write(`领域模型：${domain.data.trainedOn.examples} 条样本，${domain.data.features.length} 个特征，温度 ${domain.data.temperature}，五折准确率 ${pct(domain.cvAccuracy * 1000, 1000)}；已写入 ${domainOut}\n`);
      if (!o.data) {
        const category = trainCategoryReader(categoryExamples({ corpus, knowledge }, prepare), knowledge);
        const categoryOut = join(defaultNlpDataDir(), CATEGORY_MODEL_FILE);
        write(categoryOut, category);
        process.stdout.write(`服务类别模型：${category.data.trainedOn.examples} 条样本，五折准确率 ${pct(category.cvAccuracy * 1000, 1000)}；已写入 ${categoryOut}\n`);
      }
    });
}
