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
  /**
   * A concrete means or plan (药攒够了, 绳子买好了): hesitation (舍不得, 不敢) does not lower it;
   * only `past_hedges` (以前, 开玩笑) do.
   */
  firm: z.boolean().default(false),
  patterns: z.array(RegexSource).min(1),
  exclude: z.array(RegexSource).default([]),
  /** Extra negators for this signal only (没打架), tested right before the words like `negator_adjacent`. */
  negators: RegexSource.optional(),
  /** A negated match becomes a reason of this colour instead of a note (不会做傻事 still needs a look). */
  negated_color: z.enum(["yellow", "orange"]).optional(),
  /** The match counts only when its sentence also has one of these (a weapon word in a conflict). */
  requires: z.array(RegexSource).default([]),
  /** The match is only noted when its sentence has one of these (菜刀 bought as a product). */
  unless: z.array(RegexSource).default([]),
  /** Like `unless`, but anywhere in the text (谁也没伤着 told in the next sentence voids 打了一架). */
  unless_text: z.array(RegexSource).default([]),
  /** What the staff note says when `requires`/`unless` kept a match from raising (default: a product, not a conflict). */
  context_note: z.string().min(4).optional(),
  /**
   * A cue (没指望了, 这日子没法过): never a reason or a note by itself, only a part of a
   * `combinations` entry (a warning sign + despair → self-harm).
   */
  cue: z.boolean().default(false),
});

/** Signals (by id or criterion) that together mean more than each alone (many people + a planned action). */
const CombinationSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  criterion: z.string().regex(/^[a-z_]+$/),
  color: z.enum(COLORS),
  explanation: z.string().min(4),
  all_of: z.array(z.array(z.string().regex(/^[a-z_]+$/)).min(1)).min(2),
});

/** A speech-to-text homophone of a danger word, repaired before matching (沙了我 → 杀了我). */
const HomophoneSchema = z.object({
  pattern: RegexSource,
  replacement: z.string().min(1),
});

export const RiskLexiconSchema = z.object({
  version: z.number().int(),
  homophones: z.array(HomophoneSchema).default([]),
  negators: RegexSource,
  negator_adjacent: RegexSource,
  contrast: RegexSource,
  hedges: RegexSource,
  /** Distance in time or a joke: the only hedges that lower a `firm` signal. */
  past_hedges: RegexSource,
  signals: z.array(SignalSchema).min(1),
  combinations: z.array(CombinationSchema).default([]),
});

export type RiskLexiconData = z.infer<typeof RiskLexiconSchema>;

export interface CompiledSignal {
  id: string;
  criterion: string;
  color: RiskColor;
  explanation: string;
  negatable: boolean;
  hedgeColor?: RiskColor;
  /** Only `pastHedges` lower it (a concrete plan stays red when the speaker hesitates). */
  firm: boolean;
  /** Global; signals with the same patterns share one object (scanned once per text). */
  pattern: RegExp;
  exclude?: RegExp;
  /** This signal's own negation test (shared negators plus its extra ones), anchored at the end. */
  negatedBefore?: RegExp;
  negatedColor?: RiskColor;
  requires?: RegExp;
  unless?: RegExp;
  unlessText?: RegExp;
  contextNote?: string;
  /** Counts only in combinations; never shown alone. */
  cue: boolean;
}

export interface CompiledCombination {
  id: string;
  criterion: string;
  color: RiskColor;
  explanation: string;
  /** Every group must be met by at least one raised reason whose signal id or criterion is listed. */
  allOf: string[][];
}

export interface CompiledHomophone {
  /** Global. */
  pattern: RegExp;
  replacement: string;
}

export interface RiskLexicon {
  version: number;
  /** Applied in order to the compact text before any signal is matched. */
  homophones: CompiledHomophone[];
  /** Tested against the few characters right before a match (anchored at the end). */
  negatedBefore: RegExp;
  contrast: RegExp;
  hedges: RegExp;
  pastHedges: RegExp;
  signals: CompiledSignal[];
  combinations: CompiledCombination[];
}

/** Validates and compiles lexicon data; throws a zod error listing every problem. */
export function compileRiskLexicon(data: unknown): RiskLexicon {
  const parsed = RiskLexiconSchema.parse(data);
  const ids = new Set<string>();
  for (const s of parsed.signals) {
    if (ids.has(s.id)) throw new Error(`风险词表中信号 id 重复：${s.id}`);
    ids.add(s.id);
  }
  const negatedSource = `${parsed.negators}[^，,。.!?！？;；]{0,3}|${parsed.negator_adjacent}`;
  const any = (sources: string[]): RegExp | undefined => (sources.length > 0 ? new RegExp(sources.map((p) => `(?:${p})`).join("|")) : undefined);
  // Signals that share their patterns (a group version and a lone version) share one RegExp,
  // so the engine scans the text once for both.
  const shared = new Map<string, RegExp>();
  const patternOf = (sources: string[]): RegExp => {
    const source = sources.map((p) => `(?:${p})`).join("|");
    let re = shared.get(source);
    if (!re) {
      re = new RegExp(source, "g");
      shared.set(source, re);
    }
    return re;
  };
  return {
    version: parsed.version,
    homophones: parsed.homophones.map((h) => ({ pattern: new RegExp(h.pattern, "g"), replacement: h.replacement })),
    negatedBefore: new RegExp(`(?:${negatedSource})$`),
    contrast: new RegExp(parsed.contrast),
    hedges: new RegExp(parsed.hedges),
    pastHedges: new RegExp(parsed.past_hedges),
    signals: parsed.signals.map((s) => {
      const compiled: CompiledSignal = {
        id: s.id,
        criterion: s.criterion,
        color: s.color,
        explanation: s.explanation,
        negatable: s.negatable,
        firm: s.firm,
        cue: s.cue,
        pattern: patternOf(s.patterns),
      };
      if (s.hedge_color) compiled.hedgeColor = s.hedge_color;
      if (s.exclude.length > 0) compiled.exclude = new RegExp(s.exclude.map((p) => `(?:${p})`).join("|"), "g");
      if (s.negators) compiled.negatedBefore = new RegExp(`(?:${negatedSource}|${s.negators})$`);
      if (s.negated_color) compiled.negatedColor = s.negated_color;
      const requires = any(s.requires);
      if (requires) compiled.requires = requires;
      const unless = any(s.unless);
      if (unless) compiled.unless = unless;
      const unlessText = any(s.unless_text);
      if (unlessText) compiled.unlessText = unlessText;
      if (s.context_note) compiled.contextNote = s.context_note;
      return compiled;
    }),
    combinations: parsed.combinations.map((c) => ({
      id: c.id,
      criterion: c.criterion,
      color: c.color,
      explanation: c.explanation,
      allOf: c.all_of,
    })),
  };
}
