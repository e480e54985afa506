// Redis implementation of the key-value port (ioredis). Publishing and subscribing
// need separate connections: a subscribed Redis connection accepts no other command.
import { Redis } from "ioredis";
import type { KeyValueStore, SetOptions, Unsubscribe } from "./key-value-store.js";

const COMPARE_AND_SET = `
local current = redis.call("GET", KEYS[1])
local expected = ARGV[1]
if (expected == "" and current ~= false) or (expected ~= "" and current ~= string.sub(expected, 2)) then
  return 0
end
if ARGV[3] ~= "" then
  redis.call("SET", KEYS[1], ARGV[2], "EX", ARGV[3])
else
  redis.call("SET", KEYS[1], ARGV[2])
end
return 1`;

export interface RedisStoreOptions {
  url: string;
  /** Prefix for every key and channel, so several deployments or test runs share one Redis. */
  prefix?: string;
  /**
   * Told once when the connection is lost and once when it is back (ioredis retries by itself).
   * Without it ioredis prints every failed reconnect to the console.
   */
  onConnectionChange?: (change: { up: false; error: Error } | { up: true }) => void;
}

export class RedisStore implements KeyValueStore {
  readonly kind = "redis" as const;
  private readonly client: Redis;
  private subscriber: Redis | undefined;
  private readonly listeners = new Map<string, Set<(message: string) => void>>();
  private readonly prefix: string;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.prefix ?? "yizhan:";
    this.client = new Redis(options.url, {
      keyPrefix: this.prefix,
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      connectTimeout: 5_000,
    });
    this.watch(this.client, options.onConnectionChange);
  }

  /** One report per outage, not one per reconnect attempt. */
  private watch(client: Redis, report: RedisStoreOptions["onConnectionChange"]): void {
    let down = false;
    client.on("error", (error: Error) => {
      if (down) return;
      down = true;
      report?.({ up: false, error });
    });
    client.on("ready", () => {
      if (!down) return;
      down = false;
      report?.({ up: true });
    });
  }

  /** Whether Redis keeps its data across a restart (RDB snapshots or the append-only file are on). */
  async persists(): Promise<boolean> {
    try {
      const save = (await this.client.config("GET", "save")) as string[];
      const aof = (await this.client.config("GET", "appendonly")) as string[];
      return (save[1] ?? "").trim() !== "" || aof[1] === "yes";
    } catch {
      return true; // CONFIG is disabled on some managed Redis services, which persist by default
    }
  }

  /** Connects now, so a wrong REDIS_URL fails at start rather than on first use. */
  async connect(): Promise<void> {
    await this.client.connect();
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(key);
  }

  async set(key: string, value: string, options?: SetOptions): Promise<void> {
    if (options?.ttlSeconds === undefined) await this.client.set(key, value);
    else await this.client.set(key, value, "EX", ttl(options.ttlSeconds));
  }

  async setIfAbsent(key: string, value: string, options?: SetOptions): Promise<boolean> {
    const result =
      options?.ttlSeconds === undefined
        ? await this.client.set(key, value, "NX")
        : await this.client.set(key, value, "EX", ttl(options.ttlSeconds), "NX");
    return result === "OK";
  }

  async compareAndSet(key: string, expected: string | null, value: string, options?: SetOptions): Promise<boolean> {
    // "" means "absent"; any present value is sent with a leading marker so that an
    // empty string value stays distinguishable from absence.
    const expectedArg = expected === null ? "" : `=${expected}`;
    const ttlArg = options?.ttlSeconds === undefined ? "" : String(ttl(options.ttlSeconds));
    const result = await this.client.eval(COMPARE_AND_SET, 1, key, expectedArg, value, ttlArg);
    return result === 1;
  }

  async delete(key: string): Promise<boolean> {
    return (await this.client.del(key)) > 0;
  }

  async increment(key: string): Promise<number> {
    return this.client.incr(key);
  }

  async ttlSeconds(key: string): Promise<number | null> {
    const seconds = await this.client.ttl(key);
    return seconds < 0 ? null : seconds;
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.client.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, listener: (message: string) => void): Promise<Unsubscribe> {
    const subscriber = await this.subscriberConnection();
    const fullChannel = this.prefix + channel;
    let set = this.listeners.get(fullChannel);
    if (!set) {
      set = new Set();
      this.listeners.set(fullChannel, set);
      await subscriber.subscribe(fullChannel);
    }
    set.add(listener);
    return async () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(fullChannel) === set) {
        this.listeners.delete(fullChannel);
        await subscriber.unsubscribe(fullChannel);
      }
    };
  }

  /** Removes every key matching a glob pattern (SCAN, never KEYS); for maintenance and tests. */
  async deleteByPattern(pattern: string): Promise<number> {
    let removed = 0;
    const stream = this.client.scanStream({ match: this.prefix + pattern, count: 500 });
    for await (const batch of stream as AsyncIterable<string[]>) {
      // SCAN returns full key names; the client would add the prefix again.
      const keys = batch.map((key) => key.slice(this.prefix.length));
      if (keys.length > 0) removed += await this.client.del(...keys);
    }
    return removed;
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.all([this.client.quit().catch(() => undefined), this.subscriber?.quit().catch(() => undefined)]);
  }

  private async subscriberConnection(): Promise<Redis> {
    if (!this.subscriber) {
      // keyPrefix does not apply to channels, hence the explicit prefix above.
      const subscriber = this.client.duplicate({ keyPrefix: "", lazyConnect: true });
      // Its losses are the main connection's too, reported there.
      subscriber.on("error", () => undefined);
      subscriber.on("message", (channel: string, message: string) => {
        for (const listener of this.listeners.get(channel) ?? []) listener(message);
      });
      await subscriber.connect();
      this.subscriber = subscriber;
    }
    return this.subscriber;
  }
}

function ttl(seconds: number): number {
  return Math.max(1, Math.ceil(seconds));
}
