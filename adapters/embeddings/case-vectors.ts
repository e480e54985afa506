/**
 * Vectors of case stories and the nearest cases to one (SimilarCaseFinder). Stories are masked
 * (queue/masking.ts) before they are embedded: phone and ID numbers say nothing about a dispute.
 * The process keeps the vectors of its model in memory and reads only rows written since its
 * last read; a case without a vector yet (filed a moment ago) is embedded when first asked about.
 */
import { maskText } from "../../queue/masking.js";
import type { SimilarCaseFinder } from "../../queue/ports.js";
import type { Embedder } from "./model.js";
import { textHash } from "./service-search.js";
import { nearest } from "./vectors.js";
import type { EmbeddingStore } from "./vector-store.js";

export interface CaseVectors extends SimilarCaseFinder {
  /** Embeds every case that has no vector of this model yet, `batch` at a time; returns how many. */
  indexNew(batch?: number): Promise<number>;
}

/** Rows written by another process just before our last read may commit just after it: read back this far. */
const OVERLAP_MS = 60_000;

export const caseText = (story: string): string => maskText(story.replace(/\s+/g, " ").trim());

export function createCaseVectors(deps: { embedder: Embedder; store: EmbeddingStore; now?: () => Date }): CaseVectors {
  const { embedder, store } = deps;
  const now = deps.now ?? (() => new Date());
  const cache = new Map<string, Float32Array>();
  let readUntil: Date | undefined;
  let reading: Promise<void> | undefined;

  async function refresh(): Promise<void> {
    const since = readUntil === undefined ? undefined : new Date(readUntil.getTime() - OVERLAP_MS);
    const startedAt = now();
    for (const r of await store.read("case", embedder.model, since)) cache.set(r.itemId, r.vector);
    readUntil = startedAt;
  }
  // Concurrent page views share one read.
  const refreshed = () => (reading ??= refresh().finally(() => { reading = undefined; }));

  async function embedAndSave(cases: { id: string; story: string }[]): Promise<void> {
    const texts = cases.map((c) => caseText(c.story));
    const vectors = await embedder.embedPassages(texts);
    await store.save("case", embedder.model, cases.map((c, i) => ({ itemId: c.id, textHash: textHash(texts[i]!), vector: vectors[i]! })), now());
    cases.forEach((c, i) => cache.set(c.id, vectors[i]!));
  }

  return {
    async near(c, limit) {
      await refreshed();
      if (!cache.has(c.id)) await embedAndSave([c]);
      return nearest(cache.get(c.id)!, cache, limit, (id) => id === c.id).map((n) => ({ caseId: n.id, similarity: n.similarity }));
    },
    async indexNew(batch = 64) {
      let total = 0;
      for (;;) {
        const todo = await store.casesWithout(embedder.model, batch);
        if (todo.length === 0) return total;
        await embedAndSave(todo);
        total += todo.length;
      }
    },
  };
}
