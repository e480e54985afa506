-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "filingKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Case_filingKey_key" ON "Case"("filingKey");
