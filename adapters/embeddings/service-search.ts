/**
 * Hybrid service search: the catalogue's BM25 search (knowledge/search.ts) and the services
 * nearest in meaning (vectors of each service's name, description, keywords and examples),
 * fused by reciprocal rank (knowledge/rank-fusion.ts). `refine` does the same for a triage's
 * suggestions, with the offline service reader's own ranking as the leading list.
 */
import { createHash } from "node:crypto";
import { fuseRankings } from "../../knowledge/rank-fusion.js";
import type { SearchOptions, ServiceHit, ServiceSearch } from "../../knowledge/search.js";
import type { Knowledge, Service } from "../../knowledge/types.js";
import type { ServiceMatch, Triage } from "../../nlp/types.js";
import type { Embedder } from "./model.js";
import { nearest } from "./vectors.js";
import type { EmbeddingStore } from "./vector-store.js";

export interface HybridHit extends ServiceHit {
  /** Cosine similarity to the text, when the service was among the nearest in meaning. */
  similarity: number | undefined;
  /** Which searches found it: "keywords" (BM25), "meaning" (vectors). */
  via: ("keywords" | "meaning")[];
}

export interface HybridServiceSearch {
  search(text: string, opts?: SearchOptions): Promise<HybridHit[]>;
  /** The triage's service suggestions re-ranked with both searches (same count, one per category). */
  refine(text: string, triage: Triage): Promise<ServiceMatch[]>;
}

/** Each list contributes its first this many. */
const CANDIDATES = 20;
/** The offline reader's ranking counts twice: it was tuned on the held-out sets, the model was not. */
const OFFLINE_WEIGHT = 2;

export function serviceText(s: Service, k: Knowledge): string {
  const category = k.categoryById.get(s.categoryId)?.name.zh ?? "";
  return [`${s.name.zh}（${category}）`, s.description, s.keywords.join("、"), ...s.examples].filter(Boolean).join("\n");
}

export const textHash = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * Embeds the services whose text changed (or that have no vector of this model), drops the
 * vectors of services that left the catalogue, and returns every service's vector.
 */
export async function syncServiceVectors(
  k: Knowledge,
  embedder: Embedder,
  store: EmbeddingStore,
  now: () => Date = () => new Date(),
): Promise<{ vectors: Map<string, Float32Array>; embedded: number; kept: number; removed: number }> {
  const stored = new Map((await store.read("service", embedder.model)).map((r) => [r.itemId, r]));
  const texts = k.services.map((s) => ({ id: s.id, text: serviceText(s, k) }));
  const stale = texts.filter((t) => stored.get(t.id)?.textHash !== textHash(t.text));
  const vectors = new Map([...stored].map(([id, r]) => [id, r.vector]));
  if (stale.length > 0) {
    const made = await embedder.embedPassages(stale.map((t) => t.text));
    const rows = stale.map((t, i) => ({ itemId: t.id, textHash: textHash(t.text), vector: made[i]! }));
    await store.save("service", embedder.model, rows, now());
    for (const r of rows) vectors.set(r.itemId, r.vector);
  }
  const ids = k.services.map((s) => s.id);
  const removed = await store.removeExcept("service", ids);
  for (const id of vectors.keys()) if (!k.serviceById.has(id)) vectors.delete(id);
  return { vectors, embedded: stale.length, kept: texts.length - stale.length, removed };
}

export function createHybridServiceSearch(deps: { knowledge: Knowledge; bm25: ServiceSearch; embedder: Embedder; vectors: Map<string, Float32Array> }): HybridServiceSearch {
  const k = deps.knowledge;
  const outsideDomain = (opts: SearchOptions) => (id: string) => opts.domain !== undefined && !(k.serviceById.get(id)?.domains.includes(opts.domain) ?? false);

  async function meaning(text: string, opts: SearchOptions = {}) {
    const [query] = await deps.embedder.embedQueries([text]);
    return nearest(query!, deps.vectors, CANDIDATES, outsideDomain(opts));
  }

  return {
    async search(text, opts = {}) {
      const limit = opts.limit ?? 5;
      if (text.trim() === "") return [];
      const keywordHits = deps.bm25.search(text, { ...opts, limit: CANDIDATES });
      const near = await meaning(text, opts);
      const byId = new Map(keywordHits.map((h) => [h.service.id, h]));
      const similarity = new Map(near.map((n) => [n.id, n.similarity]));
      return fuseRankings([{ ids: keywordHits.map((h) => h.service.id) }, { ids: near.map((n) => n.id) }])
        .slice(0, limit)
        .flatMap((f) => {
          const service = k.serviceById.get(f.id);
          if (!service) return [];
          const via = f.from.map((i) => (i === 0 ? ("keywords" as const) : ("meaning" as const)));
          return [{ service, score: f.score, evidence: byId.get(f.id)?.evidence ?? [], similarity: similarity.get(f.id), via }];
        });
    },

    async refine(text, triage) {
      const offline = triage.services;
      if (offline.length === 0 || text.trim() === "") return offline;
      const keywordHits = deps.bm25.search(text, { limit: CANDIDATES });
      const near = await meaning(text);
      const fused = fuseRankings([
        { ids: offline.map((s) => s.id), weight: OFFLINE_WEIGHT },
        { ids: keywordHits.map((h) => h.service.id) },
        { ids: near.map((n) => n.id) },
      ]);
      // A red case keeps the route the offline reader chose (a crisis service first): the model may add, not reroute.
      if (triage.risk.color === "red") {
        const lead = fused.findIndex((f) => f.id === offline[0]!.id);
        fused.unshift(...fused.splice(lead, 1));
      }
      const offlineById = new Map(offline.map((s) => [s.id, s]));
      const evidenceOf = new Map(keywordHits.map((h) => [h.service.id, [...new Set(h.evidence.map((e) => e.term))]]));
      const categories = new Set<string>();
      const out: ServiceMatch[] = [];
      for (const f of fused) {
        const service = k.serviceById.get(f.id);
        if (!service || categories.has(service.categoryId)) continue;
        categories.add(service.categoryId);
        const score = Math.round(f.score * 10_000) / 10_000;
        const known = offlineById.get(f.id);
        out.push(known
          ? { ...known, score }
          : { id: service.id, name: service.name.zh, score, categoryId: service.categoryId, agencyIds: [...service.agencyIds], evidence: (evidenceOf.get(f.id) ?? []).slice(0, 6) });
        if (out.length === offline.length) break;
      }
      return out;
    },
  };
}
