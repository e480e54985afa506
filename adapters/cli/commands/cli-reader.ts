// The reader a triage command uses: the offline engine alone, or with the LLM when LLM_BASE_URL is
// set (then each text waits at most LLM_TIMEOUT_MS for it). Without LLM_BASE_URL nothing here opens
// a connection. Logs go to stderr; the monthly token cap counts within this run only.
import type { LlmConfig } from "../../config.js";
import { createLogger } from "../../logger.js";
import type { LlmReader } from "../../llm/llm-reader.js";
import { MemoryStore } from "../../store/memory-store.js";
import { colourRulesFromRubric } from "../../../knowledge/colours.js";
import type { Knowledge } from "../../../knowledge/types.js";
import { triageWithReader, type ReadOutcome } from "../../../nlp/reader-merge.js";
import { ownerOf } from "../../../nlp/risk.js";
import type { Triage } from "../../../nlp/types.js";

export interface CliReading {
  reader: LlmReader | undefined;
  read(text: string, useLlm?: boolean): Promise<ReadOutcome>;
}

export async function cliReading(opts: { knowledge: Knowledge; triage: (text: string) => Triage; llm: LlmConfig | undefined; logLevel?: "warn" | "info" }): Promise<CliReading> {
  const logger = createLogger({ log: { level: opts.logLevel ?? "warn", format: "json" } }, process.stderr);
  // The SDKs are loaded only when an LLM is configured.
  const reader = opts.llm ? (await import("../../llm/build.js")).buildLlmReader(opts.llm, { knowledge: opts.knowledge, store: new MemoryStore(), logger }) : undefined;
  const owners = ownerOf(colourRulesFromRubric(opts.knowledge.rubric));
  return {
    reader,
    read: (text, useLlm = true) => triageWithReader(text, { triage: opts.triage, ...(reader && useLlm ? { reader } : {}), knowledge: opts.knowledge, owners }),
  };
}

/** What the JSONL line says of the reader (only when an LLM is configured). */
export function readerField(o: ReadOutcome): Record<string, unknown> {
  const r = o.reading;
  if (!r) return { name: "offline" };
  if (r.kind === "failed") return { name: "offline", fallback: r.reason, latencyMs: Math.round(r.latencyMs) };
  return {
    name: o.report?.reader ?? "llm",
    latencyMs: Math.round(r.latencyMs),
    ...(o.report?.raised ? { raised: o.report.raised } : {}),
    refusedLowering: o.report?.refusedLowering ?? false,
    dropped: { quotes: o.report?.droppedQuotes.length ?? 0, services: o.report?.droppedServices.length ?? 0 },
    summary: o.report?.summary ?? [],
    ...(r.tokens ? { tokens: r.tokens } : {}),
  };
}
