// Reading a correction at the summary in free words: "地点说错了，是马蹄沟镇", or several at
// once: "地点改成苗家坪镇，对方是他弟弟".
import { findMobile, isYes, toHalfWidth } from "./commands.js";
import type { Field } from "./session.js";
import type { DialogueDeps } from "./types.js";

export type Correction =
  | { kind: "confirm" }
  | { kind: "choose" }
  | { kind: "answer"; field: Field; value: string }
  | { kind: "ask"; field: Field }
  | { kind: "unclear" };

const FIELD_WORDS: [Field, RegExp][] = [
  ["contact", /电话|手机|联系/],
  ["place", /地点|地方|位置|地址|乡镇|哪个村|村子|在哪/],
  ["otherParty", /对方|另一方|那个人|对象是/],
  ["since", /时间|时候|开始|多久|多长/],
  ["attempts", /找过|处理过|报过警|已经找/],
  ["wants", /希望|想要|诉求|要求|目的|解决方式/],
  ["domain", /类别|类型|分类|哪一类/],
];

/** The new value after 是/改成/应该是…, if the resident gave one. */
function valueAfterMarker(raw: string): string | undefined {
  // "地点是高家沟村 不是刘家沟": what it is not, said after, is not the value.
  const text = raw.replace(/[\s，,]*不是[^，。,.!！?？]*[。.!！]*$/, "");
  const m = /(?:应该是|其实是|改成|改为|换成|更正为|是|为|:|：)\s*([^，。,.!！?？]+)[。.!！]*$/.exec(text);
  const value = m?.[1]?.trim();
  return value && value.length > 0 ? value : undefined;
}

/** Submitting in free words at the summary: "对的 提交吧", "不用改 确认提交", "没有要改的了", "都对". */
const SUBMIT = /提交|确认|没问题|没错|都对|对的|不用改|不需要改|不改了|没有要改|没什么要改|没啥要改|无误|就这样|就这些|可以了|行了|submit|all correct|looks good|that's right/i;
/** Words that change something, which a submit word beside them does not cancel ("确认一下，地点不对"). */
const CHANGING = /不对|有错|错了|说错|写错|记错|改成|改为|换成|应该是|其实是|不是|还有/;

export function parseCorrection(raw: string, deps: DialogueDeps): Correction {
  const text = toHalfWidth(raw);
  if (isYes(text)) return { kind: "confirm" };
  if (findMobile(text)) return { kind: "answer", field: "contact", value: text };
  const field = FIELD_WORDS.find(([, pattern]) => pattern.test(text))?.[0];
  const places = deps.findPlaces(text);
  if (!field && places.length === 0 && SUBMIT.test(text) && !CHANGING.test(text)) return { kind: "confirm" };
  if ((field === undefined || field === "place") && places.length > 0) return { kind: "answer", field: "place", value: text };
  if (field) {
    const value = valueAfterMarker(text);
    return value ? { kind: "answer", field, value } : { kind: "ask", field };
  }
  if (/^(?:修改|改|改一下|不对|有错|错了|我要修改)[。.!！]*$/.test(text)) return { kind: "choose" };
  return { kind: "unclear" };
}

/**
 * Every correction in a message, one per clause; a field given a value in one clause is not
 * asked about in another ("地点说错了，是马蹄沟镇" is one answer). A single clause reads as before.
 * @example parseCorrections("地点改成苗家坪镇，对方是他弟弟", deps) → answers for place and otherParty
 */
export function parseCorrections(raw: string, deps: DialogueDeps): Correction[] {
  const whole = parseCorrection(raw, deps);
  // Spoken corrections run on with spaces (开始时间不对 是前年 对方是我三个哥哥): a space before a field word starts a clause too.
  const parts = toHalfWidth(raw).split(/[，,；;。\n]+|\s+(?=(?:对方|地点|地方|开始|时间|电话|手机|希望|已经找|找过)[^\s]*(?:不对|错了|是|改))|(?:还有|另外|然后)(?=对方|地点|时间|电话|希望)/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return [whole];
  const each = parts.map((p) => parseCorrection(p, deps));
  const answers = each.filter((c): c is Extract<Correction, { kind: "answer" }> => c.kind === "answer");
  if (answers.length === 0) return [whole];
  const byField = new Map<Field, Correction>();
  for (const c of answers) byField.set(c.field, c);
  for (const c of each) if (c.kind === "ask" && !byField.has(c.field)) byField.set(c.field, c);
  // "地点说错了，是马蹄沟镇": the ask of one clause and the answer of the next are one correction.
  return [...byField.values()];
}

/**
 * The items a message sets right in passing while it answers another question ("叫他把墙拆了 不对 地点是印斗镇
 * 高家沟村"): a field named with a correction beside it. Their new reading replaces the old one.
 */
export function fieldsCorrectedInPassing(raw: string): Field[] {
  const text = toHalfWidth(raw);
  if (!CHANGING.test(text)) return [];
  return FIELD_WORDS.filter(([field, pattern]) => field !== "domain" && pattern.test(text)).map(([field]) => field);
}
