/**
 * The domain lexicon (nlp/data/domain-lexicon.yaml): reviewed words that point to one studio's
 * domain. Each match is a feature (`@neighbor`, `@w:漏水`) the learned readers weigh; a word
 * inside a longer word of another domain does not count (上户口 is a child's registration, not
 * any 户口 matter).
 */
import type { Domain } from "./types.js";
import { wordAt } from "./word-at.js";

export interface DomainLexicon {
  /** Each domain's words, longest first. */
  cues: { domain: Domain; words: string[] }[];
  /**
   * Every word (lower-cased) by the UTF-16 code unit it starts with, domain by domain and longest
   * first within a domain: one look-up per position of a text finds every domain's candidates.
   */
  byFirstCode: Map<number, CueWord[]>;
}

interface CueWord {
  /** Index of the word's domain in `cues`. */
  cue: number;
  word: string;
  /** English words match whole words only ("fund" is not in "refund"). */
  wholeWord: { start: boolean; end: boolean };
  /** The feature names a match gives (`@neighbor`, `@w:漏水`), made once. */
  features: [domain: string, word: string];
}

export function compileDomainLexicon(domains: Partial<Record<Domain, string[]>>): DomainLexicon {
  const cues: DomainLexicon["cues"] = [];
  const byFirstCode = new Map<number, CueWord[]>();
  for (const [domain, words] of Object.entries(domains) as [Domain, string[]][]) {
    if (words.length === 0) continue;
    const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
    const cue = cues.push({ domain, words: sorted }) - 1;
    for (const w of sorted) {
      const word = w.toLowerCase();
      const entry: CueWord = { cue, word, wholeWord: { start: /^[a-z]/i.test(w), end: /[a-z]$/i.test(w) }, features: [`@${domain}`, `@w:${word}`] };
      const list = byFirstCode.get(word.charCodeAt(0));
      if (list) list.push(entry);
      else byFirstCode.set(word.charCodeAt(0), [entry]);
    }
  }
  return { cues, byFirstCode };
}

interface CueMatch {
  word: CueWord;
  start: number;
  end: number;
}

const isLowerLatin = (code: number) => code >= 0x61 && code <= 0x7a;

function standsAt(text: string, at: number, w: CueWord): boolean {
  if (!wordAt(text, at, w.word)) return false;
  const end = at + w.word.length;
  if (w.wholeWord.start && at > 0 && isLowerLatin(text.charCodeAt(at - 1))) return false;
  return !(w.wholeWord.end && end < text.length && isLowerLatin(text.charCodeAt(end)));
}

/** Feature names of the lexicon matches in a text. */
export function domainCues(text: string, lexicon: DomainLexicon): string[] {
  // Per domain, matches do not overlap and the longest word starting at a place wins (what one
  // alternation of the domain's words, longest first, would find), in text order.
  const perCue: CueMatch[][] = lexicon.cues.map(() => []);
  const freeFrom = lexicon.cues.map(() => 0);
  for (let i = 0; i < text.length; i++) {
    const words = lexicon.byFirstCode.get(text.charCodeAt(i));
    if (!words) continue;
    for (const w of words) {
      if (freeFrom[w.cue]! > i || !standsAt(text, i, w)) continue;
      perCue[w.cue]!.push({ word: w, start: i, end: i + w.word.length });
      freeFrom[w.cue] = i + w.word.length;
    }
  }
  const all = ([] as CueMatch[]).concat(...perCue);
  // Only a match starting at most one word-length earlier can contain another: look there, not at all
  // matches (a 100 KB paste has tens of thousands).
  const byStart = new Map<number, CueMatch[]>();
  let longest = 0;
  for (const m of all) {
    const list = byStart.get(m.start);
    if (list) list.push(m);
    else byStart.set(m.start, [m]);
    longest = Math.max(longest, m.end - m.start);
  }
  const containedElsewhere = (m: CueMatch): boolean => {
    for (let s = m.start - longest; s <= m.start; s++) {
      for (const o of byStart.get(s) ?? []) if (o.word.cue !== m.word.cue && o.end - o.start > m.end - m.start && o.end >= m.end) return true;
    }
    return false;
  };
  const out: string[] = [];
  for (const m of all) if (!containedElsewhere(m)) out.push(...m.word.features);
  return out;
}
