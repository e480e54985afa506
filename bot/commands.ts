// Commands and short intents a resident may send at any point, recognised in free text.
import type { Language } from "../queue/case-desk.js";
import { findMobiles, maskPhoneNumber } from "../nlp/pii.js";
import { normaliseResumeCode, RESUME_ALPHABET, RESUME_CODE_LENGTH } from "./resume-code.js";

export type Command =
  | { kind: "start" }
  | { kind: "help" }
  | { kind: "cancel" }
  | { kind: "status"; number?: string }
  | { kind: "lang"; to?: Language }
  | { kind: "resume"; code: string }
  | { kind: "human" }
  | { kind: "question"; about: QuestionTopic };

/** Questions residents ask back ("要钱吗", "要多久", "你是机器人吗"): answered, then the intake goes on. */
export type QuestionTopic = "cost" | "time" | "bot" | "about" | "consent" | "present";

const QUESTIONS: [QuestionTopic, RegExp][] = [
  ["cost", /^(?:这个|登记|调解|办这个|找你们)?(?:要|收|花|需要)(?:不要)?(?:钱|费|费用)(?:吗|不|没)?$|^(?:收费|要收费|免费)(?:吗|不)?$|^(?:要)?(?:花)?多少钱$|^is it free$|^does it cost (?:anything|money)$/i],
  ["time", /^(?:大概|大约|一般)?(?:要|得|需要)?多(?:久|长时间)(?:能|才能)?(?:有人管|有人|处理|办好|有结果|联系我?)?(?:呀|啊|呢)?$|^(?:我)?(?:要)?(?:啥时候|什么时候|几时|多久)(?:能|才能|会)?(?:有人)?(?:联系我?|来|处理|管|回复|有结果)(?:呀|啊|呢)?$|^几天(?:能|才能)?(?:有结果|处理|办好)?$|^how long(?: will it take| does it take)?$/i],
  ["bot", /^(?:你|您)?(?:是|是不是)(?:机器人|人工|真人|ai|人)(?:吗|呀|啊|还是机器人)?$|^(?:你|您)是(?:谁|人还是机器)$|^are you a (?:bot|robot|person|human)$/i],
  ["about", /^(?:这个?|这里|你们|这)?(?:是)?(?:干啥|干什么|做什么|做啥|管啥|管什么)的(?:呀|啊|呢)?$|^(?:你们|这|这里)是(?:哪里|什么单位|哪个单位|政府的?|政府部门|官方的?)(?:吗|呀|啊)?$|^what is this$/i],
  ["consent", /^(?:为啥|为什么|干嘛|干啥)(?:要|得)?(?:我)?同意$|^同意(?:什么|啥)$|^不同意(?:会)?(?:怎么样|咋样|行不行|可以吗|能办吗)$/],
  ["present", /^(?:你好[，,\s]*)?(?:在吗|在不在|在不|有人吗|有人在吗|还在吗|人呢)$|^(?:hello[,\s]*)?(?:are you there|anyone there|is anyone there)$/i],
];

/** Crying or sad emoji and nothing else ("😭😭", "💔🙏"): a feeling shown, not a message gone wrong. */
export function onlySadEmoji(text: string): boolean {
  const rest = text.replace(/[\s\p{P}]/gu, "");
  return rest.length > 0 && /[😭😢😞😔😣😖😫😩🥺💔🙏]/u.test(rest) && rest.replace(/\p{Extended_Pictographic}|\u200d|\ufe0f/gu, "") === "";
}

/** Full-width digits and letters to ASCII, trimmed. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ").trim();
}

const HUMAN = /^(?:请|我要|我想|帮我)?(?:转|找|要)?(?:人工|真人)(?:服务|客服|处理)?[吧啊呀。！!]*$|转人工|找个?真人|人工客服/;

/**
 * A command (slash form, or the plain words residents use), or null for ordinary text.
 * @example parseCommand("/status ZZ-2026-000123") → { kind: "status", number: "ZZ-2026-000123" }
 */
