// In-memory twin of the Redis store: the embedded default and the unit-test double.
// Expiry is checked on read, so no timer outlives the store. With a journal file (the embedded
// default) every write is appended to it before the call returns, and the journal is replayed at
// start: unfinished intakes, resume codes, pending filings and staff sessions survive a restart.
import { EventEmitter } from "node:events";
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { KeyValueStore, SetOptions, Unsubscribe } from "./key-value-store.js";

/** One journal line: a write (`v`, `e` the expiry in ms or null) or a delete (`d`). */
type JournalLine = { k: string; v: string; e: number | null } | { k: string; d: 1 };

interface Entry {
  value: string;
  expiresAt: number | null;
}

export class MemoryStore implements KeyValueStore {
  readonly kind = "memory" as const;
  private readonly entries = new Map<string, Entry>();
  private readonly channels = new EventEmitter();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly journal?: string,
  ) {
    this.channels.setMaxListeners(0);
    if (journal) this.replay(journal);
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, options?: SetOptions): Promise<void> {
    this.put(key, { value, expiresAt: this.expiry(options) });
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
    if (existed) this.write({ k: key, d: 1 });
    return existed;
  }

  async increment(key: string): Promise<number> {
    const entry = this.live(key);
    const next = (entry ? Number.parseInt(entry.value, 10) : 0) + 1;
    if (Number.isNaN(next)) throw new Error(`值不是整数，无法自增：${key}`);
    this.put(key, { value: String(next), expiresAt: entry?.expiresAt ?? null });
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

  private put(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    this.write({ k: key, v: entry.value, e: entry.expiresAt });
  }

  private write(line: JournalLine): void {
    if (this.journal) appendFileSync(this.journal, `${JSON.stringify(line)}\n`);
  }

  /** Reads the journal (a torn last line from a crash is skipped), then rewrites it with the live entries only. */
  private replay(journal: string): void {
    if (existsSync(journal)) {
      for (const raw of readFileSync(journal, "utf8").split("\n")) {
        if (!raw) continue;
        let line: JournalLine;
        try {
          line = JSON.parse(raw) as JournalLine;
        } catch {
          continue;
        }
        if ("d" in line) this.entries.delete(line.k);
        else if (typeof line.k === "string" && typeof line.v === "string") this.entries.set(line.k, { value: line.v, expiresAt: line.e ?? null });
      }
    }
    const live = [...this.entries.keys()].flatMap((k) => {
      const e = this.live(k);
      return e ? [JSON.stringify({ k, v: e.value, e: e.expiresAt } satisfies JournalLine)] : [];
    });
    const tmp = `${journal}.tmp`;
    writeFileSync(tmp, live.length ? `${live.join("\n")}\n` : "");
    renameSync(tmp, journal);
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
