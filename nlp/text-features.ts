/**
 * Features of a reading, shared by every learned reader (risk, domain, category): character
 * 1–3-grams of Chinese runs, Latin words and word pairs, and the danger vocabulary's concepts
 * with their clause context. N-grams of long texts are scaled down (a long story is not a
 * thousand independent proofs); concept features are not, so one dangerous sentence in a long
 * story keeps its weight.
 */
import { contextTag, isClear, type ConceptHit, type Reading } from "./reading.js";

export type FeatureMap = Map<string, number>;

/** N-gram features beyond this many are scaled by √(reference / count). */
const NGRAM_REFERENCE = 60;
/** Only the first this many characters give n-grams (the vocabulary still reads the whole text). */
export const MAX_NGRAM_CHARS = 3000;

const isHan = (code: number) => code >= 0x3400 && code <= 0x9fff;

function addNgrams(text: string, into: FeatureMap): void {
  // Runs of Chinese characters, read by code unit (no array of runs is made): 1–3-grams inside each run.
  for (let i = 0; i < text.length; i++) {
    if (!isHan(text.charCodeAt(i))) continue;
    into.set(text[i]!, 1);
    if (i + 1 < text.length && isHan(text.charCodeAt(i + 1))) {
      into.set(text.slice(i, i + 2), 1);
      if (i + 2 < text.length && isHan(text.charCodeAt(i + 2))) into.set(text.slice(i, i + 3), 1);
    }
  }
  const words = text.match(/[a-z]+/g) ?? [];
  for (let i = 0; i < words.length; i++) {
    into.set(`w:${words[i]}`, 1);
    if (i + 1 < words.length) into.set(`w:${words[i]}_${words[i + 1]}`, 1);
  }
}

/**
 * The feature map of a reading; `extra` adds named cues (money bands, domain-lexicon cues) and
 * `extraWords` the n-grams of words read from pinyin.
 * @example readingFeatures(readText("农药我都买好了", vocab)).has("c:self_means:clear") // true
 */
export function readingFeatures(reading: Reading, extra: readonly string[] = [], extraWords: readonly string[] = []): FeatureMap {
  // The n-grams go straight into the map (a set first would hash every one twice), then take their scale.
  const out: FeatureMap = new Map();
  addNgrams(reading.featureText.length > MAX_NGRAM_CHARS ? reading.featureText.slice(0, MAX_NGRAM_CHARS) : reading.featureText, out);
  for (const w of extraWords) addNgrams(w, out);
  for (const h of reading.hits) if (h.via !== "text") addNgrams(h.word, out);
  if (out.size > NGRAM_REFERENCE) {
    const scale = Math.sqrt(NGRAM_REFERENCE / out.size);
    for (const g of out.keys()) out.set(g, scale);
  }
  const clear: ConceptHit[] = [];
  for (const h of reading.hits) {
    out.set(`c:${h.concept}`, 1);
    out.set(`c:${h.concept}:${contextTag(h)}`, 1);
    if (h.via !== "text") out.set(`c:${h.concept}:${h.via}`, 1);
    if (isClear(h)) clear.push(h);
  }
  // Concepts that meet in one clause or the next (a means and its preparation, fuel and a grudge).
  for (let i = 0; i < clear.length; i++) {
    for (let j = i + 1; j < clear.length; j++) {
      const a = clear[i]!;
      const b = clear[j]!;
      if (a.concept === b.concept || Math.abs(a.clause - b.clause) > 1) continue;
      out.set(`p:${[a.concept, b.concept].sort().join("+")}`, 1);
    }
  }
  for (const e of extra) out.set(e, 1);
  return out;
}
