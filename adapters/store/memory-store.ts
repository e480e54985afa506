// In-memory twin of the Redis store: the embedded default and the unit-test double.
// Expiry is checked on read, so no timer outlives the store.
import { EventEmitter } from "node:events";
import type { KeyValueStore, SetOptions, Unsubscribe } from "./key-value-store.js";

interface Entry {
  value: string;
  expiresAt: number | null;
}

export class MemoryStore implements KeyValueStore {
  readonly kind = "memory" as const;
  private readonly entries = new Map<string, Entry>();
  private readonly channels = new EventEmitter();

  constructor(private readonly now: () => number = Date.now) {
    this.channels.setMaxListeners(0);
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, options?: SetOptions): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.expiry(options) });
  }

  async setIfAbsent(key: string, value: string, options?: SetOptions): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, options);
    return true;
  }

  async compareAndSet(key: string, expected: string | null, value: string, options?: SetOptions): Promise<boolean> {
    if ((this.live(key)?.value ?? null) !== expected) return false;
    await this.set(key, value, options);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    const existed = this.live(key) !== undefined;
    this.entries.delete(key);
    return existed;
  }

  async increment(key: string): Promise<number> {
    const entry = this.live(key);
    const next = (entry ? Number.parseInt(entry.value, 10) : 0) + 1;
    if (Number.isNaN(next)) throw new Error(`值不是整数，无法自增：${key}`);
    this.entries.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? null });
    return next;
  }

  async ttlSeconds(key: string): Promise<number | null> {
    const entry = this.live(key);
    if (!entry || entry.expiresAt === null) return null;
    return Math.max(0, Math.ceil((entry.expiresAt - this.now()) / 1000));
  }

  async publish(channel: string, message: string): Promise<void> {
    // Delivered asynchronously, as Redis would, so publishers never re-enter listeners.
    queueMicrotask(() => this.channels.emit(channel, message));
  }

  async subscribe(channel: string, listener: (message: string) => void): Promise<Unsubscribe> {
    this.channels.on(channel, listener);
    return async () => {
      this.channels.off(channel, listener);
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.channels.removeAllListeners();
    this.entries.clear();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private expiry(options?: SetOptions): number | null {
    return options?.ttlSeconds === undefined ? null : this.now() + options.ttlSeconds * 1000;
  }
}
