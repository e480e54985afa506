// Commands and short intents a resident may send at any point, recognised in free text.
import type { Language } from "../queue/case-desk.js";
import { normaliseResumeCode, RESUME_ALPHABET, RESUME_CODE_LENGTH } from "./resume-code.js";

export type Command =
  | { kind: "start" }
  | { kind: "help" }
  | { kind: "cancel" }
  | { kind: "status"; number?: string }
  | { kind: "lang"; to?: Language }
  | { kind: "resume"; code: string }
  | { kind: "human" };

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

export function isYes(text: string): boolean {
  return /^(?:同意|好的?|可以|行|嗯+|是的?|对|没问题|确认|确定|提交|开始|ok|yes|y|i agree|agree|submit)[，,。.!！\s]*(?:提交|开始|的)?[。.!！]*$/i.test(toHalfWidth(text));
}

export function isNo(text: string): boolean {
  return /^(?:不同意|不要|不用|算了|不行|不了|no|n)[。.!！]*$/i.test(toHalfWidth(text));
}

export function isSkip(text: string): boolean {
  return /^(?:不知道|不清楚|不记得|不方便|不想说|跳过|没有|无|不留了?|skip|-)[。.!！]*$/i.test(toHalfWidth(text));
}

/** A mainland mobile number in the text, digits only. */
export function findMobile(text: string): string | undefined {
  const m = /(?<!\d)(1[3-9]\d{9})(?!\d)/.exec(toHalfWidth(text).replace(/[\s-]/g, ""));
  return m?.[1];
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : "****";
}
