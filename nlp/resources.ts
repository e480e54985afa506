/**
 * Loads the reviewed NLP data files (risk lexicon, domain lexicon, shipped model) and
 * labelled JSONL. Called by whoever builds a triager, never on import.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { DomainModelSchema, type DomainModel, type LabelledText } from "./classifier.js";
import { compileDomainLexicon, type DomainLexicon } from "./features.js";
import { compileRiskLexicon, type RiskLexicon } from "./risk-lexicon.js";
import { parseRiskPhrases, RiskModelSchema, type RiskModel, type RiskPhrase } from "./risk-model.js";
import { DOMAINS } from "./types.js";

/** The folder of the data files shipped with the project. */
export function defaultNlpDataDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "data");
}

export const DEFAULT_MODEL_FILE = "domain-model.json";
export const DEFAULT_RISK_MODEL_FILE = "risk-model.json";
export const DEFAULT_RISK_PHRASES_FILE = "risk-phrases.jsonl";

export function loadRiskLexicon(path = join(defaultNlpDataDir(), "risk-lexicon.yaml")): RiskLexicon {
  return compileRiskLexicon(parseYaml(readFileSync(path, "utf8")));
}

const DomainLexiconSchema = z.object({
  version: z.number().int(),
  domains: z.partialRecord(z.enum(DOMAINS), z.array(z.string().min(1))),
});

export function loadDomainLexicon(path = join(defaultNlpDataDir(), "domain-lexicon.yaml")): DomainLexicon {
  return compileDomainLexicon(DomainLexiconSchema.parse(parseYaml(readFileSync(path, "utf8"))).domains);
}

/** Lexicon words as they are written in the file, per domain (training adds them as examples). */
export function loadDomainLexiconWords(path = join(defaultNlpDataDir(), "domain-lexicon.yaml")): LabelledText[] {
  const { domains } = DomainLexiconSchema.parse(parseYaml(readFileSync(path, "utf8")));
  return Object.entries(domains).flatMap(([domain, words]) => (words ?? []).map((text) => ({ text, domain: domain as LabelledText["domain"] })));
}

export function loadDomainModel(path = join(defaultNlpDataDir(), DEFAULT_MODEL_FILE)): DomainModel {
  return DomainModelSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

/** The risk model's second opinion (see nlp/risk-model.ts); validated, so a stale file fails loudly at start. */
export function loadRiskModel(path = join(defaultNlpDataDir(), DEFAULT_RISK_MODEL_FILE)): RiskModel {
  return RiskModelSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

/** The project's own labelled risk phrases (danger / concern / ordinary). */
export function loadRiskPhrases(path = join(defaultNlpDataDir(), DEFAULT_RISK_PHRASES_FILE)): RiskPhrase[] {
  return parseRiskPhrases(readFileSync(path, "utf8")).phrases;
}

const LabelledLine = z.object({ text: z.string(), domain: z.enum(DOMAINS) });

export type LabelledParse = { ok: true; examples: LabelledText[]; skipped: { line: number; error: string }[] };

/** Parses `{"text","domain"}` JSON lines; bad lines are reported, not fatal. */
export function parseLabelledJsonl(content: string): LabelledParse {
  const examples: LabelledText[] = [];
  const skipped: { line: number; error: string }[] = [];
  content.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    try {
      const parsed = LabelledLine.safeParse(JSON.parse(line));
      if (parsed.success) examples.push(parsed.data);
      else skipped.push({ line: i + 1, error: "缺少 text 或 domain 字段，或 domain 不是已知领域" });
    } catch {
      skipped.push({ line: i + 1, error: "不是合法的 JSON" });
    }
  });
  return { ok: true, examples, skipped };
}
