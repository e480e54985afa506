// The key-value port: sessions, resume codes, short-lived locks and cross-process
// messages. Redis in production, an in-memory twin by default and in unit tests.

export interface SetOptions {
  /** Expire the key after this many seconds (omit for no expiry). */
  ttlSeconds?: number;
}

export type Unsubscribe = () => Promise<void>;

export interface KeyValueStore {
  readonly kind: "memory" | "redis";
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: SetOptions): Promise<void>;
  /** Writes only when the key does not exist; true when it wrote. */
  setIfAbsent(key: string, value: string, options?: SetOptions): Promise<boolean>;
  /**
   * Writes only when the current value equals `expected` (null: the key is absent);
   * true when it wrote. This is how versioned sessions avoid lost updates.
   */
  compareAndSet(key: string, expected: string | null, value: string, options?: SetOptions): Promise<boolean>;
  /** True when a key was removed. */
  delete(key: string): Promise<boolean>;
  /** Atomically adds one and returns the new value (a missing key counts as 0). */
  increment(key: string): Promise<number>;
  /** Remaining lifetime in seconds, null when the key is absent or never expires. */
  ttlSeconds(key: string): Promise<number | null>;
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, listener: (message: string) => void): Promise<Unsubscribe>;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
