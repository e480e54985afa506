/**
 * Quotes for staff: the resident's own words around the hits that raised a colour, cut from
 * the reading's text at clause boundaries (never a segmenter's fragment).
 */
import type { Clause, ConceptHit, Reading } from "./reading.js";

/** A quote longer than this is cut around its hits. */
export const MAX_QUOTE_CHARS = 40;

function trimAround(text: string, clause: Clause, start: number, end: number): string {
  if (clause.end - clause.start <= MAX_QUOTE_CHARS) return text.slice(clause.start, clause.end).trim();
  const room = Math.max(0, MAX_QUOTE_CHARS - (end - start));
  const from = Math.max(clause.start, start - Math.ceil(room / 2));
  const to = Math.min(clause.end, Math.max(end, from + MAX_QUOTE_CHARS));
  return text.slice(from, to).trim();
}

/**
 * One quote per clause the hits fall in, in text order.
 * @example quoteHits(reading, hits) // ["农药我都买好了放在床头", "实在熬不下去就喝"]
 */
export function quoteHits(reading: Reading, hits: readonly ConceptHit[]): string[] {
  const byClause = new Map<number, { start: number; end: number }>();
  for (const h of hits) {
    const span = byClause.get(h.clause);
    byClause.set(h.clause, span ? { start: Math.min(span.start, h.start), end: Math.max(span.end, h.end) } : { start: h.start, end: h.end });
  }
  return [...byClause.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([ci, span]) => trimAround(reading.text, reading.clauses[ci] ?? { start: 0, end: reading.text.length, sentence: 0 }, span.start, span.end))
    .filter((q, i, all) => q !== "" && all.indexOf(q) === i);
}

/** The clause of a reading that scores highest under `score` (for a model's reason), quoted. */
export function quoteBestClause(reading: Reading, score: (clause: Clause) => number): string | undefined {
  let best: Clause | undefined;
  let bestScore = 0;
  for (const c of reading.clauses.slice(0, 60)) {
    const s = score(c);
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  return best ? trimAround(reading.text, best, best.start, Math.min(best.end, best.start + MAX_QUOTE_CHARS)) : undefined;
}
