// The monthly token cap (LLM_MONTHLY_TOKEN_CAP): one counter per calendar month, China time, in the
// key-value store so every process shares it. A reading is let out while the month's count is below
// the cap; the one that crosses it is the last. Counts only: nothing of the text is kept.
import type { KeyValueStore } from "../store/key-value-store.js";
import type { TokenUse } from "../../nlp/reader.js";

export interface TokenBudget {
  /** False once the month's cap is reached (always true without a cap). */
  allows(): Promise<boolean>;
  /** Adds a reading's tokens; returns the month's total. */
  add(tokens: TokenUse): Promise<number>;
}

const CHINA_OFFSET_MS = 8 * 3600_000;

export function monthKey(at: Date): string {
  return `llm-tokens:${new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7)}`;
}

export function createTokenBudget(opts: { store: KeyValueStore; cap: number; now?: () => Date }): TokenBudget {
  const now = opts.now ?? (() => new Date());
  const used = async () => Number((await opts.store.get(monthKey(now()))) ?? "0");
  return {
    async allows() {
      return opts.cap === 0 || (await used()) < opts.cap;
    },
    async add(tokens) {
      const key = monthKey(now());
      const n = tokens.prompt + tokens.completion;
      // Compare-and-set: two processes adding at once both count.
      for (;;) {
        const current = await opts.store.get(key);
        const next = Number(current ?? "0") + n;
        if (await opts.store.compareAndSet(key, current, String(next), { ttlSeconds: 40 * 86_400 })) return next;
      }
    },
  };
}
