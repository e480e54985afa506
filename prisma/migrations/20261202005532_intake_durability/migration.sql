-- AlterTable
ALTER TABLE "CaseEvidence" ADD COLUMN     "dedupeKey" TEXT;

-- AlterTable
ALTER TABLE "CaseMessage" ADD COLUMN     "dedupeKey" TEXT;

-- CreateTable
CREATE TABLE "IntakeSessionBackup" (
    "residentKey" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntakeSessionBackup_pkey" PRIMARY KEY ("residentKey")
);

-- CreateIndex
CREATE INDEX "IntakeSessionBackup_stage_idx" ON "IntakeSessionBackup"("stage");

-- CreateIndex
CREATE INDEX "IntakeSessionBackup_expiresAt_idx" ON "IntakeSessionBackup"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseEvidence_dedupeKey_key" ON "CaseEvidence"("dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "CaseMessage_dedupeKey_key" ON "CaseMessage"("dedupeKey");
