/**
 * Classifier features: character unigrams and bigrams of Chinese runs, lower-cased
 * Latin words, and one cue feature per domain-lexicon match. Character n-grams survive
 * typos, dialect and missing punctuation; the lexicon carries reviewed knowledge.
 */
import type { Domain } from "./types.js";

export interface DomainLexicon {
  /** One alternation per domain, compiled once. */
  cues: { domain: Domain; pattern: RegExp; words: string[] }[];
}

export function compileDomainLexicon(domains: Partial<Record<Domain, string[]>>): DomainLexicon {
  const cues: DomainLexicon["cues"] = [];
  for (const [domain, words] of Object.entries(domains) as [Domain, string[]][]) {
    if (words.length === 0) continue;
    const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
    cues.push({ domain, words: sorted, pattern: new RegExp(sorted.map(escapeRegex).join("|"), "g") });
  }
  return { cues };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Lexicon words that name a place rather than a problem: a wage owed by a hospital or a taxi
 * fare to a hospital is not a medical dispute. Their matches add a weak place cue (weight 1,
 * like an n-gram) instead of a domain cue (weight 3), so the problem words decide. School words
 * stay strong cues: weakened, they lost real campus cases in measurement.
 */
export const PLACE_WORDS: ReadonlySet<string> = new Set(
  "医院 卫生院 诊所 卫生室 养老院 食堂".split(" "),
);

/** Characters too common to carry a domain. */
const STOP = new Set("的了是我他她你们在有就都也和还又把被给说这那个一不要去来到会能对着么吗呢吧啊呀".split(""));

/** Question words and fillers: every domain uses them, they must not tip the balance. */
const STOP_BIGRAMS = new Set(
  "怎么 么办 咋办 请问 问一 一下 可以 以吗 什么 么样 这个 那个 是不 不是 我们 他们 她们 你们 现在 应该 如果 时候 需要 能不 不能 没有 有没 还是 就是 但是 因为 所以 已经 知道 自己 一个 这样 怎样 多少 合法 违法 法律 请求 帮忙 谢谢 您好 你好 申请".split(" "),
);

/** At most this many characters are featurised: a domain shows in the first few thousand. */
export const MAX_FEATURE_CHARS = 4000;

/**
 * Features of a normalised text (with repetition: counts matter to naive Bayes).
 * @example extractFeatures("楼上漏水", lex) includes "楼上", "漏水", "水", "@neighbor"
 */
export function extractFeatures(text: string, lexicon?: DomainLexicon): string[] {
  const t = text.length > MAX_FEATURE_CHARS ? text.slice(0, MAX_FEATURE_CHARS) : text;
  const out: string[] = [];
  for (const run of t.match(/[\u3400-\u9fff]+|[a-z0-9]+/gi) ?? []) {
    if (/^[\u3400-\u9fff]/.test(run)) {
      for (let i = 0; i < run.length; i++) {
        const c = run[i]!;
        if (!STOP.has(c)) out.push(c);
        if (i + 1 < run.length) {
          const bigram = run.slice(i, i + 2);
          if (!STOP_BIGRAMS.has(bigram)) out.push(bigram);
        }
      }
    } else if (!/^\d+$/.test(run)) {
      out.push(run.toLowerCase());
    }
  }
  if (lexicon) {
    for (const m of lexiconMatches(t, lexicon)) {
      if (PLACE_WORDS.has(m.word)) out.push(`p:${m.domain}`, `p:${m.word}`);
      else out.push(`@${m.domain}`, `@w:${m.word}`);
    }
  }
  return out;
}

interface LexiconMatch {
  domain: Domain;
  word: string;
  start: number;
  end: number;
}

/**
 * Lexicon matches of every domain, without those lying inside a longer match of another
 * domain: 上户口 is a child's registration (marital), not any 户口 matter (other);
 * 宅基地审批 is a land approval (other), not a boundary quarrel (neighbor).
 */
function lexiconMatches(text: string, lexicon: DomainLexicon): LexiconMatch[] {
  const all: LexiconMatch[] = [];
  for (const cue of lexicon.cues) {
    for (const m of text.matchAll(cue.pattern)) {
      all.push({ domain: cue.domain, word: m[0], start: m.index, end: m.index + m[0].length });
    }
  }
  return all.filter(
    (m) => !all.some((o) => o.domain !== m.domain && o.end - o.start > m.end - m.start && o.start <= m.start && o.end >= m.end),
  );
}
