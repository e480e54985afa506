/**
 * The reading front: one pass that every reader (risk model, hard rules, domain, services)
 * uses. From the normalised, masked text it finds the danger vocabulary's concepts — by their
 * characters, by sound (homophone typos, pinyin, pinyin initials), in English and in emoji —
 * splits clauses, and reads each hit's context in its clause: negated, past, reported (news,
 * fiction, far away), a product used as a product.
 */
import { ADDRESS_MASK } from "./pii.js";
import { compact } from "./normalize.js";
import { charKeys, charTones, fuzzySyllable, soundsLike, splitPinyin } from "./pinyin.js";
import type { Vocabulary, VocabularyWord } from "./vocabulary.js";
import { hedgedBySamePerson, TELLING_NOT_TO, toldAsExperience, toldOfSomeoneElse } from "./whose-words.js";
import { wordAt } from "./word-at.js";

export type HitSource = "text" | "sound" | "pinyin" | "initials" | "english" | "emoji";

export interface HitContext {
  negated: boolean;
  past: boolean;
  /** Said as a joke, in anger or as hyperbole (开玩笑, 气话, 哈哈). */
  joking: boolean;
  /** Ambivalence nearby (撑住, 不敢, 舍不得): lowers a wish to die to a question, never a prepared means. */
  hedged: boolean;
  reported: boolean;
  productUse: boolean;
}

export interface ConceptHit {
  concept: string;
  /** The vocabulary word the hit stands for (自杀 for 自沙 or zisha). */
  word: string;
  /** Offsets in `Reading.text`; `text.slice(start, end)` is what the resident wrote. */
  start: number;
  end: number;
  clause: number;
  via: HitSource;
  context: HitContext;
}

export interface Clause {
  start: number;
  end: number;
  /** Index of the sentence (split on 。！？ and line breaks) the clause belongs to. */
  sentence: number;
}

export interface Reading {
  /** The compact text (lower-case, no spaces between Chinese characters) all offsets refer to. */
  text: string;
  clauses: Clause[];
  hits: ConceptHit[];
  /** The text with meaningful emoji spelt as words, for n-gram features. */
  featureText: string;
}

/**
 * A wish to die and the ways to do it: hesitation lowers their hits (a prepared means stays firm), and
 * the experiential 过 or the person spoken to make them the past or someone else's.
 */
const SELF_HARM_WORDS = new Set(["die_wish", "self_harm_method", "despair"]);

/** The one word a hit's context comes down to (the feature names and the hard rules use it). */
export function contextTag(h: ConceptHit): string {
  const c = h.context;
  if (c.reported) return "rep";
  if (c.joking) return "joke";
  if (c.past) return "past";
  if (c.hedged && SELF_HARM_WORDS.has(h.concept)) return "hedge";
  if (c.negated) return "neg";
  if (c.productUse) return "prod";
  return "clear";
}

/** Whether a hit speaks of the present, by the resident or about someone near (not negated, past, reported or a product). */
export function isClear(h: ConceptHit): boolean {
  return contextTag(h) === "clear";
}

const HAN = /[\u3400-\u9fff]/;
/**
 * Characters that end a clause, and those of them that end a sentence, by UTF-16 code unit. Clauses
 * are split one character at a time, so a "." always ends one (even in 1.5万) and spaces never do:
 * that is how the readers were trained, and a set says it without a pattern test per character.
 */
const CLAUSE_BREAKS: ReadonlySet<number> = codeSet("。！？!?；;，,、\n…~～.");
const SENTENCE_BREAKS: ReadonlySet<number> = codeSet("。！？!?\n");

function codeSet(chars: string): Set<number> {
  return new Set(Array.from(chars, (c) => c.charCodeAt(0)));
}
/** How far back a negation may stand from its words (我不会再想不开 → 3 characters). */
const NEGATION_WINDOW = 6;
/** How far a past or reporting marker reaches inside one clause of unpunctuated speech. */
const CONTEXT_WINDOW = 24;
const PRODUCT_WINDOW = 14;
const MAX_HITS_PER_CONCEPT = 64;

function splitClauses(text: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  let sentence = 0;
  for (let i = 0; i <= text.length; i++) {
    // The end of the text ends a clause and a sentence, as a line break would.
    const code = i < text.length ? text.charCodeAt(i) : 0x0a;
    if (!CLAUSE_BREAKS.has(code)) continue;
    if (i > start) out.push({ start, end: i, sentence });
    if (SENTENCE_BREAKS.has(code)) sentence++;
    start = i + 1;
  }
  return out;
}

