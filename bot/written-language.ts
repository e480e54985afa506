// The language a message is written in, when it plainly is one: a sentence of English words with
// no Chinese character, or Chinese with no more than a few Latin words. Pinyin ("wo bu xiang huo le")
// and short replies ("ok", "110", "好") say nothing either way.
import type { Language } from "../queue/case-desk.js";

const HAN = /[\u3400-\u9fff]/g;
/** Common English words that never read as pinyin syllables alone (pinyin has no "the", "my", "is"). */
const ENGLISH_WORDS = new Set("i me my you your he him his she her we our they them the a an is am are was were be been to of in on at for and or but not no do does did have has had will would can could this that with from what when there my neighbour neighbor please help".split(" "));

/** "en", "zh" or undefined when the message does not say. */
export function writtenLanguage(text: string): Language | undefined {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  if (han === 0 && words.length >= 4 && english >= 2) return "en";
  if (han >= 4 && english === 0) return "zh";
  return undefined;
}
