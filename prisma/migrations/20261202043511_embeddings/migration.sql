-- CreateEnum
CREATE TYPE "EmbeddingKind" AS ENUM ('service', 'case');

-- CreateTable
CREATE TABLE "Embedding" (
    "kind" "EmbeddingKind" NOT NULL,
    "itemId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "vector" REAL[],
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Embedding_pkey" PRIMARY KEY ("kind","itemId")
);

-- CreateIndex
CREATE INDEX "Embedding_kind_model_idx" ON "Embedding"("kind", "model");