function clauseAt(clauses: readonly Clause[], pos: number): number {
  let lo = 0;
  let hi = clauses.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (clauses[mid]!.start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function excludedMask(text: string, vocab: Vocabulary): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (const re of [vocab.exclude, vocab.excludeEnglish]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) mask.fill(1, m.index, m.index + m[0].length);
  }
  return mask;
}

function findExact(text: string, vocab: Vocabulary, excluded: Uint8Array, add: (w: VocabularyWord, s: number, e: number, via: HitSource) => void): void {
  for (let i = 0; i < text.length; i++) {
    const words = vocab.byFirstCode.get(text.charCodeAt(i));
    if (!words || excluded[i]) continue;
    // A word that reaches into an excluded span is part of it (让他死 in 让他死去的弟弟: the late brother).
    for (const w of words) if (wordAt(text, i, w.word) && !excluded.subarray(i, i + w.word.length).includes(1)) add(w, i, i + w.word.length, "text");
  }
}

/**
 * Homophones and near-homophones of 2+ character words, with at least one character in common
 * (相思 is not 想死): a two-character word needs the same syllable and tone (自沙, 字杀 → 自杀;
 * 想试 is not 想死), a longer one a close syllable at each character: the same syllable in another tone,
 * or the same tone with a fuzzy initial or final (活着没一思 → 活着没意思; 说起来 is not 锁起来, pinyin.ts
 * soundsLike); none reaches into an idiom or an ordinary word (一起私奔 is not 一起死).
 */
function findBySound(text: string, vocab: Vocabulary, excluded: Uint8Array, add: (w: VocabularyWord, s: number, e: number, via: HitSource) => void): void {
  const candidatesOf = soundCandidates(vocab);
  for (let i = 0; i < text.length; i++) {
    if (excluded[i]) continue;
    const candidates = candidatesOf(text.charCodeAt(i));
    for (let c = 0; c < candidates.length; c++) {
      const w = candidates[c]!;
      const keys = w.keys!;
      if (i + keys.length > text.length) continue;
      // A homophone shares a character with its word (below): checking that first spares most
      // candidates the look-up of every character's readings.
      if (!sharesCharacter(text, i, w.word, keys.length)) continue;
      let same = 0;
      let ok = true;
      for (let j = 0; j < keys.length && ok; j++) {
        const code = text.charCodeAt(i + j);
        if (code === w.word.charCodeAt(j)) same++;
        else ok = keys.length === 2 ? charTones(code).includes(w.tones![j]!) : soundsLike(code, w.tones![j]!);
      }
      if (ok && same < keys.length && same >= 1 && (keys.length > 2 || standsAlone(text, i, i + 2)) && !excluded.subarray(i, i + keys.length).includes(1)) add(w, i, i + keys.length, "sound");
    }
  }
}

/** Whether the `length` characters of `text` at `start` have one in the same place as `word`. */
function sharesCharacter(text: string, start: number, word: string, length: number): boolean {
  for (let j = 0; j < length; j++) if (text.charCodeAt(start + j) === word.charCodeAt(j)) return true;
  return false;
}

/**
 * The sound-matched words that may start at a character: one of its readings is the word's first
 * syllable and, for a two-character word, the first character is the word's own or has its tone (the
 * test `findBySound` makes at the first character, made once per character instead of once per
 * position). By UTF-16 code unit (no one-character string per position), memoised per vocabulary.
 */
const candidateMemo = new WeakMap<Vocabulary, Map<number, readonly VocabularyWord[]>>();
function soundCandidates(vocab: Vocabulary): (code: number) => readonly VocabularyWord[] {
  let memo = candidateMemo.get(vocab);
  if (!memo) candidateMemo.set(vocab, (memo = new Map()));
  const known = memo;
  return (code) => {
    let list = known.get(code);
    if (list === undefined) {
      list = HAN.test(String.fromCharCode(code))
        ? charKeys(code)
            .flatMap((k) => vocab.byFirstKey.get(k) ?? [])
            .filter((w) => w.keys!.length !== 2 || code === w.word.charCodeAt(0) || charTones(code).includes(w.tones![0]!))
        : [];
      known.set(code, list);
    }
    return list;
  };
}

