/**
 * The domain lexicon (nlp/data/domain-lexicon.yaml): reviewed words that point to one studio's
 * domain. Each match is a feature (`@neighbor`, `@w:漏水`) the learned readers weigh; a word
 * inside a longer word of another domain does not count (上户口 is a child's registration, not
 * any 户口 matter).
 */
import type { Domain } from "./types.js";

export interface DomainLexicon {
  /** One alternation per domain, compiled once. */
  cues: { domain: Domain; pattern: RegExp; words: string[] }[];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function compileDomainLexicon(domains: Partial<Record<Domain, string[]>>): DomainLexicon {
  const cues: DomainLexicon["cues"] = [];
  for (const [domain, words] of Object.entries(domains) as [Domain, string[]][]) {
    if (words.length === 0) continue;
    const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
    // English words match whole words only ("fund" is not in "refund").
    const alternatives = sorted.map((w) => `${/^[a-z]/i.test(w) ? "(?<![a-z])" : ""}${escapeRegex(w.toLowerCase())}${/[a-z]$/i.test(w) ? "(?![a-z])" : ""}`);
    cues.push({ domain, words: sorted, pattern: new RegExp(alternatives.join("|"), "g") });
  }
  return { cues };
}

/** Feature names of the lexicon matches in a text. */
export function domainCues(text: string, lexicon: DomainLexicon): string[] {
  const all: { domain: Domain; word: string; start: number; end: number }[] = [];
  for (const cue of lexicon.cues) {
    for (const m of text.matchAll(cue.pattern)) all.push({ domain: cue.domain, word: m[0], start: m.index, end: m.index + m[0].length });
  }
  // Only a match starting at most one word-length earlier can contain another: look there, not at all
  // matches (a 100 KB paste has tens of thousands).
  const byStart = new Map<number, typeof all>();
  let longest = 0;
  for (const m of all) {
    byStart.set(m.start, [...(byStart.get(m.start) ?? []), m]);
    longest = Math.max(longest, m.end - m.start);
  }
  const containedElsewhere = (m: (typeof all)[number]): boolean => {
    for (let s = m.start - longest; s <= m.start; s++) {
      for (const o of byStart.get(s) ?? []) if (o.domain !== m.domain && o.end - o.start > m.end - m.start && o.end >= m.end) return true;
    }
    return false;
  };
  return all.filter((m) => !containedElsewhere(m)).flatMap((m) => [`@${m.domain}`, `@w:${m.word}`]);
}
