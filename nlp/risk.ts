/**
 * Risk colour with reasons (红橙黄蓝四色管控). Rules only raise; negation can only turn a
 * match into a note when it is plain and uncontested; hesitation lowers red to orange at
 * most. A missed red is the worst error: when unsure, colour up and say why.
 */
import { compact } from "./normalize.js";
import type { CompiledSignal, RiskLexicon } from "./risk-lexicon.js";
import type { Facts, OwnerRole, RiskAssessment, RiskColor, RiskReason } from "./types.js";

export const COLOR_RANK: Record<RiskColor, number> = { blue: 0, yellow: 1, orange: 2, red: 3 };

export const COLOR_LABELS: Record<RiskColor, string> = { red: "红色", orange: "橙色", yellow: "黄色", blue: "蓝色" };

/** The higher of two colours. */
export function maxColor(a: RiskColor, b: RiskColor): RiskColor {
  return COLOR_RANK[a] >= COLOR_RANK[b] ? a : b;
}

/**
 * The colour a rule-driven update may set: never lower than the current one.
 * Only a person (see `mergeRisk` with `confirmedBy`) may lower a colour.
 */
export function raiseOnly(current: RiskColor, proposed: RiskColor): RiskColor {
  return maxColor(current, proposed);
}

export interface OwnerInfo {
  owner: OwnerRole;
  ownerTitle: string;
}

export type OwnerOf = (color: RiskColor) => OwnerInfo;

const DEFAULT_OWNERS: Record<RiskColor, OwnerInfo> = {
  red: { owner: "political_legal_secretary", ownerTitle: "政法委书记" },
  orange: { owner: "township_secretary", ownerTitle: "乡镇书记" },
  yellow: { owner: "centre_director", ownerTitle: "中心主任" },
  blue: { owner: "mediator", ownerTitle: "调解员" },
};

export const defaultOwnerOf: OwnerOf = (color) => DEFAULT_OWNERS[color];

/**
 * Combines the assessment kept on a case with a new one (e.g. the resident wrote again).
 * Without `confirmedBy` the colour only goes up and reasons accumulate; with it (a staff
 * member confirmed or changed the colour) the next assessment is taken as is.
 */
