// What the triage, training and evaluation commands share: a failure message in Chinese on
// stderr with exit code 1, reading a file, loading the catalogue and building the triager.
import { existsSync, readFileSync } from "node:fs";
import type { LlmConfig } from "../../config.js";
import { loadKnowledge } from "../../../knowledge/load.js";
import type { Knowledge } from "../../../knowledge/types.js";
import { domainModel } from "../../../nlp/classifier.js";
import { readModelFile } from "../../../nlp/resources.js";
import { createTriager, type Triager } from "../../../nlp/triage.js";

export interface TriageCommandOptions {
  knowledgeDir?: string | undefined;
  /** Where `train --data` writes a centre's own domain model (DATA_DIR/domain-model.json); used when present. */
  trainedModelPath?: string;
  /** The LLM reader's settings (LLM_BASE_URL…); undefined: offline only, no network call. */
  llm?: LlmConfig | undefined;
}

export function fail(message: string): never {
  process.stderr.write(`错误：${message}\n`);
  process.exit(1);
}

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fail(`无法读取文件 ${path}`);
  }
}

export function knowledgeOrFail(dir?: string): Knowledge {
  try {
    return dir ? loadKnowledge(dir) : loadKnowledge();
  } catch (e) {
    return fail(`服务目录加载失败：${e instanceof Error ? e.message : String(e)}`);
  }
}

export type CliTriager = Triager & { agencyName(id: string): string; knowledge: Knowledge };

/** The triager with the shipped models, or the centre's own domain model (`--model`, or the trained one when present). */
export function makeTriager(opts: TriageCommandOptions, modelPath?: string): CliTriager {
  const knowledge = knowledgeOrFail(opts.knowledgeDir);
  const agencyName = (id: string) => knowledge.agencyById.get(id)?.name.zh ?? id;
  const trained = opts.trainedModelPath !== undefined && existsSync(opts.trainedModelPath) ? opts.trainedModelPath : undefined;
  const path = modelPath ?? trained;
  if (!path) return { ...createTriager({ knowledge }), agencyName, knowledge };
  let model;
  try {
    model = domainModel(readModelFile(path));
  } catch {
    return fail(`无法加载模型文件 ${path}（不存在或格式不对）`);
  }
  return { ...createTriager({ knowledge, models: { domain: model } }), agencyName, knowledge };
}
