// A circuit breaker for the LLM endpoint: after `failureThreshold` failures in a row it opens and
// every reading falls back offline at once, with no network call, for `cooldownMs`; then one trial
// reading is let through (half-open): a success closes it, a failure opens it again.

export type CircuitState = "closed" | "open" | "half_open";

export interface CircuitBreaker {
  /** True when a call may go out now (a half-open breaker lets one through). */
  allow(): boolean;
  success(): void;
  /** @returns true when this failure opened the circuit */
  failure(): boolean;
  readonly state: CircuitState;
}

export function createCircuitBreaker(opts: { failureThreshold?: number; cooldownMs?: number; now?: () => number } = {}): CircuitBreaker {
  const threshold = opts.failureThreshold ?? 3;
  const cooldown = opts.cooldownMs ?? 30_000;
  const now = opts.now ?? Date.now;
  let failures = 0;
  let openedAt: number | undefined;
  let trialOut = false;
  const state = (): CircuitState => (openedAt === undefined ? "closed" : now() - openedAt >= cooldown ? "half_open" : "open");
  return {
    get state() {
      return state();
    },
    allow() {
      const s = state();
      if (s === "closed") return true;
      if (s === "open" || trialOut) return false;
      trialOut = true;
      return true;
    },
    success() {
      failures = 0;
      openedAt = undefined;
      trialOut = false;
    },
    failure() {
      const wasHalfOpen = state() === "half_open";
      trialOut = false;
      failures += 1;
      if (wasHalfOpen || (openedAt === undefined && failures >= threshold)) {
        openedAt = now();
        return true;
      }
      return false;
    },
  };
}
