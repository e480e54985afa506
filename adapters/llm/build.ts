// Builds the process's LLM reader from the configuration, or nothing when LLM_BASE_URL is unset
// (then no code path opens a connection to any model).
import type { LlmConfig } from "../config.js";
import type { Logger } from "../logger.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import type { Knowledge } from "../../knowledge/types.js";
import { createCircuitBreaker } from "./circuit-breaker.js";
import { createLlmReader, type LlmReader } from "./llm-reader.js";
import { createStructuredClient } from "./structured-client.js";
import { createTokenBudget } from "./token-budget.js";

export function buildLlmReader(config: LlmConfig | undefined, deps: { knowledge: Knowledge; store: KeyValueStore; logger: Logger; now?: () => number }): LlmReader | undefined {
  if (!config) return undefined;
  return createLlmReader({
    client: createStructuredClient(config),
    model: config.model,
    knowledge: deps.knowledge,
    timeoutMs: config.timeoutMs,
    breaker: createCircuitBreaker(deps.now ? { now: deps.now } : {}),
    budget: createTokenBudget({ store: deps.store, cap: config.monthlyTokenCap }),
    logger: deps.logger.child({ component: "llm" }),
  });
}
