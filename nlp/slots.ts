/**
 * What one resident message says about each item of an intake (place, other party, since when,
 * what was tried, the wish, phone, name), read from the facts of that message alone: an answer
 * to one question often answers another ("去年秋天开始的，村委会调解过一次没用").
 */
import { ATTEMPT_LABELS, extractFacts, nameAfter, readOtherParty, type PlaceHit } from "./facts.js";
import { clauses } from "./normalize.js";
import { parseChineseNumber } from "./numbers.js";
import { readEnglishSlots } from "./english-slots.js";
import { findMobiles, maskPii } from "./pii.js";
import type { Slots } from "./slot-types.js";

export type { SlotName, Slots } from "./slot-types.js";

const CN = "[一二两三四五六七八九十\\d]";
const YEAR = `(?:大前年|前年|去年|今年|\\d{4}年|${CN}{1,3}年前)`;
const PART_OF_YEAR = "(?:春天|夏天|秋天|冬天|春节|过年|年初|年底|年中|年前|年后|开春|上半年|下半年)";
const MONTH = `(?:${CN}{1,3}|正|腊)月份?(?:初|底|中旬|上旬|下旬|${CN}{1,3}[号日])?`;
const RELATIVE = `(?:上上个?月|上上个?(?:星期|礼拜)|上上周|上个?月|上个?星期|上周|上礼拜|前几天|前两天|前些天|前段时间|前一阵子?|这几天|这两天|最近|昨天|前天|${CN}{1,3}(?:天|个多?月|年|个?星期|个?礼拜|周)(?:前|以前)|半年前|半个月前)`;
/** A point in time, optionally followed by 开始/起/以来: 去年秋天, 三月份, 2023年5月, 半年前. */
// A season alone ("一到夏天") is a habit, not a start: only with a year or 开始/起/以来.
const POINT = new RegExp(
  `(?:从|自从|打)?(?:${YEAR}${PART_OF_YEAR}?(?:${MONTH})?|${PART_OF_YEAR}(?=开始|起|以来)|${MONTH}|${RELATIVE})(?:开始|起|以来|那会儿?|的时候)?`,
  "g",
);

const DAYS_OF: [RegExp, number][] = [
  [/大前年/, 1095], [/前年/, 730], [/去年/, 365], [/今年|年初|开春|春节|过年|上半年/, 120],
  [/上上个?月/, 60], [/上上个?(?:星期|礼拜)|上上周/, 14],
  [/上个?月|前段时间|前一阵/, 30], [/上个?星期|上周|上礼拜/, 7], [/前几天|前两天|前些天|这几天|这两天|最近|昨天|前天/, 3],
  [/半年前/, 180], [/半个月前/, 15],
];

function daysOf(text: string): number | undefined {
  const ago = new RegExp(`(${CN}{1,3})(天|个多?月|年|个?星期|个?礼拜|周)(?:前|以前)`).exec(text);
  if (ago) {
    const n = parseChineseNumber(ago[1]!) ?? 1;
    const unit = ago[2]!;
    return n * (unit === "天" ? 1 : unit === "年" ? 365 : /星期|礼拜|周/.test(unit) ? 7 : 30);
  }
  for (const [pattern, days] of DAYS_OF) if (pattern.test(text)) return days;
  return undefined;
}

function readSince(text: string, duration: { days: number; text: string } | undefined): Slots["since"] {
  const points = [...text.matchAll(POINT)].map((m) => m[0]).filter((p) => p.length >= 2);
  // The one marked as a start (开始, 起, 以来) wins; else the first.
  const point = points.find((p) => /开始|起|以来/.test(p)) ?? points[0];
  if (point) {
    const shown = point.replace(/^(?:从|自从|打)/, "").replace(/(?:开始|起|以来|那会儿?|的时候)$/, "");
    const days = daysOf(shown) ?? duration?.days;
    // "等了两年了，上个月去问": a time not marked as the start that is more recent than how long the
    // matter has lasted is when something happened in it; the matter began at least its duration ago.
    if (duration && !/开始|起|以来/.test(point) && days !== undefined && days < duration.days) return { text: duration.text, days: duration.days };
    return { text: shown, ...(days === undefined ? {} : { days }) };
  }
  return duration && { text: duration.text, days: duration.days };
}

// 寻 is how northern Shaanxi says 找 (没寻过谁).
// Not "没人管": "病了也没人管" says no one cares, "找了几次都没人管" that something was tried.
const NOTHING_TRIED = /(?:还|都)?没(?:有)?(?:找过|寻过|找人|寻人|找任何人|去找|报过警|处理过|反映过)|谁(?:也|都)没(?:找|寻)|第一次(?:来|找|反映)|还没(?:找|寻)/;