export function mergeRisk(
  previous: RiskAssessment,
  next: RiskAssessment,
  opts: { confirmedBy?: string; ownerOf?: OwnerOf } = {},
): RiskAssessment {
  if (opts.confirmedBy) return next;
  const color = raiseOnly(previous.color, next.color);
  const seen = new Set<string>();
  const reasons: RiskReason[] = [];
  for (const r of [...previous.reasons, ...next.reasons]) {
    const key = `${r.signal}|${r.words.join(",")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reasons.push(r);
  }
  const hasRealReason = reasons.some((r) => r.signal !== "ordinary");
  const kept = hasRealReason ? reasons.filter((r) => r.signal !== "ordinary") : reasons;
  const owner = (opts.ownerOf ?? defaultOwnerOf)(color);
  return { color, reasons: kept, ...owner };
}

interface Hit {
  word: string;
  color: RiskColor;
  negated: boolean;
  hedged: boolean;
  /** The sentence lacks the context the signal requires, or has one that voids it (a product, not a weapon). */
  outOfContext: boolean;
}

/** Sentences longer than this are cut for context checks (keeps 100 KB inputs linear). */
const MAX_SCAN = 200;
/**
 * Context words (`requires`, `unless`, hedges) count only this many characters either side of
 * a match: a long unpunctuated story is one "sentence", and a 钓鱼 or an 以前 thirty words away
 * must neither void nor soften a threat, nor a 打 far away make a product a weapon.
 */
const CONTEXT_WINDOW = 30;
/** Hesitation often follows the words at some distance (想死…就是不敢): hedges count this far after them. */
const HEDGE_AFTER = 50;
/** The last word that brings a story back to now (以前…现在…); greedy, so it finds the last one. */
const LAST_PRESENT = /^[^]*(?:现在|如今|眼下|这会儿|此刻|这几天|这两天|最近)/;

/** Where the hedge scope before a match starts: after the last present-time word in [from, to). */
function afterLastPresent(text: string, from: number, to: number): number {
  const m = LAST_PRESENT.exec(text.slice(from, to));
  return m ? from + m[0].length : from;
}
const SENTENCE_END = /[。.!?！？;；\n]/;
const CLAUSE_END = /[。.!?！？;；\n，,、:：]/;

function boundaryBefore(text: string, index: number, re: RegExp): number {
  const stop = Math.max(0, index - MAX_SCAN);
  for (let i = index - 1; i >= stop; i--) if (re.test(text[i]!)) return i + 1;
  return stop;
}

function boundaryAfter(text: string, index: number, re: RegExp): number {
  const stop = Math.min(text.length, index + MAX_SCAN);
  for (let i = index; i < stop; i++) if (re.test(text[i]!)) return i;
  return stop;
}

function excludedSpans(signal: CompiledSignal, text: string): [number, number][] {
  if (!signal.exclude) return [];
  return [...text.matchAll(signal.exclude)].map((m) => [m.index, m.index + m[0].length]);
}

/** Matches of each pattern in one text; signals sharing a pattern scan it once. */
type MatchCache = Map<RegExp, RegExpExecArray[]>;

function matchesOf(pattern: RegExp, text: string, cache: MatchCache): RegExpExecArray[] {
  let found = cache.get(pattern);
  if (!found) {
    // exec on the shared global RegExp (matchAll would clone it for every text)
    found = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      found.push(m);
      if (m[0].length === 0) pattern.lastIndex++;
    }
    pattern.lastIndex = 0;
    cache.set(pattern, found);
  }
  return found;
}

function scanSignal(signal: CompiledSignal, text: string, lexicon: RiskLexicon, cache: MatchCache): Hit[] {
  const hits: Hit[] = [];
  let excluded: [number, number][] | null = null;
  let voidedByText: boolean | null = null;
  for (const m of matchesOf(signal.pattern, text, cache)) {
    if (m[0].length === 0) continue;
    const start = m.index;
    const end = start + m[0].length;
    excluded ??= excludedSpans(signal, text);
    if (excluded.some(([a, b]) => a <= start && end <= b)) continue;
    const sentenceStart = boundaryBefore(text, start, SENTENCE_END);
    const sentenceEnd = boundaryAfter(text, end, SENTENCE_END);
    const clauseStart = boundaryBefore(text, start, CLAUSE_END);
    let negated = false;
    if (signal.negatable) {
      const before = text.slice(Math.max(clauseStart, start - 8), start);
      const after = text.slice(end, sentenceEnd);
      // A contrast later in the sentence (没想过死，但是…) or a double negation voids it.
      const negatedBefore = signal.negatedBefore ?? lexicon.negatedBefore;
      negated = negatedBefore.test(before) && !lexicon.contrast.test(after) && !/不是不|不是没|没有不/.test(before);
    }
    let outOfContext = false;
    const windowStart = Math.max(sentenceStart, start - CONTEXT_WINDOW);
    if (signal.requires || signal.unless) {
      const sentence = text.slice(windowStart, Math.min(sentenceEnd, end + CONTEXT_WINDOW));
      outOfContext = (signal.requires ? !signal.requires.test(sentence) : false) || (signal.unless ? signal.unless.test(sentence) : false);
    }
    if (signal.unlessText) {
      voidedByText ??= signal.unlessText.test(text);
      outOfContext ||= voidedByText;
    }
    let color = signal.color;
    let hedged = false;
    // Hesitation often comes in the next sentence (我想死。可是我不敢).
    const hedgeEnd = boundaryAfter(text, Math.min(text.length, sentenceEnd + 1), SENTENCE_END);
    const hedges = signal.firm ? lexicon.pastHedges : lexicon.hedges;
    // A past frame (以前生意挺好…) that a present one follows (…现在真的不想活了) no longer softens the words.
    const hedgeStart = afterLastPresent(text, Math.max(sentenceStart, start - CONTEXT_WINDOW), start);
    if (!negated && signal.hedgeColor && hedges.test(text.slice(hedgeStart, Math.min(hedgeEnd, end + HEDGE_AFTER)))) {
      hedged = true;
      color = signal.hedgeColor;
    }
    hits.push({ word: m[0], color, negated, hedged, outOfContext });
  }
  return hits;
}

const LARGE_SUM_YUAN = 100_000;
const COLLECTIVE_PEOPLE = 10;
const LONG_DISPUTE_DAYS = 365;

function factReasons(facts: Facts): RiskReason[] {
  const out: RiskReason[] = [];
  if (facts.money && facts.money.amount >= LARGE_SUM_YUAN) {
    out.push({
      signal: "large_sum",
      criterion: "large_sum",
      color: "orange",
      words: [facts.money.text],
      explanation: `争议金额约${formatYuan(facts.money.amount)}，金额较大，对当事人影响重大`,
    });
  }
  if (facts.peopleCount && facts.peopleCount.count >= COLLECTIVE_PEOPLE) {
    out.push({
      signal: "many_people",
      criterion: "collective_dispute",
      color: "orange",
      words: [facts.peopleCount.text],
      explanation: `涉及约${facts.peopleCount.count}户（人），属多户多人纠纷`,
    });
  }
  if (facts.attempts.length >= 2) {
    out.push({
      signal: "several_attempts",
      criterion: "prior_attempts_failed",
      color: "yellow",
      words: facts.attempts.map((a) => a.text),
      explanation: "当事人已找过多个部门或途径，问题仍未解决",
    });
  }
  if (facts.duration && facts.duration.days >= LONG_DISPUTE_DAYS) {
    out.push({
      signal: "long_duration",
      criterion: "complex_dispute",
      color: "yellow",
      words: [facts.duration.text],
      explanation: "纠纷已持续一年以上",
    });
  }
  return out;
}

function formatYuan(amount: number): string {
  return amount >= 10_000 ? `${Math.round(amount / 1000) / 10}万元` : `${amount}元`;
}

type HitOutcome = { kind: "raise"; reason: RiskReason } | { kind: "note"; reason: RiskReason };

/** What a signal's hits amount to: a reason that raises the colour, or a note for the staff. */
function reasonFromHits(signal: CompiledSignal, hits: readonly Hit[]): HitOutcome {
  const live = hits.filter((h) => !h.negated && !h.outOfContext);
  if (live.length > 0) {
    const color = live.reduce<RiskColor>((c, h) => maxColor(c, h.color), "blue");
    const hedged = live.every((h) => h.hedged) && color !== signal.color;
    return {
      kind: "raise",
      reason: {
        signal: signal.id,
        criterion: signal.criterion,
        color,
        words: unique(live.map((h) => h.word)),
        explanation: hedged ? `${signal.explanation}（语气有犹豫，但仍需尽快人工确认）` : signal.explanation,
      },
    };
  }
  const words = unique(hits.map((h) => h.word));
  const shown = words.join("、");
  if (hits.every((h) => h.negated)) {
    if (signal.negatedColor) {
      // A reassurance about a risk (我不会做傻事) is still about that risk: a person should look.
      return {
        kind: "raise",
        reason: {
          signal: `${signal.id}_negated`,
          criterion: signal.criterion,
          color: signal.negatedColor,
          words,
          explanation: `提到“${shown}”，虽是否定或安慰的说法，但涉及风险，宁高勿低，请人工确认当事人状况`,
        },
      };
    }
    return {
      kind: "note",
      reason: {
        signal: `${signal.id}_negated`,
        criterion: "ordinary",
        color: "blue",
        words,
        explanation: `提到“${shown}”，但为明确否定的说法，未据此升级；请接待人员留意`,
      },
    };
  }
  return {
    kind: "note",
    reason: {
      signal: `${signal.id}_no_context`,
      criterion: "ordinary",
      color: "blue",
      words,
      explanation: `提到“${shown}”，但${signal.contextNote ?? "上下文不像冲突中的使用（如购买的商品）"}，未据此升级；请接待人员留意`,
    },
  };
}

/**
 * Scores the risk of a normalised text.
 * @example assessRisk("他说要弄死我", {attempts: []}, lexicon).color === "red"
 */
export function assessRisk(
  normalized: string,
  facts: Facts,
  lexicon: RiskLexicon,
  ownerOf: OwnerOf = defaultOwnerOf,
): RiskAssessment {
  const text = repairHomophones(compact(normalized), lexicon);
  const reasons: RiskReason[] = [];
  const notes: RiskReason[] = [];
  const raisedCriteria = new Map<string, RiskReason>();
  /** Every signal that fired, before same-criterion merging: what combinations look at. */
  const fired: RiskReason[] = [];
  const cache: MatchCache = new Map();
  const cues: CompiledSignal[] = [];
  for (const signal of lexicon.signals) {
    // A cue (没指望了) says nothing alone: it is scanned after the rest, only when it could complete a combination.
    if (signal.cue) {
      cues.push(signal);
      continue;
    }
    const hits = scanSignal(signal, text, lexicon, cache);
    if (hits.length === 0) continue;
    const outcome = reasonFromHits(signal, hits);
    if (outcome.kind === "note") {
      // A weapon word out of context says nothing more once a weapon was already raised.
      if (!(outcome.reason.signal.endsWith("_no_context") && raisedCriteria.has(signal.criterion))) notes.push(outcome.reason);
      continue;
    }
    const reason = outcome.reason;
    fired.push({ ...reason, words: [...reason.words] });
    // Two signals of one criterion (self-harm intent and possible self-harm): keep the stronger, merge words.
    const same = raisedCriteria.get(signal.criterion);
    if (same) {
      if (COLOR_RANK[reason.color] > COLOR_RANK[same.color]) {
        Object.assign(same, { ...reason, words: unique([...reason.words, ...same.words]) });
      } else {
        same.words = unique([...same.words, ...reason.words]);
      }
      continue;
    }
    raisedCriteria.set(signal.criterion, reason);
    reasons.push(reason);
  }
  for (const r of factReasons(facts)) {
    fired.push(r);
    if (!raisedCriteria.has(r.criterion)) reasons.push(r);
  }
  for (const cue of cues) {
    if (!cueCouldComplete(cue, fired, lexicon)) continue;
    const hits = scanSignal(cue, text, lexicon, cache);
    if (hits.length === 0) continue;
    const outcome = reasonFromHits(cue, hits);
    if (outcome.kind === "raise") fired.push({ ...outcome.reason, words: [...outcome.reason.words] });
  }
  for (const r of combinedReasons(fired, lexicon)) {
    const i = reasons.findIndex((x) => x.criterion === r.criterion);
    const same = reasons[i];
    if (!same) reasons.push(r);
    else if (COLOR_RANK[same.color] < COLOR_RANK[r.color]) reasons[i] = { ...r, words: unique([...r.words, ...same.words]) };
  }
  reasons.sort((a, b) => COLOR_RANK[b.color] - COLOR_RANK[a.color]);
  const color = reasons.reduce<RiskColor>((c, r) => maxColor(c, r.color), "blue");
  if (reasons.length === 0) {
    reasons.push({
      signal: "ordinary",
      criterion: "ordinary",
      color: "blue",
      words: [],
      explanation: "未发现风险信号，按一般矛盾纠纷处理",
    });
  }
  return { color, reasons: [...reasons, ...notes], ...ownerOf(color) };
}

/**
 * Signals that together mean more than each alone (many people + a planned action = a group
 * incident; a vague mention of death + affairs put in order = self-harm). Each group of
 * `allOf` must be met by a raised (non-blue) reason; the words of all of them are kept.
 */
function combinedReasons(reasons: readonly RiskReason[], lexicon: RiskLexicon): RiskReason[] {
  const out: RiskReason[] = [];
  for (const c of lexicon.combinations) {
    const parts: RiskReason[] = [];
    for (const group of c.allOf) {
      const met = reasons.find((r) => r.color !== "blue" && !parts.includes(r) && (group.includes(r.signal) || group.includes(r.criterion)));
      if (!met) break;
      parts.push(met);
    }
    if (parts.length !== c.allOf.length) continue;
    out.push({
      signal: c.id,
      criterion: c.criterion,
      color: c.color,
      words: unique(parts.flatMap((p) => p.words)),
      explanation: c.explanation,
    });
  }
  return out;
}

/** Whether some combination naming this cue already has every other part raised. */
function cueCouldComplete(cue: CompiledSignal, fired: readonly RiskReason[], lexicon: RiskLexicon): boolean {
  const met = (group: readonly string[]) => fired.some((r) => r.color !== "blue" && (group.includes(r.signal) || group.includes(r.criterion)));
  return lexicon.combinations.some(
    (c) => c.allOf.some((g) => g.includes(cue.id)) && c.allOf.every((g) => g.includes(cue.id) || met(g)),
  );
}

/** Speech-to-text homophones of danger words (沙了我 → 杀了我, 滴滴畏 → 敌敌畏), from the reviewed lexicon. */
export function repairHomophones(text: string, lexicon: RiskLexicon): string {
  let out = text;
  for (const h of lexicon.homophones) out = out.replace(h.pattern, h.replacement);
  return out;
}

function unique(words: string[]): string[] {
  return [...new Set(words)];
}
