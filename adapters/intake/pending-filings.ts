// The outbox of filings: residents whose case could not be filed yet (the database was down, a
// write failed). Their session keeps the story and stays at the filing stage; the runner retries
// each one (intake.retryPendingFilings) until the case exists, with no message from the resident.
// Kept in the key-value store so any process of the centre can finish what another one started.
import type { KeyValueStore } from "../store/key-value-store.js";
import { sameList, updateStored } from "../store/update-stored.js";

const MAX_CAS_TRIES = 20;

export class PendingFilings {
  constructor(
    private readonly store: KeyValueStore,
    private readonly key = "intake:pending-filings",
  ) {}

  async list(): Promise<string[]> {
    return parse(await this.store.get(this.key));
  }

  async add(residentKey: string): Promise<void> {
    await this.update((keys) => (keys.includes(residentKey) ? keys : [...keys, residentKey]));
  }

  async remove(residentKey: string): Promise<void> {
    await this.update((keys) => keys.filter((k) => k !== residentKey));
  }

  /** Compare-and-set on the whole list, so two processes never drop each other's entries. */
  private async update(change: (keys: string[]) => string[]): Promise<void> {
    await updateStored(this.store, this.key, "pending filings", MAX_CAS_TRIES, (raw) => {
      const before = parse(raw);
      const after = change(before);
      return { result: undefined, write: sameList(after, before) ? undefined : { value: JSON.stringify(after) } };
    });
  }
}

function parse(raw: string | null): string[] {
  if (raw === null) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((k): k is string => typeof k === "string") : [];
  } catch {
    return [];
  }
}
