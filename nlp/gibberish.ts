/**
 * Messages that say nothing a reader could use: emoji or punctuation only (😭🙏, ？？？), a
 * keyboard mash (asdfgh, jjjjj), a run of one character. A short cry is not a story; the
 * dialogue answers it kindly and asks again instead of "我明白了".
 */

const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

function isMash(word: string): boolean {
  const w = word.toLowerCase();
  if (w.length < 4) return false;
  if (new Set(w).size <= 2) return true;
  if (w.length >= 5 && !/[aeiouy]/.test(w)) return true;
  return w.length >= 5 && KEYBOARD_ROWS.some((row) => [...w].every((ch) => row.includes(ch)));
}

/**
 * @example isGibberish("😭🙏") === true; isGibberish("asdfgh") === true; isGibberish("邻居占我家地") === false
 */
export function isGibberish(text: string): boolean {
  const meaningful = text.replace(/[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\p{M}\u200d\ufe0f]/gu, "");
  if (meaningful.length === 0) return true;
  if (/\d/.test(meaningful)) return false;
  if (/^[a-z]+$/i.test(meaningful)) {
    const words = text.split(/[^a-z]+/i).filter(Boolean);
    return words.every(isMash);
  }
  // 啊啊啊啊, 哈哈哈哈: one character over and over.
  return meaningful.length >= 3 && new Set(meaningful).size === 1;
}
