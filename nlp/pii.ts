/**
 * Personal data detection and masking: mobile and landline numbers, 18-digit ID numbers
 * (checksum), bank cards (Luhn), e-mail, plate numbers, and street or house addresses
 * (a house number, building, unit or room). Every text that leaves `nlp/`
 * for a log or an LLM is the masked one.
 */
import type { PiiFinding, PiiKind } from "./types.js";

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** GB 11643 checksum of an 18-character resident ID number. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== id[17]!.toUpperCase()) return false;
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Luhn check for bank card numbers. */
export function isValidLuhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
// Digits may be grouped with spaces or dashes (138 1234 5678, 6222 0212 …).
const LONG_NUMBER = /(?<![\dA-Za-z])(?:\+?86[- ]?)?\d(?:[\d]|[- ](?=\d)){10,22}[\dXx]?(?![\dA-Za-z])/g;
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3}-)\s?\d{7,8}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PLATE = new RegExp(`[${PROVINCES}][A-Z][·.• ]?[A-Z0-9]{4,5}[A-Z0-9挂学警港澳]`, "g");
// A house-level address: a street/estate/group name followed by numbered parts, or two
// numbered parts in a row (3栋2单元). Township and village names stay: routing needs them.
const NUM = "[0-9０-９一二三四五六七八九十百零〇两]+";
const PART = `${NUM}(?:号院|号楼|号|栋|幢|单元|层|楼|室|户)`;
// The name part stops at words that begin a clause (住在, 我家…) and never swallows a village or town.
const PLACE_NAME = "[^\\s\\p{P}\\d住在家是的了我他她你村镇乡县市区道]{1,6}(?:路|街|巷|大道|胡同|小区|花园|家园|新村|公寓|大厦|组|队)";
const ROOM = "(?:[0-9]{3,4}(?![0-9]))?";
const ADDRESS = new RegExp(`${PLACE_NAME}(?:${PART})+${ROOM}|(?<![月日])${PART}(?:${PART})+${ROOM}`, "gu");
/** Every address has a numbered part: a text without one skips the address pattern, slow on long Chinese text. */
const HAS_PART = new RegExp(PART, "u");

// Digits said in words, as residents dictate a phone number: 幺三九 一二三四 五六七八 (幺 and 洞 are the
// spoken 1 and 0). Eleven of them, spaces or dashes between groups allowed, read as one number.
const SPOKEN_DIGIT: Record<string, string> = { 零: "0", 〇: "0", 洞: "0", 一: "1", 幺: "1", 二: "2", 两: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };
const SPOKEN_RUN = /(?<![零〇洞一幺二两三四五六七八九十百千万\d])[零〇洞一幺二两三四五六七八九\d](?:[零〇洞一幺二两三四五六七八九\d]|[- ](?=[零〇洞一幺二两三四五六七八九\d])){10,13}(?![零〇洞一幺二两三四五六七八九十百千万\d])/g;

// A phone said as such ("电话", "座机", "打…"): what follows may be a local number without its area
// code (3456789, 345-6789, 三四五六七八九). Without such a word, seven digits are as likely money.
const PHONE_CUE = "(?:电话|座机|固话|号码|手机号?|打|拨|联系)(?:号码|号)?(?:是|为|[:：])?\\s{0,2}";
const PHONE_CUE_BEFORE = new RegExp(`${PHONE_CUE}$`);
const LOCAL_LANDLINE = new RegExp(`(?<=${PHONE_CUE})(?<!\\d)\\d{3,4}[- ]?\\d{4}(?![\\d元块万千百])`, "g");
const SPOKEN_LOCAL = new RegExp(
  `(?<=${PHONE_CUE})[零〇洞一幺二两三四五六七八九](?:[零〇洞一幺二两三四五六七八九]|[- ](?=[零〇洞一幺二两三四五六七八九])){6,9}(?![零〇洞一幺二两三四五六七八九十百千万元块\\d])`,
  "g",
);