/**
 * A two-character homophone (自沙 for 自杀) is read only where the danger word would stand: after
 * a wish, a plan, a person or a verb of holding (拿气油), and before 了/算了/吧/把 or the end; 村上调解 is
 * not 上吊, 所在单位 is not 锁在.
 */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? "";
  const after = text[end] ?? "";
  return /^$|[想要去就准备算会得我他她你再敢也都了拿带用有买，,。!！?？\s]/.test(before) && /^$|[了啊吧呢算的把和跟去来，,。!！?？\s~…]/.test(after);
}

/** Words that mark a Latin run as English, so that its words are not read as pinyin or initials ("my" is not 煤油). */
export const ENGLISH_MARKERS: ReadonlySet<string> = new Set("i me my you your he him his she her it we us our they them the a an is am are was were be been to of in on at for and or but not no do does did have has had will would can could this that with from".split(" "));

/** In typed pinyin "le" and "de" are 了 and 的/得, never the start of a danger word (shou le wo is not 勒我). */
const PARTICLE_SYLLABLES = new Set(["le", "de"].map(fuzzySyllable));

/** Latin runs: English phrases, pinyin written out (zisha, wo bu xiang huo le) and initials (zs). */
function findLatin(text: string, vocab: Vocabulary, excluded: Uint8Array, add: (w: VocabularyWord, s: number, e: number, via: HitSource) => void): void {
  // Everything read here is in Latin letters (English phrases have one, by the schema): most messages
  // have none, and the English alternation is slow to run over Chinese text.
  if (!/[a-z]/.test(text)) return;
  vocab.english.lastIndex = 0;
  for (const m of text.matchAll(vocab.english)) {
    if (excluded[m.index]) continue;
    const concept = vocab.englishConcept.get(m[0]);
    if (concept) add({ concept, word: m[0] }, m.index, m.index + m[0].length, "english");
  }
  for (const run of text.matchAll(/[a-z]+(?:[\s'’-]+[a-z]+)*/g)) {
    if (run[0].split(/[^a-z]+/).some((w) => ENGLISH_MARKERS.has(w))) continue;
    const syllables: { key: string; start: number; end: number }[] = [];
    for (const tok of run[0].matchAll(/[a-z]+/g)) {
      const start = run.index + tok.index;
      const end = start + tok[0].length;
      const initials = vocab.byInitials.get(tok[0]);
      if (initials) for (const w of initials) add(w, start, end, "initials");
      const split = splitPinyin(tok[0]);
      if (!split) {
        syllables.push({ key: "|", start, end });
        continue;
      }
      for (const s of split) syllables.push({ key: fuzzySyllable(s), start, end });
    }
    for (let i = 0; i < syllables.length; i++) {
      if (PARTICLE_SYLLABLES.has(syllables[i]!.key)) continue;
      for (const w of vocab.byFirstKey.get(syllables[i]!.key) ?? []) {
        const keys = w.keys!;
        if (keys.every((k, j) => syllables[i + j]?.key === k)) add(w, syllables[i]!.start, syllables[i + keys.length - 1]!.end, "pinyin");
      }
    }
  }
}

function findEmoji(text: string, vocab: Vocabulary, add: (w: VocabularyWord, s: number, e: number, via: HitSource) => void): void {
  for (const [emoji, word] of vocab.emoji) {
    let at = text.indexOf(emoji);
    while (at >= 0) {
      for (const w of vocab.byFirstCode.get(word.charCodeAt(0)) ?? []) if (w.word === word) add(w, at, at + emoji.length, "emoji");
      at = text.indexOf(emoji, at + emoji.length);
    }
  }
}

function lastIndexOfAny(hay: string, needles: readonly string[]): { at: number; len: number } {
  let best = { at: -1, len: 0 };
  for (const n of needles) {
    const at = hay.lastIndexOf(n);
    if (at > best.at) best = { at, len: n.length };
  }
  return best;
}

/** "十年前", "四十多年前": any number of years ago. */
const YEARS_AGO = /[\d一二三四五六七八九十百几两多]+年(?:以)?前/;

/** Negation written in pinyin just before the words (wo bu hui xiang bu kai), but not "bu yao" (telling someone not to). */
function latinNegated(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 16), start);
  return /(?:^|[^a-z])(?:bu ?hui|jue ?bu|cong ?mei|mei ?you|mei|bu|not|never|won't|wont)\s*$/.test(before) && !/bu ?yao\s*$/.test(before);
}

function readContext(text: string, clause: Clause, sentenceStart: number, start: number, end: number, concept: string, vocab: Vocabulary): HitContext {
  const before = text.slice(Math.max(clause.start, start - CONTEXT_WINDOW), start);
  // A contrast (但是…) starts the reading afresh: 我不是要闹事，但是… keeps what follows.
  const contrast = lastIndexOfAny(before, vocab.contrast);
  const scope = contrast.at >= 0 ? before.slice(contrast.at + contrast.len) : before;
  // A question (是不是, 会不会, 有没有) is not a negation.
  const near = scope.slice(-NEGATION_WINDOW - 2).replace(/(.)[不没]\1/g, "").slice(-NEGATION_WINDOW);
  const telling = TELLING_NOT_TO.test(near);
  const negated =
    !telling &&
    (vocab.negators.test(near) ||
      /(?<![忍受禁])不$|(?<![淹埋])没$|没有$/.test(near) ||
      (vocab.negatorsEnglish.lastIndex = 0, vocab.negatorsEnglish.test(scope.slice(-24))));
  const sentence = text.slice(Math.max(sentenceStart, start - CONTEXT_WINDOW * 2), start);
  const around = text.slice(Math.max(clause.start, start - PRODUCT_WINDOW), Math.min(clause.end, end + PRODUCT_WINDOW));
  const nearby = text.slice(Math.max(sentenceStart, start - CONTEXT_WINDOW * 2), Math.min(text.length, end + CONTEXT_WINDOW * 2));
  const after = text.slice(end, Math.min(text.length, end + CONTEXT_WINDOW));
  return {
    negated: negated || latinNegated(text, start),
    past: vocab.past.test(scope) || YEARS_AGO.test(scope) || vocab.pastAfter.test(after) || (SELF_HARM_WORDS.has(concept) && toldAsExperience(text, clause, start, end)),
    joking: vocab.joking.test(nearby),
    hedged: hedgedBySamePerson(text, Math.max(sentenceStart, start - CONTEXT_WINDOW * 2), Math.min(text.length, end + CONTEXT_WINDOW * 2), start, vocab.hedges, CLAUSE_BREAKS),
    reported: vocab.reported.test(sentence) || toldOfSomeoneElse(text, clause, Math.max(sentenceStart, start - CONTEXT_WINDOW * 2), start, end, SELF_HARM_WORDS.has(concept)),
    productUse: vocab.productUse.test(around),
  };
}

/**
 * Reads a normalised (and masked) text.
 * @example readText("农药我都买好了", vocab).hits.map((h) => h.concept) // ["self_means", "prepared"]
 */
export function readText(normalized: string, vocab: Vocabulary): Reading {
  const text = compact(normalized);
  const clauses = splitClauses(text);
  const excluded = excludedMask(text, vocab);
  const hits: ConceptHit[] = [];
  const seen = new Set<string>();
  const sentenceStarts = new Map<number, number>();
  for (const c of clauses) if (!sentenceStarts.has(c.sentence)) sentenceStarts.set(c.sentence, c.start);
  const perConcept = new Map<string, number>();
  const add = (w: VocabularyWord, start: number, end: number, via: HitSource) => {
    // Enough hits of one concept for every reader (features are sets, a rule needs one, a quote a few);
    // a 100 KB paste of one phrase must not cost a hundred thousand context readings.
    const count = perConcept.get(w.concept) ?? 0;
    if (count >= MAX_HITS_PER_CONCEPT) return;
    // One hit per concept and place: a longer word of the same concept covers its parts.
    const covered = hits.some((h) => h.concept === w.concept && h.start <= start && h.end >= end);
    const key = `${w.concept}:${start}`;
    if (covered || seen.has(key)) return;
    seen.add(key);
    perConcept.set(w.concept, count + 1);
    const ci = clauseAt(clauses, start);
    const clause = clauses[ci] ?? { start: 0, end: text.length, sentence: 0 };
    hits.push({ concept: w.concept, word: w.word, start, end, clause: ci, via, context: readContext(text, clause, sentenceStarts.get(clause.sentence) ?? 0, start, end, w.concept, vocab) });
  };
  if (clauses.length > 0) {
    findExact(text, vocab, excluded, add);
    findBySound(text, vocab, excluded, add);
    findLatin(text, vocab, excluded, add);
    findEmoji(text, vocab, add);
  }
  // The address mask is the bot's words, not the resident's: its characters (已, 去…) must not count
  // as evidence, so the learned readers see one neutral token for it.
  let featureText = text.includes(ADDRESS_MASK) ? text.split(ADDRESS_MASK).join(" address ") : text;
  for (const [emoji, word] of vocab.emoji) if (featureText.includes(emoji)) featureText = featureText.split(emoji).join(word);
  return { text, clauses, hits, featureText };
}