/** A short "nothing tried" answer the story reader has no need for (没问过, 没有, 还没, nothing yet). */
const NOTHING_YET = /^(?:还|也)?没(?:有)?(?:问|报)过|^没有$|^还没有?$|^(?:nothing|not yet|none)/i;

/** Whether what the resident said of earlier attempts says that nothing was tried. */
export function saysNothingTried(text: string): boolean {
  return NOTHING_TRIED.test(text) || NOTHING_YET.test(text);
}

function readAttempts(text: string, found: { kind: string; text: string }[]): Slots["attempts"] {
  if (found.length > 0) {
    // The resident's own clause (村委会调解过一次没用) says more than the matched words.
    const said = clauses(text).filter((c) => found.some((a) => c.includes(a.text)));
    const kinds = [...new Set(found.map((a) => a.kind))];
    return { text: said.join("，") || kinds.map((k) => ATTEMPT_LABELS[k] ?? k).join("、"), kinds };
  }
  const none = NOTHING_TRIED.exec(text);
  return none ? { text: clauses(text).find((c) => c.includes(none[0])) ?? none[0], kinds: [] } : undefined;
}

/** The other party named by a pronoun: 他姓王, 对方叫王老三, 那家人姓刘. */
const OTHER_NAMED = /(?:他|她|对方|那人|那家人?|这人)(?:家)?(?=姓|叫)/;

const NAME_INTRO = /(?:我叫|我的名字(?:是|叫)|本人|我是)(?=.)/g;

function readName(text: string): string | undefined {
  for (const m of text.matchAll(NAME_INTRO)) {
    const named = nameAfter(text, m.index + m[0].length);
    // "我是马蹄沟镇的老汉": a place, not a name (马 is a surname too).
    if (named && !/^(?:镇|乡|村|县|街道|社区|沟|湾|川|峪)/.test(text.slice(named.end))) return named.name;
  }
  const surname = /我姓([\u4e00-\u9fff])/.exec(text);
  if (surname) return `姓${surname[1]}`;
  // A contact given as "赵志强 139…" or "139… 赵志强": a name of two to four characters, nothing else, beside the number.
  const beside = /^([\u4e00-\u9fff]{2,4})[\s,，:：]*(?:电话|手机)?[\s:：]*1\d[\d*\s-]{9,}$|^1\d[\d*\s-]{9,}[\s,，]*([\u4e00-\u9fff]{2,4})$/.exec(text.trim());
  const candidate = beside?.[1] ?? beside?.[2];
  return candidate && nameAfter(candidate, 0)?.name === candidate ? candidate : undefined;
}

/**
 * Reads every item one message answers. Personal data is masked before the other readers run,
 * so a phone number is never taken for money, a hotline or a wish.
 * @example readSlots("邻居叫王老三，就住我家东边", []).otherParty?.text === "邻居王老三"
 */
export function readSlots(text: string, places: readonly PlaceHit[]): Slots {
  const masked = maskPii(text).masked;
  const facts = extractFacts(masked, places);
  const slots: Slots = {};
  if (facts.township || facts.village) {
    slots.place = {
      ...(facts.township ? { township: facts.township } : {}),
      ...(facts.village ? { village: facts.village } : {}),
      text: facts.placeText ?? [facts.township?.name, facts.village?.name].filter(Boolean).join(" "),
    };
  }
  const name = readName(masked);
  const party = facts.otherParty && readOtherParty(masked);
  // "我是张大海" names the resident, not the other party.
  if (party && !(name && party.name === name)) slots.otherParty = { text: party.text, relation: party.relation, named: party.name !== undefined };
  else {
    const pronoun = OTHER_NAMED.exec(masked);
    const named = pronoun && nameAfter(masked, pronoun.index + pronoun[0].length);
    if (named && named.name !== name) slots.otherName = named.name;
  }
  const since = readSince(masked, facts.duration);
  if (since) slots.since = since;
  const attempts = readAttempts(masked, facts.attempts);
  if (attempts) slots.attempts = attempts;
  if (facts.wants) slots.wants = facts.wants;
  // Residents who chose English answer in English: what the Chinese readers did not find.
  if (/[A-Za-z]{3}/.test(masked)) {
    const english = readEnglishSlots(masked);
    slots.since ??= english.since;
    slots.otherParty ??= english.otherParty;
    slots.attempts ??= english.attempts;
    slots.wants ??= english.wants;
    for (const key of ["since", "otherParty", "attempts", "wants"] as const) if (slots[key] === undefined) delete slots[key];
  }
  const phone = findMobiles(text)[0];
  if (phone) slots.phone = phone;
  if (name) slots.name = name;
  return slots;
}