// A phone number spelt out in English ("one three nine one two three four five six seven eight", "double eight").
const EN_DIGIT_WORDS: Record<string, string> = { zero: "0", oh: "0", one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9" };
const EN_TOKEN = "(?:(?:double|triple)\\s+)?(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)";
const ENGLISH_RUN = new RegExp(`(?<![a-z])${EN_TOKEN}(?:[\\s,-]+${EN_TOKEN}){6,13}(?![a-z])`, "gi");

/** The digits of a run spelt in English words ("double eight nine" → "889"). */
function englishDigits(run: string): string {
  let out = "";
  let times = 1;
  for (const word of run.toLowerCase().split(/[\s,-]+/)) {
    if (word === "double" || word === "triple") times = word === "double" ? 2 : 3;
    else if (EN_DIGIT_WORDS[word]) {
      out += EN_DIGIT_WORDS[word]!.repeat(times);
      times = 1;
    }
  }
  return out;
}

/** The digits of a run said in words ("幺三九" → "139"); other characters are dropped. */
function spokenDigits(run: string): string {
  return [...run].map((ch) => SPOKEN_DIGIT[ch] ?? (/\d/.test(ch) ? ch : "")).join("");
}

/** Area codes of three digits (010 Beijing, 02x the largest cities); the others have four. */
function areaCodeLength(digits: string): number {
  return /^0(?:10|2\d)/.test(digits) ? 3 : 4;
}

/**
 * A landline as "0912-3456789" (area code, dash, local number) or the local number alone, however
 * it was written (0912 3456789, (0912)3456789, 零九一二三四五六七八九).
 */
function normaliseLandline(raw: string): string {
  const digits = spokenDigits(raw);
  if (!digits.startsWith("0")) return digits;
  const area = areaCodeLength(digits);
  return `${digits.slice(0, area)}-${digits.slice(area)}`;
}

/**
 * A phone number masked as a mobile is: the prefix (carrier, or area code) and the last digits
 * stay, four in the middle are hidden. 13912345678 → 139****5678, 0912-3456789 → 0912-****789.
 */
export function maskPhoneNumber(phone: string): string {
  const digits = spokenDigits(phone);
  if (/^1[3-9]\d{9}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  const area = digits.startsWith("0") ? digits.slice(0, areaCodeLength(digits)) : "";
  const local = digits.slice(area.length);
  const hidden = `****${local.slice(Math.min(local.length, 4))}`;
  return area ? `${area}-${hidden}` : hidden;
}

/**
 * Every phone number a resident gave: mobiles as 11 digits, landlines as "0912-3456789" or a local
 * number said as a phone ("座机3456789"), in the order they were written.
 * @example findPhones("家里座机0912-3456789，手机13912345678") → ["0912-3456789", "13912345678"]
 */
export function findPhones(text: string): string[] {
  return collect(text.normalize("NFKC"))
    .filter((s) => s.kind === "mobile" || s.kind === "landline")
    .map((s) => (s.kind === "mobile" ? spokenDigits(s.raw).slice(-11) : normaliseLandline(s.raw)));
}

/**
 * The mainland mobile numbers in a text, digits only, however written: 13912345678,
 * 139 1234 5678, +86-139-1234-5678, 幺三九一二三四五六七八.
 * @example findMobiles("电话 幺三九 一二三四 五六七八") → ["13912345678"]
 */
export function findMobiles(text: string): string[] {
  return collect(text.normalize("NFKC"))
    .filter((s) => s.kind === "mobile")
    .map((s) => spokenDigits(s.raw).slice(-11));
}

interface Span {
  kind: PiiKind;
  start: number;
  end: number;
  raw: string;
}

function classifyNumber(raw: string): PiiKind | null {
  const digits = raw.replace(/^\+?86[- ]?(?=1)/, "").replace(/[- ]/g, "");
  if (/^1[3-9]\d{9}$/.test(digits)) return "mobile";
  if (/^\d{17}[\dXx]$/.test(digits) && isValidIdNumber(digits)) return "id_card";
  // Before the card check: a 12-digit landline can pass Luhn by chance; cards do not start with 0.
  if (/^0\d{2,3}\d{7,8}$/.test(digits) && digits.length >= 10 && digits.length <= 12) return "landline";
  if (/^\d{12,19}$/.test(digits) && isValidLuhn(digits)) return "bank_card";
  return null;
}

function maskValue(kind: PiiKind, raw: string): string {
  const digits = kind === "mobile" || kind === "number" ? spokenDigits(raw) : raw.replace(/[^\dXx]/g, "");
  switch (kind) {
    case "mobile":
      return `${digits.slice(-11, -8)}****${digits.slice(-4)}`;
    case "landline":
      return maskPhoneNumber(spokenDigits(raw));
    case "id_card":
      return `${digits.slice(0, 3)}***********${digits.slice(-4)}`;
    case "bank_card":
      return `****${digits.slice(-4)}`;
    case "email": {
      const at = raw.indexOf("@");
      return `${raw.slice(0, 1)}***${raw.slice(at)}`;
    }
    case "plate":
      return `${raw.slice(0, 2)}***${raw.slice(-2)}`;
    case "address":
      return ADDRESS_MASK;
    case "number":
      return `${"*".repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
  }
}

/** What stands in a masked text for an address (readers must not take its words for the resident's). */
export const ADDRESS_MASK = "[地址已隐去]";

/** Contact details and plates are kept raw for the case record; ID and bank numbers never. */
const KEEP_RAW: ReadonlySet<PiiKind> = new Set<PiiKind>(["mobile", "landline", "email", "plate"]);

function collect(text: string): Span[] {
  const spans: Span[] = [];
  // Each pattern runs only when the text has what every match of it needs (an @, a digit, a capital
  // letter, a numbered part): most messages have none, and the patterns cost more than the checks.
  if (text.includes("@")) for (const m of text.matchAll(EMAIL)) spans.push({ kind: "email", start: m.index, end: m.index + m[0].length, raw: m[0] });
  if (/\d/.test(text)) {
    for (const m of text.matchAll(LANDLINE)) spans.push({ kind: "landline", start: m.index, end: m.index + m[0].length, raw: m[0] });
    for (const m of text.matchAll(LONG_NUMBER)) {
      const raw = m[0].replace(/[- ]+$/, "");
      // A number said as a phone (电话是138912345678) is hidden even when it is not a valid one.
      const kind = classifyNumber(raw) ?? (PHONE_CUE_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index)) ? "number" : null);
      if (kind) spans.push({ kind, start: m.index, end: m.index + raw.length, raw });
    }
  }
  if (/\d/.test(text)) for (const m of text.matchAll(LOCAL_LANDLINE)) spans.push({ kind: "landline", start: m.index, end: m.index + m[0].length, raw: m[0] });
  for (const m of text.matchAll(SPOKEN_RUN)) {
    // Only runs with a spoken digit: plain digits are the LONG_NUMBER reader's.
    if (/^[\d -]+$/.test(m[0])) continue;
    const raw = m[0].replace(/[- ]+$/, "");
    const digits = spokenDigits(raw);
    // Eleven and more digits said one by one are a phone number dictated, even a wrong one: hidden all the same.
    const kind = /^1[3-9]\d{9}$/.test(digits) ? "mobile" : /^0\d{9,11}$/.test(digits) ? "landline" : "number";
    spans.push({ kind, start: m.index, end: m.index + raw.length, raw });
  }
  if (/[a-z]/i.test(text)) {
    for (const m of text.matchAll(ENGLISH_RUN)) {
      // The span covers the words; its raw value is the digits they spell.
      const digits = englishDigits(m[0]);
      const kind = /^1[3-9]\d{9}$/.test(digits) ? "mobile" : /^0\d{9,11}$/.test(digits) ? "landline" : "number";
      spans.push({ kind, start: m.index, end: m.index + m[0].length, raw: digits });
    }
  }
  for (const m of text.matchAll(SPOKEN_LOCAL)) {
    const raw = m[0].replace(/[- ]+$/, "");
    if (/^\d{7,8}$/.test(spokenDigits(raw))) spans.push({ kind: "landline", start: m.index, end: m.index + raw.length, raw });
  }
  if (/[A-Z]/.test(text)) for (const m of text.matchAll(PLATE)) spans.push({ kind: "plate", start: m.index, end: m.index + m[0].length, raw: m[0] });
  if (HAS_PART.test(text)) for (const m of text.matchAll(ADDRESS)) spans.push({ kind: "address", start: m.index, end: m.index + m[0].length, raw: m[0] });
  // Earlier first, then longer first; drop overlaps.
  spans.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Span[] = [];
  let lastEnd = -1;
  for (const s of spans) {
    if (s.start >= lastEnd) {
      kept.push(s);
      lastEnd = s.end;
    }
  }
  return kept;
}

/**
 * Masks personal data. Offsets in findings refer to the input text.
 * @example maskPii("电话13812345678").masked === "电话138****5678"
 */
export function maskPii(text: string): { masked: string; findings: PiiFinding[] } {
  const spans = collect(text);
  if (spans.length === 0) return { masked: text, findings: [] };
  const findings: PiiFinding[] = [];
  let out = "";
  let pos = 0;
  for (const s of spans) {
    const masked = maskValue(s.kind, s.raw);
    out += text.slice(pos, s.start) + masked;
    pos = s.end;
    const finding: PiiFinding = { kind: s.kind, start: s.start, end: s.end, masked };
    // A mobile is kept as its 11 digits, however it was written (spaces, +86, in words).
    // A landline as 0912-3456789 (or the local number alone).
    if (KEEP_RAW.has(s.kind)) finding.raw = s.kind === "mobile" ? spokenDigits(s.raw).slice(-11) : s.kind === "landline" ? normaliseLandline(s.raw) : s.raw;
    findings.push(finding);
  }
  out += text.slice(pos);
  return { masked: out, findings };
}
