// Where the vectors are kept: the Embedding table (adapters/db/embedding-repository.ts) or,
// for unit tests, the in-memory twin below. Vectors of one model only are read at a time.

export type EmbeddingKind = "service" | "case";

export interface StoredVector {
  itemId: string;
  textHash: string;
  vector: Float32Array;
  updatedAt: Date;
}

export interface CaseText {
  id: string;
  story: string;
}

export interface EmbeddingStore {
  /** Vectors of this kind and model, those updated at or after `since` when given. */
  read(kind: EmbeddingKind, model: string, since?: Date): Promise<StoredVector[]>;
  /** Insert or replace (one row per kind and item; another model's row is replaced). */
  save(kind: EmbeddingKind, model: string, rows: { itemId: string; textHash: string; vector: Float32Array }[], at: Date): Promise<void>;
  /** Vectors of items no longer there (services that left the catalogue): removed. */
  removeExcept(kind: EmbeddingKind, keep: readonly string[]): Promise<number>;
  /** Cases that have no vector of this model yet, oldest first. */
  casesWithout(model: string, limit: number): Promise<CaseText[]>;
}

/** The in-memory twin; `cases` stands in for the Case table. */
export function memoryEmbeddingStore(cases: () => CaseText[] = () => []): EmbeddingStore {
  const rows = new Map<string, StoredVector & { kind: EmbeddingKind; model: string }>();
  return {
    async read(kind, model, since) {
      return [...rows.values()].filter((r) => r.kind === kind && r.model === model && (since === undefined || r.updatedAt >= since));
    },
    async save(kind, model, saved, at) {
      for (const r of saved) rows.set(`${kind}:${r.itemId}`, { ...r, kind, model, updatedAt: at });
    },
    async removeExcept(kind, keep) {
      let removed = 0;
      for (const [key, r] of rows) if (r.kind === kind && !keep.includes(r.itemId) && rows.delete(key)) removed++;
      return removed;
    },
    async casesWithout(model, limit) {
      return cases().filter((c) => rows.get(`case:${c.id}`)?.model !== model).slice(0, limit);
    },
  };
}
