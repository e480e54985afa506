// The LLM reader: a Reader (nlp/reader.ts) over any OpenAI-compatible endpoint. Each reading has one
// deadline (LLM_TIMEOUT_MS) for everything it sends; a failure of any kind (down, slow, garbage,
// refused) is an answer `{ kind: "failed" }` and the offline triage stands. A circuit breaker stops
// calls to an endpoint that keeps failing; one warn line says it went wrong, one info line that it
// came back. Only counts of tokens are logged, never text.
import type { Knowledge } from "../../knowledge/types.js";
import type { Reader, ReaderAnswer, ReaderFailure, ReaderInput, Reading, TokenUse } from "../../nlp/reader.js";
import type { Logger } from "../logger.js";
import type { CircuitBreaker } from "./circuit-breaker.js";
import { maskForPrompt } from "./prompt-masking.js";
import { caseReadingPrompt, readingPrompt } from "./prompt.js";
import { CaseReadingSchema, ReadingSchema, type ReadingOutput } from "./schema.js";
import type { StructuredClient, StructuredQuestion } from "./structured-client.js";
import type { TokenBudget } from "./token-budget.js";

/** The drafts for staff a filed case's reading adds, all machine suggestions. */
export interface CaseDrafts {
  plan: string[];
  basis: { serviceId: string; law: string; article: string; why: string }[];
  /** A hotline transcript read again with recognition errors corrected; absent otherwise. */
  cleaned?: string;
}

export type CaseReading = (Reading & { kind: "failed" }) | (Reading & { kind: "answer"; drafts: CaseDrafts });

export interface LlmReader extends Reader {
  readonly model: string;
  /** A filed case: the reading plus the "六个一" drafts; `caseNumber` only labels the token log line. */
  readCase(input: ReaderInput & { transcript: boolean; caseNumber: string }): Promise<CaseReading>;
}

export interface LlmReaderDeps {
  client: StructuredClient;
  model: string;
  knowledge: Knowledge;
  timeoutMs: number;
  breaker: CircuitBreaker;
  budget: TokenBudget;
  logger: Logger;
}

const cut = (s: string, n: number) => s.trim().slice(0, n);
const bare = (s: string) => s.replace(/[《》\s]/g, "");

/** Only a basis the catalogue itself gives for that service: a law or article the model made up is dropped. */
export function groundedBasis(k: Pick<Knowledge, "serviceById">, basis: CaseDrafts["basis"]): CaseDrafts["basis"] {
  return basis.filter((b) => k.serviceById.get(b.serviceId)?.legalBasis.some((l) => bare(l.law) === bare(b.law) && bare(l.article) === bare(b.article)));
}

function answerOf(model: string, o: ReadingOutput): ReaderAnswer {
  const facts: ReaderAnswer["facts"] = {};
  for (const key of ["place", "otherParty", "since", "attempts", "wants"] as const) {
    const v = o.facts[key];
    if (v && v.trim()) facts[key] = cut(v, 80);
  }
  return {
    reader: model,
    domain: o.domain,
    color: o.color,
    services: o.services.slice(0, 5),
    signals: o.signals.slice(0, 8).map((s) => ({ color: s.color, quote: cut(s.quote, 120), explanation: cut(s.why, 160) })),
    facts,
    summary: o.summary.map((l) => cut(l, 120)).filter(Boolean).slice(0, 3),
  };
}

/** Rejects after `ms` (and aborts the request), whatever the SDK does with the signal. */
function withDeadline<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T | "timeout"> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, ms);
  });
  return Promise.race([run(controller.signal), deadline]).finally(() => clearTimeout(timer));
}

export function createLlmReader(deps: LlmReaderDeps): LlmReader {
  const { logger: log, breaker, budget, model } = deps;
  let failing = false;
  let capLogged = "";

  async function ask<T>(question: Omit<StructuredQuestion<T>, "signal">, label: { caseNumber?: string }): Promise<{ ok: true; value: T; tokens: TokenUse; latencyMs: number } | { ok: false; reason: ReaderFailure; latencyMs: number }> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    // The cap first: a half-open breaker's one trial is not spent on a reading that cannot go out.
    if (!(await budget.allows())) {
      const month = new Date().toISOString().slice(0, 7);
      if (capLogged !== month) log.warn({ model }, "本月 LLM 令牌用量已达上限（LLM_MONTHLY_TOKEN_CAP），改用离线分诊，下月恢复");
      capLogged = month;
      return { ok: false, reason: "budget", latencyMs: elapsed() };
    }
    if (!breaker.allow()) return { ok: false, reason: "circuit_open", latencyMs: elapsed() };
    const outcome = await withDeadline(deps.timeoutMs, (signal) => deps.client.ask({ ...question, signal }));
    const latencyMs = elapsed();
    const tokens = outcome === "timeout" ? { prompt: 0, completion: 0 } : outcome.tokens;
    if (tokens.prompt + tokens.completion > 0) {
      const month = await budget.add(tokens);
      const fields = { model, promptTokens: tokens.prompt, completionTokens: tokens.completion, monthTokens: month, ...label };
      if (label.caseNumber) log.info(fields, "LLM token use");
      else log.debug(fields, "LLM token use");
    }
    if (outcome !== "timeout" && outcome.ok) {
      breaker.success();
      if (failing) log.info({ model }, "LLM 已恢复");
      failing = false;
      return { ok: true, value: outcome.value, tokens, latencyMs };
    }
    const reason: ReaderFailure = outcome === "timeout" ? "timeout" : outcome.reason;
    const opened = breaker.failure();
    if (!failing) log.warn({ model, reason, latencyMs: Math.round(latencyMs), ...(outcome === "timeout" ? {} : { detail: outcome.detail }) }, "LLM 阅读失败，已改用离线分诊结果；连续失败将暂停调用");
    else log.debug({ model, reason, circuitOpened: opened }, "LLM reading failed again");
    failing = true;
    return { ok: false, reason, latencyMs };
  }

  return {
    name: `llm:${model}`,
    model,
    async read(input, _options) {
      const text = maskForPrompt(input.offline.masked, input.knownNames);
      const prompt = readingPrompt(deps.knowledge, text, input.offline);
      const r = await ask({ schema: ReadingSchema, name: "triage_reading", ...prompt }, {});
      return r.ok ? { kind: "answer", answer: answerOf(model, r.value), text, tokens: r.tokens, latencyMs: r.latencyMs } : { kind: "failed", reason: r.reason, latencyMs: r.latencyMs };
    },
    async readCase(input) {
      const text = maskForPrompt(input.offline.masked, input.knownNames);
      const prompt = caseReadingPrompt(deps.knowledge, text, input.offline, { transcript: input.transcript });
      const r = await ask({ schema: CaseReadingSchema, name: "case_reading", ...prompt }, { caseNumber: input.caseNumber });
      if (!r.ok) return { kind: "failed", reason: r.reason, latencyMs: r.latencyMs };
      const v = r.value;
      const drafts: CaseDrafts = {
        plan: v.plan.map((s) => cut(s, 160)).filter(Boolean).slice(0, 6),
        basis: groundedBasis(deps.knowledge, v.basis).slice(0, 6).map((b) => ({ serviceId: b.serviceId, law: cut(b.law, 80), article: cut(b.article, 40), why: cut(b.why, 160) })),
        ...(input.transcript && v.cleaned.trim() ? { cleaned: cut(v.cleaned, 4000) } : {}),
      };
      return { kind: "answer", answer: answerOf(model, v), text, tokens: r.tokens, latencyMs: r.latencyMs, drafts };
    },
  };
}
