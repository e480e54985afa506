/**
 * Loads the reviewed NLP data files (vocabulary, hard rules, domain lexicon) and the shipped
 * models (risk, domain, category). Called by whoever builds a triager, never on import.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { LabelledText } from "./classifier.js";
import { compileDomainLexicon, type DomainLexicon } from "./domain-cues.js";
import { DOMAINS } from "./types.js";

/** The folder of the data files shipped with the project. */
export function defaultNlpDataDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "data");
}

export const RISK_MODEL_FILE = "risk-model.json";
export const DOMAIN_MODEL_FILE = "domain-model.json";
export const CATEGORY_MODEL_FILE = "category-model.json";

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

/** A JSON model file, parsed (the reader's own schema validates it). */
export function readModelFile(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

const LabelledLine = z.object({ text: z.string(), domain: z.enum(DOMAINS) });

export type LabelledParse = { examples: LabelledText[]; skipped: { line: number; error: string }[] };

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
  return { examples, skipped };
}
