/**
 * Numbers as residents write them: 三十多户, 八万块, 两千五, 1.5万, 十几个人, 3w, 两百来块.
 */

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 俩: 2, 三: 3, 叁: 3, 仨: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, w: 1e4, W: 1e4, k: 1e3, K: 1e3 };

export const CN_NUMBER_CHARS = "零〇一壹二贰两俩三叁仨四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿";

/**
 * Parses a numeral written in Chinese, Arabic digits or a mix.
 * Colloquial elision is understood: 两千五 = 2500, 三万二 = 32000, 一百五 = 150.
 * @example parseChineseNumber("八万") === 80000; parseChineseNumber("两千五") === 2500
 */
export function parseChineseNumber(input: string): number | null {
  const s = input.replace(/[,，\s]/g, "");
  if (s.length === 0) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  let total = 0; // completed big-unit sections
  let section = 0; // value inside the current 万/亿 section
  let current: number | null = null; // pending digit(s)
  let lastUnit = 0; // the last small unit seen, for elision (两千五 → 五百)
  let lastBig = 0;
  let i = 0;
  let sawAny = false;
  let zeroGap = false; // 一百零五: no elision after 零
  while (i < s.length) {
    const ch = s[i]!;
    const arabic = /^\d+(\.\d+)?/.exec(s.slice(i));
    if (arabic) {
      current = Number(arabic[0]);
      i += arabic[0].length;
      sawAny = true;
      continue;
    }
    if (ch in DIGIT) {
      current = DIGIT[ch]!;
      if (current === 0) zeroGap = true;
      sawAny = true;
    } else if (ch in SMALL_UNIT) {
      const unit = SMALL_UNIT[ch]!;
      section += (current ?? 1) * unit;
      current = null;
      lastUnit = unit;
      sawAny = true;
    } else if (ch in BIG_UNIT) {
      const unit = BIG_UNIT[ch]!;
      const value = section + (current ?? 0);
      if (value === 0 && !sawAny) return null;
      if (unit > (lastBig || 0) && lastBig !== 0) total = (total + value) * unit;
      else total += (value === 0 ? 1 : value) * unit;
      section = 0;
      current = null;
      lastUnit = 0;
      lastBig = unit;
    } else {
      return null;
    }
    i += 1;
  }
  if (!sawAny) return null;
  if (current !== null) {
    // A trailing bare digit after a unit is elided: 两千五 → 2500, 三万二 → 32000.
    if (zeroGap) section += current;
    else if (lastUnit >= 10) section += current * (lastUnit / 10);
    else if (lastBig && section === 0) section += current * (lastBig / 10);
    else section += current;
  }
  return total + section;
}

export interface Quantity {
  value: number;
  /** The unit or counter word after the number (元, 户, 人, 年…), "" if none. */
  unit: string;
  text: string;
  start: number;
  end: number;
  /** 多, 几, 来, 余, 左右: the resident gave an estimate. */
  approximate: boolean;
}

const NUM = `(?:[0-9]+(?:\\.[0-9]+)?|[${CN_NUMBER_CHARS}])`;
const QUANTITY = new RegExp(
  `((?:${NUM}|几)(?:${NUM}|[多几来余])*)(多|几|来|余)?\\s*(万元|万块|块钱|元钱|w|W|k|K|个多月|个月|多个月|年|岁|天|日|周|星期|个人|个工人|名|人|户|家|口|位|个|块|元|次|趟|回|米|平方|平|亩|间)?`,
  "g",
);

/**
 * Finds numbers with their counter word, in order.
 * @example findQuantities("三十多户都被淹了")[0] → { value: 30, unit: "户", approximate: true }
 */
export function findQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(QUANTITY)) {
    const raw = m[1] ?? "";
    if (raw === "" || raw === "几") {
      if (raw === "几" && m[3]) {
        // 几个人, 几户 → "a few"
        out.push({ value: 3, unit: m[3], text: m[0], start: m.index, end: m.index + m[0].length, approximate: true });
      }
      continue;
    }
    // 十几, 几十, 三十多: strip the estimate markers before parsing.
    const approxInside = /[多几来余]/.test(raw);
    let numeral = raw.replace(/[多来余]/g, "");
    if (/^几/.test(numeral)) numeral = numeral.replace(/^几/, "二"); // 几十 ≈ 20+, 几万 ≈ 2万+
    numeral = numeral.replace(/几/g, "");
    let value = parseChineseNumber(numeral);
    const unit = m[3] ?? "";
    if (value === null) continue;
    if (unit.startsWith("万")) value *= 1e4;
    else if (unit === "w" || unit === "W") value *= 1e4;
    else if (unit === "k" || unit === "K") value *= 1e3;
    // Lone ordinary words like 一起, 一直 contain 一 but no unit: skip bare single Chinese digits.
    if (unit === "" && /^[一二两三四五六七八九十]$/.test(raw)) continue;
    out.push({
      value,
      unit,
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
      approximate: approxInside || Boolean(m[2]) || unit.includes("多") || /左右|上下/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2)),
    });
  }
  return out;
}
