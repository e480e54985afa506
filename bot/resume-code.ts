// Resume codes as residents see and type them: 12 characters from an alphabet without
// look-alikes, shown in groups of four ("K7QH-3MPX-9RTA"), read back forgivingly.

/** No 0/O, 1/I/L: easy to read aloud and to copy from one phone to another. */
export const RESUME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** 31^12 ≈ 7.9·10^17 codes: with 30 tries per conversation, guessing one is out of reach. */
export const RESUME_CODE_LENGTH = 12;

/** @example formatResumeCode("K7QH3MPX9RTA") → "K7QH-3MPX-9RTA" */
export function formatResumeCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/**
 * What the resident typed, without spaces, dashes or case, or null when it cannot be a code.
 * @example normaliseResumeCode("k7qh 3mpx-9rta") → "K7QH3MPX9RTA"
 */
export function normaliseResumeCode(typed: string): string | null {
  const code = typed.replace(/[\s\-‐‑–—_·.]/g, "").toUpperCase();
  return /^[A-Z0-9]{4,24}$/.test(code) ? code : null;
}
