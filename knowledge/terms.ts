import type { Knowledge } from "./types.js";

/** Words of the catalogue to add to the segmenter's dictionary: reviewed keywords and place names. */
export function catalogueTerms(k: Knowledge): string[] {
  const terms = new Set<string>();
  for (const s of k.services) for (const w of s.keywords) terms.add(w);
  for (const p of k.places) {
    terms.add(p.name);
    for (const a of p.aliases) terms.add(a);
  }
  return [...terms];
}
