/**
 * The front every reader shares, run once per message: normalise, mask personal data, extract
 * the facts, read the danger vocabulary (nlp/reading.ts) and compute the features
 * (nlp/text-features.ts). Training goes through the same front, so the models see at training
 * what they see in use.
 */
import type { Knowledge } from "../knowledge/types.js";
import { extractFacts } from "./facts.js";
import { domainCues, type DomainLexicon } from "./domain-cues.js";
import { maskPii } from "./pii.js";
import { buildSoundIndex, wordsInPinyin } from "./pinyin.js";
import { toPlaceHits, type FindPlacesFn } from "./places.js";
import { readText, type Reading } from "./reading.js";
import { readingFeatures, type FeatureMap } from "./text-features.js";
import type { Facts, PiiFinding } from "./types.js";
import type { Vocabulary } from "./vocabulary.js";

export interface Prepared {
  /** Normalised text with personal data masked: what every reader and every log sees. */
  masked: string;
  pii: PiiFinding[];
  facts: Facts;
  reading: Reading;
  features: FeatureMap;
}

export interface FrontDeps {
  knowledge: Knowledge;
  vocabulary: Vocabulary;
  domainLexicon: DomainLexicon;
  findPlaces: FindPlacesFn;
}

/** Cues from the facts (money, people and earlier attempts, in bands) and the length of the message. */
function factCues(f: Facts, text: string): string[] {
  // A short answer ("裴家湾镇王家岔村") says little: the model learns what little texts mean.
  const out: string[] = [text.length < 12 ? "f:len_short" : text.length < 60 ? "f:len_mid" : "f:len_long"];
  const money = f.money?.amount ?? 0;
  if (money >= 1_000_000) out.push("f:money_huge");
  if (money >= 100_000) out.push("f:money_large");
  else if (money >= 20_000) out.push("f:money_mid");
  const people = f.peopleCount?.count ?? 0;
  if (people >= 30) out.push("f:people_crowd");
  if (people >= 8) out.push("f:people_many");
  if (f.attempts.length >= 1) out.push("f:attempts");
  if (f.attempts.length >= 2) out.push("f:attempts_many");
  return out;
}

/** Prepares a normalised text for the readers. */
export function createFront(deps: FrontDeps): (normalized: string) => Prepared {
  // Topic words (the domain lexicon, the catalogue's keywords) as they sound, for messages typed in pinyin.
  const topics = buildSoundIndex([...deps.domainLexicon.cues.flatMap((c) => c.words), ...deps.knowledge.services.flatMap((s) => s.keywords)]);
  return (normalized) => {
    const { masked, findings } = maskPii(normalized);
    // Analysis runs on the masked text: numbers in PII are not money or people counts.
    const facts = extractFacts(masked, toPlaceHits(deps.findPlaces(deps.knowledge, masked)));
    const reading = readText(masked, deps.vocabulary);
    const spelt = /[a-z]{2}/.test(reading.text) ? wordsInPinyin(reading.text, topics) : [];
    const cues = [...factCues(facts, reading.text), ...domainCues(reading.text, deps.domainLexicon), ...domainCues(spelt.join(" "), deps.domainLexicon)];
    const features = readingFeatures(reading, cues, spelt);
    return { masked, pii: findings, facts, reading, features };
  };
}
