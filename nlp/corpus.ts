/**
 * The project's own labelled corpus (nlp/data/corpus/*.jsonl, see its README): messages with a
 * risk colour, the deciding signal, a domain and a catalogue category. The shipped risk, domain
 * and category models are trained on it (plus the catalogue's own phrases).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DOMAINS } from "./types.js";

export const CorpusLineSchema = z.object({
  text: z.string().min(1),
  color: z.enum(["red", "orange", "yellow", "blue"]),
  signal: z.string().regex(/^[a-z_]+$/),
  domain: z.enum(DOMAINS),
  category: z.string().regex(/^[a-z_]+$/),
  register: z.string().min(1),
});

export type CorpusLine = z.infer<typeof CorpusLineSchema>;

export interface CorpusRead {
  rows: CorpusLine[];
  /** "file:line: what is wrong" for every line that is not a valid corpus line. */
  errors: string[];
}

/** Parses JSONL corpus text; bad lines are reported, not fatal. */
export function parseCorpus(content: string, name = "corpus"): CorpusRead {
  const rows: CorpusLine[] = [];
  const errors: string[] = [];
  content.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      errors.push(`${name}:${i + 1}: 不是合法的 JSON`);
      return;
    }
    const parsed = CorpusLineSchema.safeParse(json);
    if (parsed.success) rows.push(parsed.data);
    else errors.push(`${name}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".")} ${x.message}`).join("；")}`);
  });
  return { rows, errors };
}

/** Every `*.jsonl` of a folder, in file-name order (so training is deterministic). */
export function loadCorpus(dir: string): CorpusRead {
  const files = readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort();
  const all: CorpusRead = { rows: [], errors: [] };
  for (const f of files) {
    const part = parseCorpus(readFileSync(join(dir, f), "utf8"), f);
    all.rows.push(...part.rows);
    all.errors.push(...part.errors);
  }
  return all;
}
