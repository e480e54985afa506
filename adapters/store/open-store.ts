import type { KeyValueStore } from "./key-value-store.js";
import { MemoryStore } from "./memory-store.js";
import { RedisStore, type RedisStoreOptions } from "./redis-store.js";

/**
 * The store named by the configuration: Redis when a URL is given, else memory — journaled to
 * `journal` when given (the embedded default, one process per data folder), so it survives restarts.
 */
export async function openStore(options: {
  redisUrl?: string | undefined;
  prefix?: string;
  journal?: string;
  onConnectionChange?: RedisStoreOptions["onConnectionChange"];
}): Promise<KeyValueStore> {
  if (!options.redisUrl) return new MemoryStore(Date.now, options.journal);
  const store = new RedisStore({
    url: options.redisUrl,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    ...(options.onConnectionChange ? { onConnectionChange: options.onConnectionChange } : {}),
  });
  try {
    await store.connect();
    await store.ping();
  } catch (error) {
    await store.close();
    throw new StoreUnavailableError(error);
  }
  return store;
}

export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
  constructor(override readonly cause: unknown) {
    super(`无法连接 Redis：${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
