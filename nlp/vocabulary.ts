/**
 * The danger vocabulary (nlp/data/vocabulary.yaml): concepts with Chinese and English words,
 * idiom exclusions, context cues and meaningful emoji, validated with zod and compiled once
 * into lookup tables for the reading front (nlp/reading.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { wordInitials, wordKeys, wordTones } from "./pinyin.js";

const Words = z.array(z.string().min(1)).default([]);
/** English phrases have a Latin letter: a text without one skips the English reader (nlp/reading.ts). */
const EnglishWords = z.array(z.string().regex(/[a-z]/i, "英文词语至少要有一个拉丁字母")).default([]);

export const VocabularySchema = z.object({
  version: z.literal(1),
  concepts: z.record(
    z.string().regex(/^[a-z_]+$/),
    z.object({ sound: z.boolean().default(false), zh: Words, en: EnglishWords }),
  ),
  exclude: Words,
  context: z.object({
    negators: Words,
    negators_en: Words,
    past: Words,
    past_after: Words,
    joking: Words,
    hedges: Words,
    reported: Words,
    contrast: Words,
    product_use: Words,
  }),
  emoji: z.record(z.string().min(1), z.string().min(1)).default({}),
});

export type VocabularyData = z.infer<typeof VocabularySchema>;

/** One Chinese word of a concept, with its sound for homophone matching. */
export interface VocabularyWord {
  concept: string;
  word: string;
  /** Fuzzy pinyin keys (nlp/pinyin.ts), present when the concept is matched by sound. */
  keys?: string[];
  /** Readings with tones: a two-character word is matched by sound only with the same tones. */
  tones?: string[];
}

export interface Vocabulary {
  concepts: string[];
  /**
   * Chinese words by the UTF-16 code unit of their first character, longest first (a number, so that
   * scanning a text makes no one-character string per position).
   */
  byFirstCode: Map<number, VocabularyWord[]>;
  /** Sound-matched words by their first fuzzy syllable. */
  byFirstKey: Map<string, VocabularyWord[]>;
  /** Pinyin initials (zs) of sound-matched words of 2+ characters → the words. */
  byInitials: Map<string, VocabularyWord[]>;
  /** English phrases, one global regex; `englishConcept` maps a lower-cased phrase to its concept. */
  english: RegExp;
  englishConcept: Map<string, string>;
  /** Idioms that contain danger words; their spans are never read as a concept. */
  exclude: RegExp;
  excludeEnglish: RegExp;
  /**
   * The context cues, each list as one pattern that finds any of its words (`.test(window)`): one
   * regex test is several times faster than a loop of `includes`, and every hit reads six windows.
   */
  negators: RegExp;
  negatorsEnglish: RegExp;
  past: RegExp;
  pastAfter: RegExp;
  joking: RegExp;
  hedges: RegExp;
  reported: RegExp;
  /** Words, not a pattern: the reader needs where the last one stands. */
  contrast: string[];
  productUse: RegExp;
  emoji: Map<string, string>;
}

/**
 * Pinyin initials are read for words of 3+ characters (xbk 想不开); two letters are ambiguous
 * (gm, zh, my), except the one everybody types for 自杀.
 */
const TWO_LETTER_INITIALS = new Set(["zs"]);

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Finds any of `words` (not global: `.test` keeps no state between calls). */
function anyOf(words: readonly string[]): RegExp {
  return new RegExp(words.map(escapeRegex).join("|") || "(?!)");
}

function englishRegex(phrases: readonly string[]): RegExp {
  const sorted = [...new Set(phrases.map((p) => p.toLowerCase()))].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![a-z])(?:${sorted.map(escapeRegex).join("|") || "(?!)"})(?![a-z])`, "g");
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function compileVocabulary(input: unknown): Vocabulary {
  const data = VocabularySchema.parse(input);
  const byFirstCode = new Map<number, VocabularyWord[]>();
  const byFirstKey = new Map<string, VocabularyWord[]>();
  const byInitials = new Map<string, VocabularyWord[]>();
  const englishConcept = new Map<string, string>();
  const englishPhrases: string[] = [];
  for (const [concept, c] of Object.entries(data.concepts)) {
    for (const word of new Set(c.zh)) {
      const entry: VocabularyWord = { concept, word };
      if (c.sound && word.length >= 2) {
        entry.keys = wordKeys(word);
        entry.tones = wordTones(word);
        push(byFirstKey, entry.keys[0]!, entry);
        const initials = wordInitials(word);
        if (initials.length >= 3 || TWO_LETTER_INITIALS.has(initials)) push(byInitials, initials, entry);
      }
      push(byFirstCode, word.charCodeAt(0), entry);
    }
    for (const phrase of c.en) {
      englishPhrases.push(phrase);
      if (!englishConcept.has(phrase.toLowerCase())) englishConcept.set(phrase.toLowerCase(), concept);
    }
  }
  for (const list of byFirstCode.values()) list.sort((a, b) => b.word.length - a.word.length);
  const zhExclude = data.exclude.filter((w) => /[\u3400-\u9fff]/.test(w));
  const enExclude = data.exclude.filter((w) => !/[\u3400-\u9fff]/.test(w));
  return {
    concepts: Object.keys(data.concepts),
    byFirstCode,
    byFirstKey,
    byInitials,
    english: englishRegex(englishPhrases),
    englishConcept,
    exclude: new RegExp(zhExclude.sort((a, b) => b.length - a.length).map(escapeRegex).join("|") || "(?!)", "g"),
    excludeEnglish: englishRegex(enExclude),
    negators: anyOf(data.context.negators),
    negatorsEnglish: englishRegex(data.context.negators_en),
    past: anyOf(data.context.past),
    pastAfter: anyOf(data.context.past_after),
    joking: anyOf(data.context.joking),
    hedges: anyOf(data.context.hedges),
    reported: anyOf(data.context.reported),
    contrast: data.context.contrast,
    productUse: anyOf(data.context.product_use),
    emoji: new Map(Object.entries(data.emoji)),
  };
}

export function loadVocabulary(dir: string): Vocabulary {
  return compileVocabulary(parseYaml(readFileSync(join(dir, "vocabulary.yaml"), "utf8")));
}
