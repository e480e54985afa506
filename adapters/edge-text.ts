/**
 * Text as it comes in from outside (a resident's message, a staff form or JSON body),
 * cleaned of what can never be stored or shown: NUL and the other C0 control characters
 * (tab, line feed and carriage return stay) and lone UTF-16 surrogates (→ U+FFFD).
 * PostgreSQL refuses NUL in text and both in jsonb, so one of them in a story used to make
 * filing fail for ever. Nothing else changes: the resident's words are kept verbatim
 * (triage's own `sanitize` in nlp/normalize.ts goes further, for analysis only).
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** @example cleanText("门\u0000口\uD800") === "门口\uFFFD" */
export function cleanText(text: string): string {
  return text.replace(UNSTORABLE, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** Every string in a parsed JSON value (keys too), cleaned; other values unchanged. */
export function cleanDeep(value: unknown): unknown {
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanDeep);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[cleanText(key)] = cleanDeep(inner);
    return out;
  }
  return value;
}
