/**
 * The intake items as residents who chose English write them: since when ("about a year",
 * "since last autumn", "two weeks ago", "for three months"), the other party with a name ("my
 * neighbour Zhang", "my husband"), what was tried ("I already asked the village committee"), the
 * wish ("I want …"). Small grammars of time words, counts and units, relation and office words,
 * and attempt verbs, so any combination reads, not only sentences seen before.
 */
import type { Slots } from "./slot-types.js";

const COUNTS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, "a couple of": 2, couple: 2, "a few": 3, few: 3, several: 3,
};
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, fortnight: 14, month: 30, year: 365 };
const COUNT = `(?:\\d{1,3}|a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)`;
const UNIT = "(?:day|week|fortnight|month|year)s?";
const HEDGE = "(?:about|around|almost|nearly|roughly|more than|over|at least|just over|well over|close to)\\s+";
const SEASON = "(?:spring|summer|autumn|fall|winter|year|month|week|christmas|new year|spring festival)";
const MONTHS = "(?:january|february|march|april|may|june|july|august|september|october|november|december)";

/** A span of time (for three months, about a year, two weeks ago, a year and a half) and its days. */
const SPAN = new RegExp(
  `\\b(?:(?:for|since)\\s+)?(?:${HEDGE})?(?:(${COUNT})\\s+(${UNIT})(\\s+and\\s+a\\s+half)?|(half\\s+a\\s+year|half\\s+a\\s+month))(?:\\s+(?:ago|now|already|or so))?\\b`,
  "i",
);
/** A point: since last autumn, since this spring, since March (2024), last year, yesterday, recently. */
const POINT = new RegExp(
  `\\b(?:(?:since|from|started|began|starting|beginning)\\s+(?:in\\s+|around\\s+|about\\s+)?)?(?:(last|this)\\s+(${SEASON})|(?<=(?:since|from|in|early|late|mid-?)\\s+)(${MONTHS})(?:\\s+(?:19|20)\\d{2})?|(?<=(?:since|from|in)\\s+)((?:19|20)\\d{2})(?!\\d)|the\\s+day\\s+before\\s+yesterday|yesterday|(?:a\\s+few|several|some)\\s+days\\s+ago|recently|lately|the\\s+other\\s+day)\\b`,
  "i",
);
const VAGUE: [RegExp, number][] = [[/\bfor\s+(?:many\s+|several\s+)?years\b/i, 1095], [/\bfor\s+(?:many\s+|several\s+)?months\b/i, 90], [/\bfor\s+weeks\b/i, 14]];

function countOf(word: string): number {
  const w = word.toLowerCase().replace(/\s+/g, " ");
  return /^\d+$/.test(w) ? Number(w) : (COUNTS[w] ?? 1);
}

function pointDays(m: RegExpExecArray): number | undefined {
  const [phrase, which, season, month, year] = [m[0].toLowerCase(), m[1]?.toLowerCase(), m[2]?.toLowerCase(), m[3], m[4]];
  if (which && season) {
    if (season === "week") return which === "last" ? 7 : 3;
    if (season === "month") return which === "last" ? 30 : 15;
    // As 去年 (and 去年秋天) and 今年 are counted by the Chinese readers.
    return which === "last" ? 365 : 120;
  }
  if (month || year) return undefined;
  if (/before yesterday/.test(phrase)) return 2;
  if (/yesterday/.test(phrase)) return 1;
  return 3;
}

/** Since when, with a day count where one can be told. */
export function readEnglishSince(text: string): Slots["since"] {
  const span = SPAN.exec(text);
  if (span) {
    const days = span[4] ? (/year/i.test(span[4]) ? 180 : 15) : countOf(span[1]!) * UNIT_DAYS[span[2]!.toLowerCase().replace(/s$/, "")]! + (span[3] ? UNIT_DAYS[span[2]!.toLowerCase().replace(/s$/, "")]! / 2 : 0);
    return { text: span[0].trim(), days: Math.round(days) };
  }
  const point = POINT.exec(text);
  if (point) {
    const days = pointDays(point);
    return { text: point[0].trim(), ...(days === undefined ? {} : { days }) };
  }
  for (const [pattern, days] of VAGUE) {
    const m = pattern.exec(text);
    if (m) return { text: m[0], days };
  }
  return undefined;
}

