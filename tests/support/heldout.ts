/**
 * Shared pieces of the held-out evaluation tests (tests/unit/heldout*): reading a zod-validated
 * JSONL fixture and summarising risk colours against each row's [minColor, maxColor] range.
 * Domain metrics come from nlp/metrics.ts (`evaluate`, `formatEvalReport`), as in `yizhan eval`.
 */
import { readFileSync } from "node:fs";
import type { z } from "zod";
import { colourRank } from "../../knowledge/colours.js";
import type { RiskColor } from "../../nlp/types.js";

/** blue 0 … red 3: higher is more urgent. */
export const COLOR_RANK: Record<RiskColor, number> = { blue: 3 - colourRank("blue"), yellow: 3 - colourRank("yellow"), orange: 3 - colourRank("orange"), red: 3 - colourRank("red") };

export interface JsonlFixture<T> {
  rows: T[];
  /** One message per blank-skipped line that is not JSON or fails the schema ("file:line: …"). */
  errors: string[];
}

/** Reads a JSONL file, skipping blank lines; every other line is parsed and validated with `schema`. */
export function readJsonlFixture<T>(path: string, schema: z.ZodType<T>): JsonlFixture<T> {
  const name = path.split("/").pop() ?? path;
  const rows: T[] = [];
  const errors: string[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        errors.push(`${name}:${i + 1}: invalid JSON`);
        return;
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) rows.push(parsed.data);
      else errors.push(`${name}:${i + 1}: ${parsed.error.issues.map((x) => x.message).join("; ")}`);
    });
  return { rows, errors };
}

/** Like readJsonlFixture, but throws (listing every bad line) instead of returning errors. */
export function loadJsonlFixture<T>(path: string, schema: z.ZodType<T>): T[] {
  const { rows, errors } = readJsonlFixture(path, schema);
  if (errors.length > 0) throw new Error(errors.join("\n"));
  return rows;
}

/** min ≤ color ≤ max in the order blue < yellow < orange < red. */
export function colourInRange(color: RiskColor, min: RiskColor, max: RiskColor): boolean {
  return COLOR_RANK[color] >= COLOR_RANK[min] && COLOR_RANK[color] <= COLOR_RANK[max];
}

export interface RiskRange {
  minColor: RiskColor;
  maxColor: RiskColor;
}

export interface RiskMiss<R> {
  index: number;
  row: R;
  got: RiskColor;
}

export interface RiskSummary<R> {
  total: number;
  /** inRangeFlags[i]: colours[i] lies within rows[i]'s range. */
  inRangeFlags: boolean[];
  inRange: number;
  /** Rows whose minColor is red. */
  mustRed: number;
  /** Must-be-red rows coloured below red, in row order. */
  missedReds: RiskMiss<R>[];
  /** What the missed reds became (red is always 0). */
  missedAs: Record<RiskColor, number>;
  /** Rows whose maxColor is below red. */
  notRed: number;
  /** Rows whose maxColor is below red but coloured red, in row order. */
  falseReds: RiskMiss<R>[];
}

/** Compares colours[i] with rows[i]; `colours` must be aligned with `rows`. */
export function riskSummary<R extends RiskRange>(rows: readonly R[], colours: readonly RiskColor[]): RiskSummary<R> {
  if (colours.length !== rows.length) throw new Error(`riskSummary: ${rows.length} rows but ${colours.length} colours`);
  const inRangeFlags: boolean[] = [];
  const missedReds: RiskMiss<R>[] = [];
  const falseReds: RiskMiss<R>[] = [];
  const missedAs: Record<RiskColor, number> = { blue: 0, yellow: 0, orange: 0, red: 0 };
  let mustRed = 0;
  let notRed = 0;
  rows.forEach((row, index) => {
    const got = colours[index]!;
    inRangeFlags.push(colourInRange(got, row.minColor, row.maxColor));
    if (row.minColor === "red") {
      mustRed += 1;
      if (got !== "red") {
        missedReds.push({ index, row, got });
        missedAs[got] += 1;
      }
    }
    if (row.maxColor !== "red") {
      notRed += 1;
      if (got === "red") falseReds.push({ index, row, got });
    }
  });
  return {
    total: rows.length,
    inRangeFlags,
    inRange: inRangeFlags.filter(Boolean).length,
    mustRed,
    missedReds,
    missedAs,
    notRed,
    falseReds,
  };
}
