// Login throttling in the key-value store, so every process counts the same failures:
// per user name and per client address, a temporary lockout after too many wrong
// passwords, lifted by itself after a cool-off.
import { createHash } from "node:crypto";
import type { KeyValueStore } from "../../store/key-value-store.js";

export interface LoginThrottleOptions {
  /** Wrong passwords (per user name, and per address) that start a lockout. */
  maxFailures: number;
  /** Failures further apart than this are forgotten. */
  windowSeconds: number;
  /** How long a lockout lasts. */
  lockSeconds: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = { maxFailures: 40, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

export type ThrottleState = { locked: false } | { locked: true; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Whether this user name or this address is locked out now. */
  check(username: string, address: string): Promise<ThrottleState>;
  /** Counts a wrong password; the failure that reaches the limit starts the lockout. */
  recordFailure(username: string, address: string): Promise<ThrottleState>;
  /** A right password clears the user name's count (the address keeps its own). */
  recordSuccess(username: string): Promise<void>;
}

// User names are hashed: any text a client sends stays out of the key space.
const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);
const subjects = (username: string, address: string) => [`user:${digest(username.trim().toLowerCase())}`, `addr:${digest(address)}`];

export function createLoginThrottle(store: KeyValueStore, options: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE): LoginThrottle {
  const failures = (subject: string) => `login-failures:${subject}`;
  const lock = (subject: string) => `login-lock:${subject}`;

  /** Adds one and refreshes the window; compare-and-set so the count and its expiry move together. */
  async function bump(key: string): Promise<number> {
    for (let attempt = 0; attempt < 25; attempt++) {
      const current = await store.get(key);
      const next = (Number.parseInt(current ?? "0", 10) || 0) + 1;
      if (await store.compareAndSet(key, current, String(next), { ttlSeconds: options.windowSeconds })) return next;
    }
    // Heavy contention: the key exists with its expiry, which an increment keeps.
    return store.increment(key);
  }

  async function lockedFor(subject: string): Promise<number | null> {
    if ((await store.get(lock(subject))) === null) return null;
    return Math.max(1, (await store.ttlSeconds(lock(subject))) ?? options.lockSeconds);
  }

  async function state(all: string[]): Promise<ThrottleState> {
    const waits = (await Promise.all(all.map(lockedFor))).filter((s): s is number => s !== null);
    return waits.length ? { locked: true, retryAfterSeconds: Math.max(...waits) } : { locked: false };
  }

  return {
    check: (username, address) => state(subjects(username, address)),
    async recordFailure(username, address) {
      const all = subjects(username, address);
      for (const subject of all) {
        if ((await bump(failures(subject))) >= options.maxFailures) {
          await store.setIfAbsent(lock(subject), "1", { ttlSeconds: options.lockSeconds });
          await store.delete(failures(subject));
        }
      }
      return state(all);
    },
    async recordSuccess(username) {
      await store.delete(failures(subjects(username, "")[0]!));
    },
  };
}