/** Relation words, most specific first (ex-husband before husband, mother-in-law before mother). */
const RELATIONS: readonly [relation: string, pattern: string][] = [
  ["ex_husband", "ex-?husband"], ["ex_wife", "ex-?wife"],
  ["in_law", "(?:mother|father|son|daughter|brother|sister)-in-law|in-laws"],
  ["husband", "husband"], ["wife", "wife"],
  ["partner", "boyfriend|girlfriend|fianc[eé]e?|partner"],
  ["child", "sons?|daughters?|kids?|children"], ["sibling", "brothers?|sisters?"],
  ["parent", "mother|father|mum|mom|dad|parents"], ["relative", "uncle|aunt|cousin|nephew|niece|relatives?"],
  ["neighbor", "(?:upstairs\\s+|downstairs\\s+|next[- ]door\\s+)?neighbou?rs?|people\\s+(?:upstairs|downstairs|next\\s+door)"],
  ["landlord", "landlord|landlady"], ["tenant", "tenants?"],
  ["employer", "boss|employer|company|contractor|foreman|factory"],
  ["school", "school|teacher|head\\s*teacher|kindergarten"], ["classmate", "classmates?|roommates?"],
  ["hospital", "hospital|clinic|doctor"], ["online_lender", "loan\\s+app|lending\\s+app|debt\\s+collectors?"],
  ["lender", "lender|creditor"], ["bank", "bank"], ["property_company", "property\\s+(?:management|company)"],
  ["developer", "developer"], ["merchant", "shop|seller|store|merchant"], ["driver", "driver"],
];
const OWNER = "(?:my|our|the|his|her|a)\\s+(?:own\\s+)?";
// A name after the relation: "Zhang", "Wang Laosan", "called Li Ming", "Mr Zhang".
const NAME = /^,?\s+(?:(?:called|named)\s+)?((?:Mr|Mrs|Ms|Old|Little)\.?\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)/;
const NOT_NAMES = new Set(["I", "He", "She", "They", "We", "It", "The", "This", "That", "But", "And", "So", "Then", "When", "Since", "For", "Every", "Last", "Yesterday", "Today", "Now", "Please", "Who", "Which", "In", "At", "On"]);

/** The other party: the first relation the resident names ("my neighbour Zhang"), outside what they tried. */
export function readEnglishParty(text: string): Slots["otherParty"] {
  const tried = attemptSpans(text);
  let best: { index: number; end: number; text: string; relation: string } | undefined;
  for (const [relation, words] of RELATIONS) {
    const pattern = new RegExp(`\\b${OWNER}(?:${words})\\b`, "gi");
    for (const m of text.matchAll(pattern)) {
      const end = m.index + m[0].length;
      if (tried.some(([a, b]) => m.index < b && end > a)) continue;
      if (!best || m.index < best.index) best = { index: m.index, end, text: m[0], relation };
      break;
    }
  }
  if (!best) return undefined;
  const named = NAME.exec(text.slice(best.end));
  const first = named?.[2]?.split(/\s+/)[0];
  if (named && first && !NOT_NAMES.has(first)) {
    return { text: `${best.text}${named[0].replace(/^,/, "")}`.replace(/\s+/g, " "), relation: best.relation, named: true };
  }
  return { text: best.text, relation: best.relation, named: false };
}

