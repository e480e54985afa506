// One structured question to an OpenAI-compatible endpoint, answered by a value checked against a
// zod schema. First the `openai` SDK with a json_schema response format; when the server answered
// but could not do that (it refused the format, or its content does not parse), one retry through
// LangChain's ChatOpenAI with a tool call. A timeout or an unreachable server is not retried: the
// caller falls back offline at once. The SDKs' own retries are off (no retry storm).
import { ChatOpenAI } from "@langchain/openai";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { z } from "zod";
import type { TokenUse } from "../../nlp/reader.js";

export type AskFailure = "timeout" | "unreachable" | "refused" | "garbage";

export type AskOutcome<T> =
  | { ok: true; value: T; tokens: TokenUse; via: "json_schema" | "tools" }
  | { ok: false; reason: AskFailure; detail: string; tokens: TokenUse };

export interface StructuredQuestion<T> {
  schema: z.ZodType<T>;
  /** The schema's name as the server sees it (response format / tool name). */
  name: string;
  system: string;
  user: string;
  /** Aborted at the reading's deadline. */
  signal: AbortSignal;
}

export interface StructuredClient {
  ask<T>(q: StructuredQuestion<T>): Promise<AskOutcome<T>>;
}

export interface EndpointConfig {
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
}

const NO_TOKENS: TokenUse = { prompt: 0, completion: 0 };

/** The failure an SDK error stands for; "answered" when the server sent an HTTP answer (worth the other method). */
function classify(error: unknown, signal: AbortSignal): { reason: AskFailure; answered: boolean; detail: string } {
  const detail = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : String(error).slice(0, 200);
  if (signal.aborted || error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) return { reason: "timeout", answered: false, detail };
  if (error instanceof APIConnectionError) return { reason: "unreachable", answered: false, detail };
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    if (status === 401 || status === 403 || status === 429 || status >= 500) return { reason: "refused", answered: false, detail };
    return { reason: "refused", answered: true, detail };
  }
  if (error instanceof Error && /abort/i.test(error.name + error.message)) return { reason: "timeout", answered: false, detail };
  if (error instanceof Error && /ECONNREFUSED|fetch failed|ENOTFOUND|socket|network/i.test(error.message)) return { reason: "unreachable", answered: false, detail };
  return { reason: "garbage", answered: true, detail };
}

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  // Some servers wrap JSON in a code fence even under a response format.
  const bare = text.trim().replace(/^```(?:json)?\s*/i, "").replace(/```$/, "").trim();
  try {
    return JSON.parse(bare);
  } catch {
    return undefined;
  }
}

export function createStructuredClient(endpoint: EndpointConfig): StructuredClient {
  const apiKey = endpoint.apiKey ?? "not-needed";
  const openai = new OpenAI({ baseURL: endpoint.baseUrl, apiKey, maxRetries: 0 });
  const chat = new ChatOpenAI({ model: endpoint.model, apiKey, temperature: 0, maxRetries: 0, configuration: { baseURL: endpoint.baseUrl } });

  async function viaJsonSchema<T>(q: StructuredQuestion<T>): Promise<AskOutcome<T> & { answered: boolean }> {
    try {
      const completion = await openai.chat.completions.create(
        {
          model: endpoint.model,
          temperature: 0,
          messages: [
            { role: "system", content: q.system },
            { role: "user", content: q.user },
          ],
          response_format: zodResponseFormat(q.schema as never, q.name),
        },
        { signal: q.signal },
      );
      const tokens = { prompt: completion.usage?.prompt_tokens ?? 0, completion: completion.usage?.completion_tokens ?? 0 };
      const message = completion.choices[0]?.message;
      if (message?.refusal) return { ok: false, reason: "refused", detail: message.refusal.slice(0, 200), tokens, answered: true };
      const parsed = q.schema.safeParse(parseJson(message?.content));
      if (!parsed.success) return { ok: false, reason: "garbage", detail: "json_schema answer does not match the schema", tokens, answered: true };
      return { ok: true, value: parsed.data, tokens, via: "json_schema", answered: true };
    } catch (error) {
      const c = classify(error, q.signal);
      return { ok: false, reason: c.reason, detail: c.detail, tokens: NO_TOKENS, answered: c.answered };
    }
  }

  async function viaTools<T>(q: StructuredQuestion<T>): Promise<AskOutcome<T>> {
    try {
      const structured = chat.withStructuredOutput(q.schema as z.ZodType<Record<string, unknown>>, { name: q.name, method: "functionCalling", includeRaw: true });
      const out = await structured.invoke(
        [
          ["system", q.system],
          ["human", q.user],
        ],
        { signal: q.signal },
      );
      const usage = (out.raw as { usage_metadata?: { input_tokens?: number; output_tokens?: number } }).usage_metadata;
      const tokens = { prompt: usage?.input_tokens ?? 0, completion: usage?.output_tokens ?? 0 };
      const parsed = q.schema.safeParse(out.parsed);
      if (!parsed.success) return { ok: false, reason: "garbage", detail: "tool call does not match the schema", tokens };
      return { ok: true, value: parsed.data, tokens, via: "tools" };
    } catch (error) {
      const c = classify(error, q.signal);
      return { ok: false, reason: c.reason, detail: c.detail, tokens: NO_TOKENS };
    }
  }

  return {
    async ask(q) {
      const first = await viaJsonSchema(q);
      if (first.ok || !first.answered || q.signal.aborted) {
        const { answered: _answered, ...outcome } = first;
        return outcome;
      }
      const second = await viaTools(q);
      return second.ok ? second : { ...second, tokens: { prompt: first.tokens.prompt + second.tokens.prompt, completion: first.tokens.completion + second.tokens.completion } };
    },
  };
}