export function parseCommand(raw: string): Command | null {
  const text = toHalfWidth(raw);
  const slash = /^\/([a-z]+)(?:@\w+)?(?:\s+(.*))?$/i.exec(text);
  if (slash) {
    const name = slash[1]!.toLowerCase();
    const arg = slash[2]?.trim();
    switch (name) {
      case "start":
        return { kind: "start" };
      case "help":
        return { kind: "help" };
      case "cancel":
        return { kind: "cancel" };
      case "status":
        return arg ? { kind: "status", number: arg.toUpperCase() } : { kind: "status" };
      case "lang":
        return arg && /^(en|english)$/i.test(arg) ? { kind: "lang", to: "en" } : arg && /^(zh|中文|cn)$/i.test(arg) ? { kind: "lang", to: "zh" } : { kind: "lang" };
      case "resume": {
        // Any code-shaped argument is a resume attempt (a wrong one counts against the limit).
        const code = arg ? normaliseResumeCode(arg) : null;
        return code ? { kind: "resume", code } : null;
      }
      case "human":
        return { kind: "human" };
      default:
        return null;
    }
  }
  const resume = /^(?:续接|继续|恢复)(?:代?码)?[:：\s]*([A-Za-z0-9][A-Za-z0-9\s-]{10,22}[A-Za-z0-9])$/.exec(text);
  const resumeCode = resume ? normaliseResumeCode(resume[1]!) : null;
  if (resumeCode) return { kind: "resume", code: resumeCode };
  const plain = plainResumeCode(text);
  if (plain) return { kind: "resume", code: plain };
  if (text.length <= 12 && HUMAN.test(text)) return { kind: "human" };
  if (/转人工|人工客服/.test(text)) return { kind: "human" };
  const bare = text.replace(/[。.!！?？~～，,\s]+$/g, "");
  // "登记另一件事": a new matter, in words (after a hand-off; mid-intake the current one goes on).
  if (bare.length <= 14 && NEW_MATTER.test(bare)) return { kind: "start" };
  // A case number sent alone ("ZZ-2026-000123", "编号ZZ-2026-000123") asks for that case's progress.
  const number = CASE_NUMBER.exec(bare);
  if (number) return { kind: "status", number: number[1]!.toUpperCase() };
  if (bare.length <= 14 && CANCEL.test(bare)) return { kind: "cancel" };
  if (bare.length <= 24 && STATUS.test(bare)) return { kind: "status" };
  if (bare.length <= 16) for (const [about, pattern] of QUESTIONS) if (pattern.test(bare)) return { kind: "question", about };
  const lang = LANGUAGE.exec(bare);
  if (lang) return { kind: "lang", to: lang[1] ? "en" : "zh" };
  return null;
}

const CODE_CHAR = new RegExp(`^[${RESUME_ALPHABET}]+$`);

/**
 * A message that is nothing but a resume code, as shown or typed loosely: 12 characters of the
 * code alphabet (no 0/O/1/I/L), with or without dashes or spaces. Ordinary words are not read as
 * one: without a digit, the code must be typed in its groups of four ("KQHM-PXRT-ABCD").
 * @example plainResumeCode("k7qh 3mpx 9rta") → "K7QH3MPX9RTA"
 */
export function plainResumeCode(text: string): string | null {
  const typed = text.replace(/[。.!！]+$/, "");
  if (!/^[A-Za-z0-9][A-Za-z0-9 \-]*$/.test(typed)) return null;
  const code = normaliseResumeCode(typed);
  if (!code || code.length !== RESUME_CODE_LENGTH || !CODE_CHAR.test(code)) return null;
  const grouped = /^[A-Za-z0-9]{4}([ -])[A-Za-z0-9]{4}\1[A-Za-z0-9]{4}$/.test(typed);
  return /\d/.test(code) || grouped ? code : null;
}

const NEW_MATTER = /^(?:我)?(?:还)?(?:要|想)?(?:再)?登记(?:另一件|另外一件|另一个|新的|下一件)(?:事|事情)?$|^(?:register|report) (?:another|a new|the other) (?:matter|problem|case)$/i;
/** A story that tells two matters ("有两个事，一个是…还有一个是…"): one is registered, the other offered after. */
export const TWO_MATTERS = /有两(?:个|件)事|两件事(?:情)?[，,：:]|还有一(?:个|件)(?:事)?是|另外一件事是|另一件事是|two (?:things|problems|matters)/i;

const CASE_NUMBER = /^(?:我的)?(?:案件)?(?:编号|案号)?(?:是)?[:：\s]*([A-Za-z]{2}-\d{4}-\d{6})$/;

// "算了不弄了", "不想登记了", "取消吧": giving up the intake (the router asks before it forgets anything).
const CANCEL =
  /^(?:那|那就|要不|我)?(?:算了吧?|取消(?:吧|登记|这次登记)?|我要取消|不登了)$|^(?:那|那就|我|算了吧?[，,\s]*)?(?:还是)?(?:不弄了|不办了|不搞了|不登记了|不想(?:弄|办|登记|说)了|不用(?:登记|办|弄)了|不要(?:登记|办)了)(?:吧|啊|呀)?$/;
