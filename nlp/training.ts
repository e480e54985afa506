/**
 * Training sets of the shipped readers, built only from material the project owns: its corpus
 * (nlp/data/corpus/), its own domain phrases, the domain lexicon and the catalogue's examples.
 * Every text goes through the same front as in use (`prepare`).
 */
import type { Knowledge } from "../knowledge/types.js";
import type { CorpusLine } from "./corpus.js";
import type { LabelledText } from "./classifier.js";
import type { Prepared } from "./front.js";
import { trainLinearModel, type Example, type LinearModelData } from "./linear-model.js";
import { RISK_CLASSES } from "./risk-model.js";
import { DOMAINS, type Domain, type RiskColor } from "./types.js";

type Prepare = (text: string) => Prepared;

/** Service examples labelled with the service's domains (a service for every domain is skipped). */
export function catalogueDomainExamples(k: Knowledge): LabelledText[] {
  const out: LabelledText[] = [];
  for (const s of k.services) {
    if (s.domains.length === 0 || s.domains.length > 2) continue;
    for (const text of s.examples) for (const domain of s.domains) out.push({ text, domain });
  }
  return out;
}

/** The catalogue's own words for each category: service names, descriptions and examples. */
export function catalogueCategoryExamples(k: Knowledge): { text: string; category: string }[] {
  // English names too: residents write in English, and the catalogue names every service in both.
  return [
    ...k.services.flatMap((s) => [s.name.zh, s.name.en, s.description, ...s.examples].map((text) => ({ text, category: s.categoryId }))),
    ...k.categories.flatMap((c) => [c.name.zh, c.name.en, c.description].map((text) => ({ text, category: c.id }))),
  ];
}

export function riskExamples(corpus: readonly CorpusLine[], prepare: Prepare): Example<RiskColor>[] {
  return corpus.map((r) => ({ features: prepare(r.text).features, label: r.color }));
}

export function domainExamples(parts: { corpus: readonly CorpusLine[]; phrases: readonly LabelledText[]; lexiconWords: readonly LabelledText[]; knowledge?: Knowledge }, prepare: Prepare): Example<Domain>[] {
  const texts: LabelledText[] = [
    ...parts.corpus.map((r) => ({ text: r.text, domain: r.domain })),
    ...parts.phrases,
    ...parts.lexiconWords,
    ...(parts.knowledge ? catalogueDomainExamples(parts.knowledge) : []),
  ];
  return texts.map((t) => ({ features: prepare(t.text).features, label: t.domain }));
}

export function categoryExamples(parts: { corpus: readonly CorpusLine[]; knowledge: Knowledge }, prepare: Prepare): Example<string>[] {
  const known = new Set(parts.knowledge.categories.map((c) => c.id));
  const texts = [...parts.corpus.filter((r) => known.has(r.category)).map((r) => ({ text: r.text, category: r.category })), ...catalogueCategoryExamples(parts.knowledge)];
  return texts.map((t) => ({ features: prepare(t.text).features, label: t.category }));
}

export interface TrainedReader {
  data: LinearModelData;
  /** Out-of-fold accuracy (5 folds), for the report. */
  cvAccuracy: number;
  heldOut: { logits: number[]; gold: number }[];
}

function train<C extends string>(examples: Example<C>[], classes: readonly C[], sources: string[], balance = false): TrainedReader {
  const { data, heldOut } = trainLinearModel(examples, classes, { sources, balance });
  const correct = heldOut.filter((h) => h.logits.indexOf(Math.max(...h.logits)) === h.gold).length;
  return { data, heldOut, cvAccuracy: correct / Math.max(1, heldOut.length) };
}

export function trainRiskReader(corpus: readonly CorpusLine[], prepare: Prepare): TrainedReader {
  return train(riskExamples(corpus, prepare), RISK_CLASSES, ["nlp/data/corpus"]);
}

export function trainDomainReader(examples: Example<Domain>[], sources: string[]): TrainedReader {
  return train(examples, DOMAINS.filter((d) => examples.some((e) => e.label === d)), sources, true);
}

export function trainCategoryReader(examples: Example<string>[], k: Knowledge): TrainedReader {
  return train(examples, k.categories.map((c) => c.id).filter((c) => examples.some((e) => e.label === c)), ["nlp/data/corpus", "catalogue"], true);
}
