/** Ranked service search over the catalogue: jieba tokens → MiniSearch (BM25+) → hits with evidence. */
import MiniSearch from "minisearch";
import { createSegmenter, type Segmenter } from "../nlp/segment.js";
import { isContentToken } from "./stopwords.js";
import { catalogueTerms } from "./terms.js";
import type { Domain, Knowledge, Service } from "./types.js";

export type EvidenceField = "name" | "description" | "examples" | "category" | "keywords";
export interface ServiceHit {
  service: Service;
  score: number;
  /** Words of the resident's text that matched, and in which part of the service. */
  evidence: { term: string; field: EvidenceField }[];
}
export interface SearchOptions { limit?: number; domain?: Domain }
export interface ServiceSearch {
  search(text: string, opts?: SearchOptions): ServiceHit[];
  /** The content tokens the search would use for `text` (for debugging and tests). */
  tokens(text: string): string[];
}

interface Doc { id: string; name: string; category: string; description: string; examples: string; keywords: string }

const FIELDS: readonly EvidenceField[] = ["name", "keywords", "examples", "description", "category"];
/** Keywords are reviewed colloquial words and names are short: they weigh most. */
const BOOST: Record<EvidenceField, number> = { name: 2, keywords: 3, examples: 1.2, description: 1, category: 1.5 };
const FIELD_ORDER: Record<EvidenceField, number> = { keywords: 0, name: 1, examples: 2, description: 3, category: 4 };

/**
 * Build the search index (about 50 ms for 188 services; the segmenter takes ~0.2 s if not given).
 * @example createServiceSearch(k).search("楼上天天半夜蹦迪")[0]?.service.id // "neighbour.noise"
 */
export function createServiceSearch(k: Knowledge, segmenter?: Segmenter): ServiceSearch {
  const seg = segmenter ?? createSegmenter(catalogueTerms(k));
  const tokenize = (text: string): string[] => seg.cutForSearch(text.normalize("NFKC").toLowerCase()).filter(isContentToken);
  const index = new MiniSearch<Doc>({
    fields: [...FIELDS],
    idField: "id",
    tokenize,
    processTerm: (t) => t,
    // Queries arrive already segmented (one jieba pass per search), joined by spaces.
    searchOptions: { boost: BOOST, combineWith: "OR", tokenize: (q) => q.split(" "), processTerm: (t) => t },
  });
  index.addAll(k.services.map((s) => ({
    id: s.id,
    name: s.name.zh,
    category: k.categoryById.get(s.categoryId)?.name.zh ?? "",
    description: s.description,
    examples: s.examples.join("\n"),
    keywords: s.keywords.join(" "),
  })));

  return {
    tokens: (text) => [...new Set(tokenize(text))],
    search(text, opts = {}) {
      const limit = opts.limit ?? 5;
      const terms = [...new Set(tokenize(text))];
      if (terms.length === 0) return [];
      const domain = opts.domain;
      const results = index.search(terms.join(" "), domain === undefined ? {} : {
        filter: (r) => k.serviceById.get(String(r.id))?.domains.includes(domain) ?? false,
      });
      const hits: ServiceHit[] = [];
      for (const r of results.slice(0, limit)) {
        const service = k.serviceById.get(String(r.id));
        if (service === undefined) continue;
        const evidence: ServiceHit["evidence"] = [];
        for (const [term, fields] of Object.entries(r.match)) {
          for (const f of fields) evidence.push({ term, field: f as EvidenceField });
        }
        evidence.sort((a, b) => FIELD_ORDER[a.field] - FIELD_ORDER[b.field] || b.term.length - a.term.length);
        hits.push({ service, score: r.score, evidence });
      }
      return hits;
    },
  };
}
