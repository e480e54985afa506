/**
 * Service match: candidates from the knowledge search (knowledge/search.ts), re-ranked with the domain, the risk and the facts, with evidence.
 */
import type { Knowledge, Service } from "../knowledge/types.js";
import type { Classification } from "./classifier.js";
import type { Domain, Facts, RiskAssessment, ServiceMatch } from "./types.js";

/** The shape of `createServiceSearch(k).search` in knowledge/search.ts. */
export type ServiceSearchFn = (
  text: string,
  opts?: { limit?: number; domain?: Domain },
) => { service: Service; score: number; evidence: { term: string; field: string }[] }[];

/** Search cost grows with the query: the first clauses plus the classifier's evidence carry the request. */
export const MAX_QUERY_CHARS = 120;

function searchQuery(text: string, cls: Classification): string {
  if (text.length <= MAX_QUERY_CHARS) return text;
  return `${text.slice(0, MAX_QUERY_CHARS)} ${cls.evidence.join(" ")}`;
}

const CRISIS_SERVICE_PATTERN = /crisis|psycholog/;

/**
 * Top services for a triage: search candidates, then boosts for the predicted domain
 * (weighted by its probability), the domain's studio, and crisis help when self-harm is flagged.
 */
export function matchServices(
  k: Knowledge,
  search: ServiceSearchFn,
  text: string,
  cls: Classification,
  risk: RiskAssessment,
  facts: Facts,
  limit = 3,
): ServiceMatch[] {
  const candidates = search(searchQuery(text, cls), { limit: 20 });
  const probability = new Map(cls.candidates.map((c) => [c.domain, c.probability]));
  const studio = k.studioByDomain.get(cls.domain);
  const max = Math.max(1e-9, ...candidates.map((c) => c.score));
  const ranked = candidates.map((c) => {
    let score = c.score / max;
    const evidence = c.evidence.map((e) => e.term);
    const domainP = Math.max(0, ...c.service.domains.map((d) => probability.get(d) ?? 0));
    score += 0.6 * domainP;
    if (studio?.serviceIds.includes(c.service.id)) {
      score += 0.2;
      evidence.push(`${studio.name.zh}`);
    }
    if (c.service.domains.includes("other") && cls.domain !== "other") score -= 0.1;
    return { service: c.service, score, evidence };
  });
  if (risk.reasons.some((r) => r.criterion === "self_harm")) {
    const crisis = k.services.find((s) => CRISIS_SERVICE_PATTERN.test(s.id) && /crisis/.test(s.id)) ?? k.services.find((s) => CRISIS_SERVICE_PATTERN.test(s.id));
    if (crisis) {
      const existing = ranked.find((r) => r.service.id === crisis.id);
      if (existing) existing.score += 2;
      else ranked.push({ service: crisis, score: 2, evidence: [] });
      (existing ?? ranked[ranked.length - 1]!).evidence.unshift("轻生风险：优先心理危机干预");
    }
  }
  if (ranked.length === 0 && studio) {
    // Nothing matched: offer the studio's own services so the resident still gets a way in.
    for (const id of studio.serviceIds.slice(0, limit)) {
      const s = k.serviceById.get(id);
      if (s) ranked.push({ service: s, score: 0.1, evidence: [studio.name.zh] });
    }
  }
  void facts;
  return ranked
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((r) => ({
      id: r.service.id,
      name: r.service.name.zh,
      score: Math.round(r.score * 1000) / 1000,
      categoryId: r.service.categoryId,
      agencyIds: r.service.agencyIds,
      evidence: [...new Set(r.evidence)].slice(0, 6),
    }));
}
