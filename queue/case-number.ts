// Human case numbers: ZZ-<year>-<6-digit sequence>, the sequence counted per year.

export const CASE_NUMBER_PREFIX = "ZZ";

/** The sequence is padded with zeros to this many digits (more digits are kept, never cut). */
export const CASE_NUMBER_DIGITS = 6;

/** What comes before the sequence. @example caseNumberHead(2026) === "ZZ-2026-" */
export function caseNumberHead(year: number, prefix = CASE_NUMBER_PREFIX): string {
  return `${prefix}-${year}-`;
}

/** @example formatCaseNumber(2026, 123) === "ZZ-2026-000123" */
export function formatCaseNumber(year: number, sequence: number, prefix = CASE_NUMBER_PREFIX): string {
  return `${caseNumberHead(year, prefix)}${String(sequence).padStart(CASE_NUMBER_DIGITS, "0")}`;
}

const PATTERN = /^([A-Z]{2,6})-(\d{4})-(\d{6,})$/;

export function parseCaseNumber(text: string): { prefix: string; year: number; sequence: number } | null {
  const m = PATTERN.exec(text.trim().toUpperCase());
  if (!m) return null;
  return { prefix: m[1]!, year: Number(m[2]), sequence: Number(m[3]) };
}
