/**
 * One optimistic update of a stored value, shared by every list the intake keeps in the key-value
 * store (the inbox, its index, the filings outbox, the open staff alerts): read, decide, write only
 * if nobody wrote meanwhile, and on a conflict decide again on what the other process wrote. Two
 * processes therefore never drop each other's entries, and nothing is overwritten blindly.
 */
import type { KeyValueStore, SetOptions } from "./key-value-store.js";

/** What one attempt decided: the caller's result, and the text to store (none: leave it as it is). */
export interface StoredChange<T> {
  result: T;
  write?: { value: string; options?: SetOptions };
}

export class TooManyConcurrentUpdates extends Error {
  constructor(readonly what: string, readonly tries: number) {
    super(`${what}: too many concurrent updates (${tries} tries)`);
    this.name = "TooManyConcurrentUpdates";
  }
}

/**
 * @example await updateStored(store, "intake:pending-filings", "pending filings", 20, (raw) => ({ result: undefined, write: { value: "[]" } }))
 */
export async function updateStored<T>(
  store: KeyValueStore,
  key: string,
  what: string,
  tries: number,
  decide: (raw: string | null) => StoredChange<T> | Promise<StoredChange<T>>,
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const raw = await store.get(key);
    const { result, write } = await decide(raw);
    if (!write) return result;
    if (await store.compareAndSet(key, raw, write.value, write.options)) return result;
  }
  throw new TooManyConcurrentUpdates(what, tries);
}

/** True when two lists hold the same strings in the same order (so there is nothing to write). */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