/** Offices residents turn to, as attempt kinds (nlp/facts.ts ATTEMPTS). */
const OFFICES: readonly [kind: string, pattern: string][] = [
  ["village_committee", "(?:the\\s+)?(?:village|neighbou?rhood|community|residents'?)\\s+(?:committee|head|chief|leader|office|cadres?|secretary)"],
  ["police", "(?:the\\s+)?police(?:\\s+station)?|110|(?:a|the)\\s+police\\s*(?:man|officer)"],
  ["court", "(?:a|the)\\s+court|sued|took\\s+(?:him|her|them|it)\\s+to\\s+court"],
  ["petition", "(?:the\\s+)?petition(?:s|ing)?(?:\\s+office)?"],
  ["hotline", "12345|(?:the\\s+)?(?:mayor'?s\\s+)?hotline"],
  ["mediation", "(?:a|the)\\s+mediat(?:or|ion)(?:\\s+committee)?|mediated"],
  ["lawyer", "(?:a|the)\\s+lawyer"],
  ["labour_bureau", "(?:the\\s+)?labou?r\\s+(?:bureau|office|inspection|department)|arbitration"],
  ["department", "(?:the\\s+)?(?:township|town|county)\\s+government|(?:the\\s+)?(?:education|health|housing|market\\s+regulation)\\s+(?:bureau|department)"],
  ["complaint", "(?:a\\s+)?complaint"],
];
const TRIED_VERB = "(?:asked|went\\s+to|gone\\s+to|been\\s+to|talked\\s+to|spoke\\s+(?:to|with)|spoken\\s+to|told|reported\\s+(?:it\\s+|this\\s+)?to|complained\\s+to|called|phoned|rang|contacted|approached|turned\\s+to|got\\s+help\\s+from|filed|made|tried|reported|sued)";
const OFFICE_ACTED = "(?:came|mediated|tried|helped|did\\s+nothing|could\\s*n[o']t|did\\s*n[o']t|would\\s*n[o']t|said)";
const NOTHING_TRIED = /\b(?:have\s*n[o']t|have\s+not|not\s+yet|never|did\s*n[o']t|nobody|no\s*one|not)\s+(?:yet\s+)?(?:asked|told|tried|gone|been|talked|reported|contacted|anyone|anybody|anything)|\bthis\s+is\s+the\s+first\s+time\b|\bfirst\s+time\s+(?:I|we)(?:'ve|\s+have)?\s+(?:asked|reported|told)/i;

function attemptSpans(text: string): [number, number][] {
  return findAttempts(text).map((a) => [a.index, a.index + a.text.length]);
}

function findAttempts(text: string): { kind: string; text: string; index: number }[] {
  const out: { kind: string; text: string; index: number }[] = [];
  for (const [kind, office] of OFFICES) {
    const pattern = new RegExp(`\\b${TRIED_VERB}\\b[^.;!?]{0,30}?\\b(?:${office})\\b|\\b(?:${office})\\b\\s+(?:already\\s+|also\\s+)?${OFFICE_ACTED}`, "gi");
    const m = pattern.exec(text);
    if (m) out.push({ kind, text: m[0], index: m.index });
  }
  return out;
}

/** What the resident has tried, in their own clause ("I already asked the village committee, no use"). */
export function readEnglishAttempts(text: string): Slots["attempts"] {
  const found = findAttempts(text);
  const sentences = text.split(/(?<=[.;!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
  if (found.length > 0) {
    const said = sentences.filter((s) => found.some((a) => s.includes(a.text)));
    return { text: said.join(" ") || found.map((a) => a.text).join("; "), kinds: [...new Set(found.map((a) => a.kind))] };
  }
  const none = NOTHING_TRIED.exec(text);
  return none ? { text: sentences.find((s) => s.includes(none[0])) ?? none[0], kinds: [] } : undefined;
}

const WISH = /\b(?:all\s+)?(?:I|we)(?:\s+(?:really|just|only|simply))?(?:\s+would\s+like|'d\s+like|\s+want(?:ed)?|\s+wish|\s+hope|\s+need)\b(?:\s+is)?\s*([^.!?\n]{2,80})|\b(?:please|could\s+you|can\s+you)\s+([^.!?\n]{4,80})/i;

/** The wish, up to where contact details begin ("…, my phone is …"). */
export function readEnglishWish(text: string): string | undefined {
  const m = WISH.exec(text);
  if (!m) return undefined;
  const wish = m[0].split(/[,;]?\s*(?:my\s+)?(?:phone|mobile|number|telephone|wechat)\b|[,;]?\s*[+\d*]{3,}/i)[0] ?? m[0];
  return wish.trim().slice(0, 80);
}

/** Every item one English message answers (only the items it says). */
export function readEnglishSlots(text: string): Pick<Slots, "since" | "otherParty" | "attempts" | "wants"> {
  const slots: Pick<Slots, "since" | "otherParty" | "attempts" | "wants"> = {};
  const since = readEnglishSince(text);
  if (since) slots.since = since;
  const party = readEnglishParty(text);
  if (party) slots.otherParty = party;
  const attempts = readEnglishAttempts(text);
  if (attempts) slots.attempts = attempts;
  const wants = readEnglishWish(text);
  if (wants) slots.wants = wants;
  return slots;
}
