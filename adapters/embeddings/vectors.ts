// Nearest vectors by cosine similarity. Vectors are unit length (the model normalises), so
// the cosine is the dot product. Brute force: 188 services and tens of thousands of cases
// take milliseconds, and pgvector is not needed.

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) sum += a[i]! * b[i]!;
  return sum;
}

export interface Near {
  id: string;
  similarity: number;
}

/** The `limit` nearest of `vectors` to `query`, nearest first (ties by id, so the order is stable). */
export function nearest(query: Float32Array, vectors: Iterable<[string, Float32Array]>, limit: number, skip?: (id: string) => boolean): Near[] {
  const best: Near[] = [];
  for (const [id, v] of vectors) {
    if (skip?.(id)) continue;
    const similarity = dot(query, v);
    if (best.length === limit && similarity <= best[best.length - 1]!.similarity) continue;
    best.push({ id, similarity });
    best.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1));
    if (best.length > limit) best.pop();
  }
  return best;
}
