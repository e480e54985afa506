/**
 * Builds the training set of the shipped model from material the project owns: its own
 * labelled phrases, the catalogue's service examples and the domain lexicon.
 */
import type { Knowledge } from "../knowledge/types.js";
import type { LabelledText } from "./classifier.js";

/** Service examples labelled with the service's domains (a service for every domain is skipped). */
export function catalogueExamples(k: Knowledge): LabelledText[] {
  const out: LabelledText[] = [];
  for (const s of k.services) {
    if (s.domains.length === 0 || s.domains.length > 2) continue;
    for (const text of s.examples) for (const domain of s.domains) out.push({ text, domain });
  }
  return out;
}

export function buildTrainingSet(parts: { phrases: LabelledText[]; lexiconWords?: LabelledText[]; knowledge?: Knowledge }): LabelledText[] {
  return [...parts.phrases, ...(parts.lexiconWords ?? []), ...(parts.knowledge ? catalogueExamples(parts.knowledge) : [])];
}
