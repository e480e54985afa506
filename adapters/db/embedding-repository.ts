// The Embedding table: vectors of the optional embeddings reader, as real[] (no pgvector needed),
// on PostgreSQL and the embedded PGlite alike.
import type { CaseText, EmbeddingStore } from "../embeddings/vector-store.js";
import type { PrismaClient } from "./generated/client.js";

export function createPrismaEmbeddingStore(prisma: PrismaClient): EmbeddingStore {
  return {
    async read(kind, model, since) {
      const rows = await prisma.embedding.findMany({
        where: { kind, model, ...(since ? { updatedAt: { gte: since } } : {}) },
        select: { itemId: true, textHash: true, vector: true, updatedAt: true },
      });
      return rows.map((r) => ({ itemId: r.itemId, textHash: r.textHash, vector: Float32Array.from(r.vector), updatedAt: r.updatedAt }));
    },
    async save(kind, model, rows, at) {
      if (rows.length === 0) return;
      // Replace in two statements (an upsert per row costs a round trip each: seconds for the catalogue on PGlite).
      await prisma.$transaction([
        prisma.embedding.deleteMany({ where: { kind, itemId: { in: rows.map((r) => r.itemId) } } }),
        prisma.embedding.createMany({ data: rows.map((r) => ({ kind, itemId: r.itemId, model, textHash: r.textHash, vector: Array.from(r.vector), updatedAt: at })) }),
      ]);
    },
    async removeExcept(kind, keep) {
      const removed = await prisma.embedding.deleteMany({ where: { kind, itemId: { notIn: [...keep] } } });
      return removed.count;
    },
    async casesWithout(model, limit) {
      return prisma.$queryRaw<CaseText[]>`
        SELECT c."id", c."story" FROM "Case" c
        LEFT JOIN "Embedding" e ON e."kind" = 'case' AND e."itemId" = c."id" AND e."model" = ${model}
        WHERE e."itemId" IS NULL
        ORDER BY c."createdAt", c."id"
        LIMIT ${limit}`;
    },
  };
}
