/**
 * The embeddings reader: one object per process when EMBEDDINGS_MODEL_DIR is set. Nothing is
 * loaded when it is built; the model is loaded on first use (or by `warmUp`, which `serve`
 * calls in the background), so the start is as fast as without it. When the model cannot be
 * loaded, every answer falls back to the offline one and one log line says why.
 */
import type { Knowledge } from "../../knowledge/types.js";
import { createServiceSearch, type SearchOptions, type ServiceSearch } from "../../knowledge/search.js";
import type { SimilarCaseFinder } from "../../queue/ports.js";
import type { Logger } from "../logger.js";
import { createCaseVectors, type CaseVectors } from "./case-vectors.js";
import { loadEmbedder, type Embedder } from "./model.js";
import { createHybridServiceSearch, syncServiceVectors, type HybridHit, type HybridServiceSearch } from "./service-search.js";
import type { EmbeddingStore } from "./vector-store.js";

import type { ServiceRefiner } from "./refine.js";

export { withRefinedServices, type ServiceRefiner } from "./refine.js";

export interface IndexReport {
  model: string;
  dimensions: number;
  services: { embedded: number; kept: number; removed: number };
  cases: { embedded: number };
  ms: number;
}

export interface EmbeddingsReader {
  readonly modelDir: string;
  /** Loads the model and the service vectors now (serve starts this in the background). */
  warmUp(): Promise<void>;
  search(text: string, opts?: SearchOptions): Promise<HybridHit[]>;
  refineServices: ServiceRefiner;
  similarCases: SimilarCaseFinder;
  /** `yizhan embeddings index`: services whose text changed, then every case without a vector. */
  index(): Promise<IndexReport>;
  /** New cases only (the serve job). */
  indexNewCases(): Promise<number>;
}

export interface EmbeddingsReaderDeps {
  modelDir: string;
  knowledge: Knowledge;
  store: EmbeddingStore;
  logger?: Logger;
  /** Defaults to the catalogue's BM25 search (built on first use). */
  bm25?: ServiceSearch;
  /** For tests: how the model is loaded. */
  load?: (modelDir: string) => Promise<Embedder>;
}

interface Loaded {
  embedder: Embedder;
  services: HybridServiceSearch;
  cases: CaseVectors;
  sync: { embedded: number; kept: number; removed: number };
}

export function createEmbeddingsReader(deps: EmbeddingsReaderDeps): EmbeddingsReader {
  const load = deps.load ?? loadEmbedder;
  let loading: Promise<Loaded> | undefined;

  async function open(): Promise<Loaded> {
    const startedAt = Date.now();
    const embedder = await load(deps.modelDir);
    const { vectors, ...sync } = await syncServiceVectors(deps.knowledge, embedder, deps.store);
    const bm25 = deps.bm25 ?? createServiceSearch(deps.knowledge);
    deps.logger?.info({ model: embedder.model, dimensions: embedder.dimensions, services: sync, ms: Date.now() - startedAt }, "向量模型已加载");
    return { embedder, services: createHybridServiceSearch({ knowledge: deps.knowledge, bm25, embedder, vectors }), cases: createCaseVectors({ embedder, store: deps.store }), sync };
  }
  // A model that failed to load stays failed until the process restarts (a broken folder does not heal).
  const loaded = () => (loading ??= open());

  return {
    modelDir: deps.modelDir,
    warmUp: async () => { await loaded(); },
    search: async (text, opts) => (await loaded()).services.search(text, opts),
    refineServices: async (text, triage) => (await loaded()).services.refine(text, triage),
    similarCases: { near: async (c, limit) => (await loaded()).cases.near(c, limit) },
    async index() {
      const startedAt = Date.now();
      const l = await loaded();
      const cases = await l.cases.indexNew();
      return { model: l.embedder.model, dimensions: l.embedder.dimensions, services: l.sync, cases: { embedded: cases }, ms: Date.now() - startedAt };
    },
    indexNewCases: async () => (await loaded()).cases.indexNew(),
  };
}
