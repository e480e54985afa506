/**
 * Reciprocal rank fusion: several rankings of the same items become one, each item scoring
 * Σ weight / (k + rank). Ranks, not scores, are combined, so a BM25 score and a cosine
 * similarity never need to be put on one scale. k = 60 is the usual constant (Cormack et al., 2009).
 * @example fuseRankings([{ ids: ["a", "b"] }, { ids: ["b", "c"] }])[0]!.id // "b"
 */
export interface Ranking {
  /** Best first. */
  ids: readonly string[];
  weight?: number;
}

export interface FusedItem {
  id: string;
  score: number;
  /** Index of each ranking the item appears in (for evidence: which readers found it). */
  from: number[];
}

export const RRF_K = 60;

export function fuseRankings(rankings: readonly Ranking[], k = RRF_K): FusedItem[] {
  const fused = new Map<string, FusedItem & { first: number }>();
  rankings.forEach((ranking, which) => {
    const weight = ranking.weight ?? 1;
    ranking.ids.forEach((id, rank) => {
      const item = fused.get(id) ?? { id, score: 0, from: [], first: fused.size };
      if (item.from.includes(which)) return; // an id listed twice counts at its best rank
      item.score += weight / (k + rank + 1);
      item.from.push(which);
      fused.set(id, item);
    });
  });
  // Ties keep the order in which the rankings first named the items (the first ranking leads).
  return [...fused.values()].sort((a, b) => b.score - a.score || a.first - b.first).map(({ first: _first, ...item }) => item);
}
