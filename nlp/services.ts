/**
 * Service match: the category reader (a calibrated logistic regression over the front's
 * features, trained on the corpus and the catalogue's own phrases) picks the categories; within
 * them, services are ranked by the catalogue's reviewed keywords and names found in the text,
 * the domain's probability and the studio. Evidence is whole catalogue words, never fragments.
 */
import type { Knowledge, Service } from "../knowledge/types.js";
import type { Classification } from "./classifier.js";
import { linearModel, LinearModelSchema, type FeatureSpace, type LinearModel, type LinearModelData } from "./linear-model.js";
import type { FeatureMap } from "./text-features.js";
import type { RiskAssessment, ServiceMatch } from "./types.js";
import { wordAt } from "./word-at.js";

export type CategoryModel = LinearModel<string>;

export function categoryModel(data: unknown, k: Knowledge, space?: FeatureSpace): CategoryModel {
  const parsed = LinearModelSchema.parse(data) as LinearModelData;
  const unknown = parsed.classes.filter((c) => !k.categoryById.has(c));
  if (unknown.length > 0) throw new Error(`类别模型含有服务目录中没有的类别：${unknown.join("，")}（请重新运行 yizhan train）`);
  return linearModel<string>(parsed, space);
}

interface KeywordEntry {
  word: string;
  serviceIds: string[];
}

export interface ServiceMatcher {
  match(text: string, features: FeatureMap, cls: Classification, risk: RiskAssessment, limit?: number): ServiceMatch[];
  /** Calibrated category probabilities, best first. */
  categories(features: FeatureMap): { id: string; probability: number }[];
}

const CATEGORY_CANDIDATES = 3;
const NO_WORDS: readonly string[] = [];
const CRISIS_SERVICE = /crisis/;

/** Keywords and names of every service, by the UTF-16 code unit of their first character, longest first. */
function keywordIndex(k: Knowledge): Map<number, KeywordEntry[]> {
  const byWord = new Map<string, Set<string>>();
  for (const s of k.services) {
    for (const w of [...s.keywords, s.name.zh]) {
      const word = w.toLowerCase();
      if (word.length < 2) continue;
      const set = byWord.get(word) ?? new Set<string>();
      set.add(s.id);
      byWord.set(word, set);
    }
  }
  const index = new Map<number, KeywordEntry[]>();
  for (const [word, ids] of byWord) {
    const list = index.get(word.charCodeAt(0)) ?? [];
    list.push({ word, serviceIds: [...ids] });
    index.set(word.charCodeAt(0), list);
  }
  for (const list of index.values()) list.sort((a, b) => b.word.length - a.word.length);
  return index;
}

/** Catalogue words found in the text, per service (a longer word hides the shorter ones inside it). */
function keywordHits(text: string, index: Map<number, KeywordEntry[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let coveredUntil = -1;
  for (let i = 0; i < text.length; i++) {
    const entries = index.get(text.charCodeAt(i));
    if (!entries) continue;
    for (const e of entries) {
      if (!wordAt(text, i, e.word) || i + e.word.length <= coveredUntil) continue;
      coveredUntil = Math.max(coveredUntil, i + e.word.length);
      for (const id of e.serviceIds) {
        const words = out.get(id);
        if (words) words.push(e.word);
        else out.set(id, [e.word]);
      }
      break;
    }
  }
  return out;
}

export function createServiceMatcher(k: Knowledge, model: CategoryModel): ServiceMatcher {
  const index = keywordIndex(k);
  const servicesOf = new Map<string, Service[]>();
  for (const s of k.services) servicesOf.set(s.categoryId, [...(servicesOf.get(s.categoryId) ?? []), s]);
  const crisis = k.services.find((s) => CRISIS_SERVICE.test(s.id));
  // A studio's services as a set, looked up once per candidate service.
  const studioServices = new Map([...k.studioByDomain].map(([domain, st]) => [domain, new Set(st.serviceIds)]));

  const categories = (features: FeatureMap) =>
    model
      .predict(features)
      .map((probability, i) => ({ id: model.classes[i]!, probability }))
      .sort((a, b) => b.probability - a.probability);

  return {
    categories,
    match(text, features, cls, risk, limit = 3) {
      const cats = categories(features).slice(0, CATEGORY_CANDIDATES);
      const hits = keywordHits(text.toLowerCase(), index);
      const domainP = new Map(cls.candidates.map((c) => [c.domain, c.probability]));
      const studio = studioServices.get(cls.domain);
      const ranked: { service: Service; score: number; evidence: string[] }[] = [];
      for (const cat of cats) {
        const inCategory = servicesOf.get(cat.id) ?? [];
        for (const s of inCategory) {
          const words = hits.get(s.id) ?? NO_WORDS;
          const keywordScore = Math.min(1, words.reduce((a, w) => a + w.length, 0) / 6);
          let domainScore = 0;
          for (const d of s.domains) domainScore = Math.max(domainScore, domainP.get(d) ?? 0);
          let score = cat.probability + 0.35 * keywordScore + 0.1 * domainScore;
          const evidence = words.length > 0 ? [...new Set(words)] : [];
          if (studio?.has(s.id)) score += 0.05;
          // The first service of a category is its general entry: it leads when no word points elsewhere.
          if (words.length === 0 && inCategory[0] !== s) score -= 0.05;
          ranked.push({ service: s, score, evidence });
        }
      }
      if (crisis && risk.reasons.some((r) => r.criterion === "self_harm" && r.color === "red")) {
        const existing = ranked.find((r) => r.service.id === crisis.id);
        const entry = existing ?? { service: crisis, score: 0, evidence: [] };
        entry.score += 2;
        entry.evidence.unshift("轻生风险：优先心理危机干预");
        if (!existing) ranked.push(entry);
      }
      // The best service of each category, best first: three suggestions name three ways in.
      const categoriesShown = new Set<string>();
      return ranked
        .sort((a, b) => b.score - a.score)
        .filter((r) => {
          if (categoriesShown.has(r.service.categoryId)) return false;
          categoriesShown.add(r.service.categoryId);
          return true;
        })
        .slice(0, limit)
        .map((r) => ({
          id: r.service.id,
          name: r.service.name.zh,
          score: Math.round(r.score * 1000) / 1000,
          categoryId: r.service.categoryId,
          agencyIds: r.service.agencyIds,
          evidence: r.evidence.slice(0, 6),
        }));
    },
  };
}
