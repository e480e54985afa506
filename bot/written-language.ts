// The language a message is written in, when it plainly is one: a sentence of English words with
// no Chinese character, or Chinese with no more than a few Latin words. Pinyin ("wo bu xiang huo le")
// and short replies ("ok", "110", "好") say nothing either way.
import { ENGLISH_MARKERS } from "../nlp/reading.js";
import type { Language } from "../queue/case-desk.js";

const HAN = /[\u3400-\u9fff]/g;

/** "en", "zh" or undefined when the message does not say. */
export function writtenLanguage(text: string): Language | undefined {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  const english = words.filter((w) => ENGLISH_MARKERS.has(w)).length;
  if (han === 0 && words.length >= 4 && english >= 2) return "en";
  if (han >= 4 && english === 0) return "zh";
  return undefined;
}
