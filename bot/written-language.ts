// The language a message is written in, when it plainly is one: a sentence of English words with
// no Chinese character, or Chinese with no more than a few Latin words. Pinyin ("wo bu xiang huo le")
// and short replies ("ok", "110", "好") say nothing either way.
import { ENGLISH_MARKERS } from "../nlp/reading.js";
import type { Language } from "../queue/case-desk.js";

const HAN = /[\u3400-\u9fff]/g;
/** Short English that is plainly English however short: a greeting, agreeing, thanks. */
const SHORT_ENGLISH = /^(?:hello|hi|hey|hiya|good (?:morning|afternoon|evening)|i agree|i do not agree|i don'?t agree|yes,? i agree|thank you|thanks)[\s!.,]*(?:there)?[\s!.,]*$/i;

/** Chinese place names ("马蹄沟镇"): an English writer types them too, so they say nothing of the language. */
const PLACE_NAME = /[\u3400-\u9fff]{1,6}(?:镇|乡|村|街道|社区|县城?)/g;

/** "en", "zh" or undefined when the message does not say. */
export function writtenLanguage(text: string): Language | undefined {
  const han = text.replace(PLACE_NAME, "").match(HAN)?.length ?? 0;
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  const english = words.filter((w) => ENGLISH_MARKERS.has(w)).length;
  if (han === 0 && ((words.length >= 4 && english >= 2) || SHORT_ENGLISH.test(text.trim()))) return "en";
  if (han >= 4 && english === 0) return "zh";
  return undefined;
}