// "我的事现在怎么样了", "有人管吗", "进度怎么样": asking about a case, not telling more of it.
const STATUS =
  /^(?:请问|那|我想问一?下)?(?:我的|我那个?|我家的|我(?:上周|上个月|上次|前几天|前两天|之前|昨天|前天)?(?:报|反映|登记|说|提交|投诉)(?:过)?的(?:那个|那件)?)?(?:事|事情|案子|案件|申请|登记)?(?:现在|目前|到底)?(?:怎么样了|咋样了|怎样了|办得怎么样了?|处理得怎么样了?|到哪一?步了|有进展了?吗|有结果了?吗|有消息了?吗|有人管吗|有人处理吗|有人看吗|有人理吗)(?:呀|啊|呢)?$|^(?:查一?下|查询|看看)?(?:案件|办理)?进度(?:怎么样了?|如何)?$|^有(?:没有)?人管(?:吗|没有)?$/;
// "English please", "说中文": a language switch in words.
const LANGUAGE = /^(?:(?:please )?(?:speak |in |use )?(english)(?: please)?|(?:说|用|讲)?英(?:文|语)(?:吧|交流)?|(?:说|用|讲)(?:中文|汉语|普通话)(?:吧)?|中文|in chinese|chinese(?: please)?)$/i;

// Words that mean yes (同意, 好的, 行, 可以…) and the particles around them (我, 嗯, 吧, 的).
const YES_WORD = "(?:同意|好的?|好吧|可以|行|成|中|嗯+|是的?|对|没问题|确认|确定|提交|开始|ok|okay|yes|yeah|sure|y|i agree|agree|submit)";
const YES = new RegExp(`^(?:我|那|那就|嗯+)?${YES_WORD}(?:[，,\s]*(?:${YES_WORD}|吧|啊|呀|的|了|哈|没意见|开始吧?|提交吧?))*$`, "i");

/** Yes in free words: "对", "我同意", "好的可以", "行吧", "OK". */
export function isYes(text: string): boolean {
  return YES.test(toHalfWidth(text).replace(/[。.!！~～]+$/g, ""));
}

/** No in free words: "不同意", "我不同意", "不要了", "算了吧". */
export function isNo(text: string): boolean {
  return /^(?:我|那|那就)?(?:不同意|不要了?|不用了?|算了吧?|不行|不了|不愿意|先不了|no|nope|n|i do not agree|i don't agree|disagree)$/i.test(
    toHalfWidth(text).replace(/[。.!！~～，,\s]+$/g, ""),
  );
}

// "我要反映个事", "想咨询一下", "你好，我有个问题": asking to begin, with nothing of the matter told yet.
// Only these words, and at least one that names telling or a matter; anything else ("离婚", "邻居") is content.
const OPENING_WORDS =
  /你好|您好|请问|在吗|喂|我们|我|俺|这边|想要|想|要|有|来|反映|咨询|投诉|举报|求助|请教|问题|问问|问|说说|说|讲讲|讲|登记|报案|找人|帮忙|帮帮|帮|麻烦|你们|您|一下|一件|一个|个|件|点|些|事情|事儿|事|情况|可以吗|行吗|能不能|可以|请|吗|呢|啊|呀|吧|了|下/g;
const OPENING_KEY = /反映|咨询|投诉|举报|求助|请教|问|说|讲|登记|报案|事|情况|问题|帮/;

/** The same in English: "Hi, do you speak English?", "Can you help me?", "I have a problem". */
const ENGLISH_OPENING =
  /^(?:(?:hi|hello|hey|good (?:morning|afternoon|evening))[\s,!.]*)?(?:(?:do|can) you (?:speak|understand|read) english|is (?:there )?anyone (?:there|here)|(?:can|could) (?:you|someone|anyone) help(?: me| us)?(?: please)?|i (?:have|need|want to report) (?:a|some) (?:problem|question|help|issue)|i need (?:some )?help|i want to (?:ask|report|complain)(?: something)?)[\s?!.]*(?:please)?[\s?!.]*$/i;

/** A request to begin ("我要反映个事"), which is not yet a story to register. */
export function isOpening(text: string): boolean {
  if (ENGLISH_OPENING.test(toHalfWidth(text).trim())) return true;
  const plain = toHalfWidth(text).replace(/[\p{P}\p{S}\s]/gu, "");
  return plain.length > 0 && plain.length <= 16 && OPENING_KEY.test(plain) && plain.replace(OPENING_WORDS, "") === "";
}

export function isSkip(text: string): boolean {
  return /^(?:不知道|不清楚|不记得|不方便|不想说|跳过|没有|无|不留了?|skip|-)[。.!！]*$/i.test(toHalfWidth(text));
}

/** A mainland mobile number in the text, digits only, however it was written (nlp/pii.ts). */
export function findMobile(text: string): string | undefined {
  return findMobiles(toHalfWidth(text))[0];
}

/** 139****5678 for a mobile, 0912-****789 for a landline (nlp/pii.ts masks both the same way). */
export function maskPhone(phone: string): string {
  return maskPhoneNumber(phone);
}
