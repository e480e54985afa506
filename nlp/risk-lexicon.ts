/**
 * The risk lexicon: parsed from reviewed YAML (nlp/data/risk-lexicon.yaml), validated with
 * zod, compiled once into regular expressions.
 */
import { z } from "zod";
import type { RiskColor } from "./types.js";

const COLORS = ["red", "orange", "yellow", "blue"] as const;

const RegexSource = z.string().refine(
  (s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: "不是合法的正则表达式" },
);

const SignalSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  criterion: z.string().regex(/^[a-z_]+$/),
  color: z.enum(COLORS),
  explanation: z.string().min(4),
  negatable: z.boolean().default(false),
  hedge_color: z.enum(["orange", "yellow"]).optional(),
  patterns: z.array(RegexSource).min(1),
  exclude: z.array(RegexSource).default([]),
});

export const RiskLexiconSchema = z.object({
  version: z.number().int(),
  negators: RegexSource,
  negator_adjacent: RegexSource,
  contrast: RegexSource,
  hedges: RegexSource,
  signals: z.array(SignalSchema).min(1),
});

export type RiskLexiconData = z.infer<typeof RiskLexiconSchema>;

export interface CompiledSignal {
  id: string;
  criterion: string;
  color: RiskColor;
  explanation: string;
  negatable: boolean;
  hedgeColor?: RiskColor;
  pattern: RegExp;
  exclude?: RegExp;
}

export interface RiskLexicon {
  version: number;
  /** Tested against the few characters right before a match (anchored at the end). */
  negatedBefore: RegExp;
  contrast: RegExp;
  hedges: RegExp;
  signals: CompiledSignal[];
}

/** Validates and compiles lexicon data; throws a zod error listing every problem. */
export function compileRiskLexicon(data: unknown): RiskLexicon {
  const parsed = RiskLexiconSchema.parse(data);
  const ids = new Set<string>();
  for (const s of parsed.signals) {
    if (ids.has(s.id)) throw new Error(`风险词表中信号 id 重复：${s.id}`);
    ids.add(s.id);
  }
  return {
    version: parsed.version,
    negatedBefore: new RegExp(`(?:${parsed.negators}[^，,。.!?！？;；]{0,3}|${parsed.negator_adjacent})$`),
    contrast: new RegExp(parsed.contrast),
    hedges: new RegExp(parsed.hedges),
    signals: parsed.signals.map((s) => {
      const compiled: CompiledSignal = {
        id: s.id,
        criterion: s.criterion,
        color: s.color,
        explanation: s.explanation,
        negatable: s.negatable,
        pattern: new RegExp(s.patterns.map((p) => `(?:${p})`).join("|"), "g"),
      };
      if (s.hedge_color) compiled.hedgeColor = s.hedge_color;
      if (s.exclude.length > 0) compiled.exclude = new RegExp(s.exclude.map((p) => `(?:${p})`).join("|"), "g");
      return compiled;
    }),
  };
}
