/**
 * Pinyin for homophone-tolerant reading: every Chinese character's readings (pinyin-pro),
 * folded to a "fuzzy" key that merges the sounds residents confuse when they type by sound
 * (zh/z, ch/c, sh/s, n/l, -ng/-n), the segmentation of Latin runs into pinyin syllables
 * (woxiangsi → wo xiang si) and pinyin initials (zs). Readings are memoised per character:
 * one pinyin-pro call per distinct character in the life of the process.
 */
import { pinyin } from "pinyin-pro";

/**
 * Every toneless syllable of Mandarin (ü written v), as pinyin-pro reads U+4E00–U+9FA5.
 * Generated once from pinyin-pro 3.29; used to split Latin runs into syllables.
 */
const SYLLABLES: ReadonlySet<string> = new Set("a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo".split(" "));
const MAX_SYLLABLE = 6;

/** The sound classes that typing by ear confuses; both sides of a match are folded the same way. */
export function fuzzySyllable(s: string): string {
  return s
    .replace(/^zh/, "z")
    .replace(/^ch/, "c")
    .replace(/^sh/, "s")
    .replace(/^l/, "n")
    .replace(/ng$/, "n");
}

// Readings are memoised by UTF-16 code unit (at most 65,536 of them): the readers scan texts by code
// unit, and a number key spares a one-character string and its hash at every position.
const readings: (readonly string[] | undefined)[] = new Array(0x10000);

/** Fuzzy keys of all readings of one Chinese character, given as its UTF-16 code unit; [] for anything else. */
export function charKeys(code: number): readonly string[] {
  let keys = readings[code];
  if (keys === undefined) {
    const ch = String.fromCharCode(code);
    keys = /[\u3400-\u9fff]/.test(ch)
      ? [...new Set(pinyin(ch, { toneType: "none", type: "array", multiple: true }).filter((p) => /^[a-zü]+$/.test(p)).map((p) => fuzzySyllable(p.replace(/ü/g, "v"))))]
      : [];
    readings[code] = keys;
  }
  return keys;
}

// By UTF-16 code unit in a flat array (the sound matcher asks several times per character: a Map's hashing showed).
const toned: (readonly string[] | undefined)[] = new Array(0x10000);

/** All readings of one Chinese character (its UTF-16 code unit) with their tone (杀 → ["sha1"]); [] for anything else. */
export function charTones(code: number): readonly string[] {
  let keys = toned[code];
  if (keys === undefined) {
    const ch = String.fromCharCode(code);
    keys = /[\u3400-\u9fff]/.test(ch) ? [...new Set(pinyin(ch, { toneType: "num", type: "array", multiple: true }))] : [];
    toned[code] = keys;
  }
  return keys;
}

interface Syllable {
  /** Without its tone: "shuo". */
  bare: string;
  /** The tone digit, "" for none. */
  tone: string;
  /** With fuzzy initials and finals: "suo". */
  fuzzy: string;
}

function syllableOf(toned: string): Syllable {
  const bare = toned.replace(/\d$/, "");
  return { bare, tone: toned.slice(bare.length), fuzzy: fuzzySyllable(bare.replace(/ü/g, "v")) };
}

// Both memoised: the sound matcher asks at every candidate position (strings made per call showed).
const syllablesOf: (readonly Syllable[] | undefined)[] = new Array(0x10000);
const targets = new Map<string, Syllable>();

/**
 * Whether a character can stand for one syllable of a word in a typo: the same syllable in another
 * tone (活着没一思 for 活着没意思), or the same tone with a fuzzy initial or final (z/zh, s/sh, l/n,
 * n/ng), but not both at once: 说 shuo1 is too far from 锁 suo3 (说起来 is not 锁起来).
 * @example soundsLike("一".charCodeAt(0), "yi4") // true
 */
export function soundsLike(code: number, toned: string): boolean {
  let target = targets.get(toned);
  if (!target) targets.set(toned, (target = syllableOf(toned)));
  let own = syllablesOf[code];
  if (!own) syllablesOf[code] = own = charTones(code).map(syllableOf);
  for (const s of own) if (s.bare === target.bare || (s.tone === target.tone && s.fuzzy === target.fuzzy)) return true;
  return false;
}

/** A word's usual reading with tones (自杀 → ["zi4", "sha1"]). */
export function wordTones(word: string): string[] {
  return pinyin(word, { toneType: "num", type: "array" });
}

/** The fuzzy key sequence of a word as it is usually read (context-aware: 长大 → zang da). */
export function wordKeys(word: string): string[] {
  return pinyin(word, { toneType: "none", type: "array" }).map((p) => fuzzySyllable(p.replace(/ü/g, "v")));
}

/** Initials of a word's usual reading (自杀 → zs; zh/ch/sh count as z/c/s, as people type them). */
export function wordInitials(word: string): string {
  return pinyin(word, { toneType: "none", type: "array" })
    .map((p) => p[0] ?? "")
    .join("");
}

/**
 * Splits a lower-case Latin run into pinyin syllables, or returns undefined when it is not
 * pinyin (English words, codes). Longest syllable first, backtracking.
 * @example splitPinyin("woxiangsi") // ["wo", "xiang", "si"]
 */
export function splitPinyin(run: string): string[] | undefined {
  const memo = new Map<number, string[] | null>();
  const go = (i: number): string[] | null => {
    if (i === run.length) return [];
    const seen = memo.get(i);
    if (seen !== undefined) return seen;
    let found: string[] | null = null;
    for (let len = Math.min(MAX_SYLLABLE, run.length - i); len >= 1 && !found; len--) {
      const s = run.slice(i, i + len);
      if (!SYLLABLES.has(s)) continue;
      const rest = go(i + len);
      if (rest) found = [s, ...rest];
    }
    memo.set(i, found);
    return found;
  };
  const out = go(0);
  return out ?? undefined;
}

/** Words indexed by the fuzzy key of their first syllable, for reading pinyin written out. */
export type SoundIndex = Map<string, { word: string; keys: string[] }[]>;

export function buildSoundIndex(words: readonly string[]): SoundIndex {
  const index: SoundIndex = new Map();
  for (const word of new Set(words)) {
    if (word.length < 2 || !/^[\u3400-\u9fff]+$/.test(word)) continue;
    const keys = wordKeys(word);
    const list = index.get(keys[0]!) ?? [];
    list.push({ word, keys });
    index.set(keys[0]!, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return index;
}

/**
 * The Chinese words of `index` spelt in the pinyin runs of a text (li hun xie yi → 离婚, 协议):
 * the topic of a message typed in pinyin reaches the domain and service readers too.
 */
export function wordsInPinyin(text: string, index: SoundIndex): string[] {
  const out: string[] = [];
  for (const run of text.matchAll(/[a-z]+(?:[\s'’-]+[a-z]+)*/g)) {
    const keys: string[] = [];
    for (const tok of run[0].split(/[^a-z]+/)) {
      const split = tok ? splitPinyin(tok) : undefined;
      if (split) keys.push(...split.map(fuzzySyllable));
      else keys.push("|");
    }
    for (let i = 0; i < keys.length; i++) {
      for (const w of index.get(keys[i]!) ?? []) {
        if (w.keys.every((k, j) => keys[i + j] === k)) {
          out.push(w.word);
          i += w.keys.length - 1;
          break;
        }
      }
    }
  }
  return out;
}
