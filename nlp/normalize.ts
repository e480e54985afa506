/**
 * Text normalisation: the first step of every analysis.
 * NFKC (full-width → half-width, circled digits → digits), control and zero-width
 * characters removed, lone surrogates replaced, traditional → simplified (opencc-js),
 * whitespace collapsed (line breaks kept: transcripts need them).
 */
import { Converter } from "opencc-js/t2cn";

export type TextConverter = (text: string) => string;

/** Builds the traditional → simplified converter (~10 ms); build once and pass it around. */
export function createT2S(): TextConverter {
  const convert = Converter({ from: "t", to: "cn" });
  // OpenCC keeps 著 (a valid simplified character); after a verb it is always 着.
  return (text) => {
    const simplified = convert(text);
    return simplified.includes("著") ? simplified.replace(/([拖等看拿跟接说想坐站躺忍闹吵])著/g, "$1着") : simplified;
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0/C1 controls except \t and \n; zero-width and bidi marks; BOM.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/** Removes invisible characters and repairs invalid UTF-16, nothing else. */
export function sanitize(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD").replace(/\r\n?/g, "\n").replace(INVISIBLE, "");
}

const UNIFIED: Readonly<Record<string, string>> = { "“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "\u3000": " " };

/**
 * Full normalisation for analysis.
 * @example normalize("我們ＡＢＣ１２３　　鄰居", t2s) === "我们ABC123 邻居"
 */
export function normalize(text: string, t2s?: TextConverter): string {
  let out = sanitize(text).normalize("NFKC");
  // NFKC leaves the ideographic full stop and some quotes; unify the common ones (one pass).
  out = out.replace(/[“”„‟‘’\u3000]/g, (ch) => UNIFIED[ch]!);
  if (t2s) out = t2s(out);
  out = out
    .replace(/[ \t\f\v\u00A0\u2000-\u200A\u205F]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n");
  return out.trim();
}

/** A Latin letter with a tone mark or diaeresis (wǒ, lǜ) as its plain letter, one character for one. */
function withoutToneMark(ch: string): string {
  const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return base.length === 1 ? base : ch;
}

/**
 * Compact form for lexicon matching: spaces and punctuation between Chinese characters
 * removed (想 不 开 → 想不开), letters lower-cased and pinyin tone marks dropped (wǒ bù xiǎng huó le
 * reads as wo bu xiang huo le), so that every reader sees pinyin the way it is mostly typed.
 */
export function compact(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u00c0-\u024f\u1e00-\u1eff]/g, withoutToneMark)
    .replace(SPACE_BETWEEN_CLAUSES, "，")
    .replace(/(?<=[\u3400-\u9fff])[\s·•\-_~～*]+(?=[\u3400-\u9fff])/g, "");
}

/**
 * A space between two runs of four or more Chinese characters: WeChat writers end a clause with a
 * space where others put a comma (我今天去坐跳楼机了 我一定不…); spaced-out words (想 不 开, 我 家 邻居)
 * have short runs and are joined.
 */
const SPACE_BETWEEN_CLAUSES = /(?<=[\u3400-\u9fff]{4})[ \t]+(?=[\u3400-\u9fff]{4})/g;

/** Splits into clauses on sentence and clause punctuation and line breaks. */
export function clauses(text: string): string[] {
  return text
    .split(/[。！？!?；;，,\n…]+|\.{2,}|\s{2,}/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}
