/**
 * Readers: anything that reads a resident's text and answers in one shape (domain, services as
 * catalogue ids, risk signals with quoted spans, facts, a short summary). The offline engine
 * (nlp/triage.ts) is the default reader and always answers first; another reader (an LLM through
 * adapters/llm/) is asynchronous, may be off or fail, and is merged by nlp/reader-merge.ts only.
 */
import type { Domain, RiskColor, Triage } from "./types.js";

/** One danger the reader saw, in the resident's own words. */
export interface ReaderSignal {
  color: RiskColor;
  /** Must be a substring of the text the reader was given, or the signal is dropped. */
  quote: string;
  /** Chinese, for staff. */
  explanation: string;
}

/** What the story says about each intake item, in short Chinese phrases. */
export interface ReaderFacts {
  place?: string;
  otherParty?: string;
  since?: string;
  attempts?: string;
  wants?: string;
}

export interface ReaderAnswer {
  /** "offline", or the model's name. */
  reader: string;
  domain?: Domain;
  /** The reader's overall colour; it counts only through signals quoted from the text (reader-merge.ts). */
  color?: RiskColor;
  /** Catalogue service ids, most fitting first. */
  services: string[];
  signals: ReaderSignal[];
  facts: ReaderFacts;
  /** At most three short lines (案情摘要), for staff. */
  summary: string[];
}

export interface TokenUse {
  prompt: number;
  completion: number;
}

/** Why a reader gave no answer; the offline answer stands. */
export type ReaderFailure = "off" | "circuit_open" | "budget" | "timeout" | "unreachable" | "refused" | "garbage";

export type Reading =
  | {
      kind: "answer";
      answer: ReaderAnswer;
      /** The exact (masked) text the reader read: quotes are checked against it. */
      text: string;
      tokens?: TokenUse;
      latencyMs: number;
    }
  | { kind: "failed"; reason: ReaderFailure; latencyMs: number };

export interface ReaderInput {
  /** The resident's text as told (the reader masks it before it leaves the process). */
  text: string;
  /** Names the intake knows (the resident's, the other party's): masked as well. */
  knownNames?: readonly string[];
  /** What the offline engine made of it: the candidate services a reader chooses from. */
  offline: Triage;
}

export interface Reader {
  readonly name: string;
  /** Never throws for an expected failure (off, slow, down, garbage): answers `{ kind: "failed" }`. */
  read(input: ReaderInput, options?: { signal?: AbortSignal }): Promise<Reading>;
}

/** The offline engine's triage in the readers' shape (what `yizhan eval --reader offline` measures). */
export function answerOfTriage(t: Triage): ReaderAnswer {
  const f = t.facts;
  const facts: ReaderFacts = {};
  const place = [f.township?.name, f.village?.name].filter(Boolean).join(" ");
  if (place) facts.place = place;
  if (f.otherParty) facts.otherParty = f.otherParty.text;
  if (f.since ?? f.duration) facts.since = f.since ?? f.duration!.text;
  if (f.attempts.length) facts.attempts = f.attempts.map((a) => a.text).join("，");
  if (f.wants) facts.wants = f.wants;
  return {
    reader: "offline",
    domain: t.domain,
    color: t.risk.color,
    services: t.services.map((s) => s.id),
    signals: t.risk.reasons.flatMap((r) => r.words.map((quote) => ({ color: r.color, quote, explanation: r.explanation }))),
    facts,
    summary: [],
  };
}

/** The default reader: the offline engine, synchronous underneath, never fails. */
export function offlineReader(triage: (text: string) => Triage): Reader {
  return {
    name: "offline",
    async read(input) {
      const started = performance.now();
      const t = triage(input.text);
      return { kind: "answer", answer: answerOfTriage(t), text: t.masked, latencyMs: performance.now() - started };
    },
  };
}
