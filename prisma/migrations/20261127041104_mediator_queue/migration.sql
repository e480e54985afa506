-- CreateEnum
CREATE TYPE "RiskColor" AS ENUM ('red', 'orange', 'yellow', 'blue');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('intake', 'queued', 'claimed', 'mediating', 'resolved', 'referred', 'unresolved', 'follow_up', 'closed');

-- CreateEnum
CREATE TYPE "CaseChannel" AS ENUM ('telegram', 'webchat', 'terminal', 'hotline');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('operator', 'mediator', 'centre_director', 'township_secretary', 'political_legal_secretary', 'admin');

-- CreateEnum
CREATE TYPE "MessageAuthor" AS ENUM ('resident', 'bot', 'staff', 'operator');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('photo', 'document');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('filed', 'viewed', 'status_changed', 'claimed', 'released', 'reassigned', 'colour_changed', 'record_updated', 'progress_added', 'message_sent', 'resident_message', 'evidence_added', 'escalated');

-- CreateTable
CREATE TABLE "Staff" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "townshipId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseCounter" (
    "year" INTEGER NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "CaseCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "channel" "CaseChannel" NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'queued',
    "color" "RiskColor" NOT NULL,
    "domain" "Domain" NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "residentKey" TEXT NOT NULL,
    "residentName" TEXT,
    "residentPhone" TEXT,
    "preferredContact" TEXT NOT NULL DEFAULT 'channel',
    "language" TEXT NOT NULL DEFAULT 'zh',
    "story" TEXT NOT NULL,
    "triage" JSONB NOT NULL,
    "colorReasons" JSONB NOT NULL,
    "facts" JSONB NOT NULL,
    "services" JSONB NOT NULL,
    "townshipId" TEXT,
    "villageId" TEXT,
    "place" TEXT,
    "parties" JSONB NOT NULL,
    "ownerRole" "StaffRole" NOT NULL,
    "firstResponseDue" TIMESTAMP(3) NOT NULL,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" TIMESTAMP(3),
    "claimedById" TEXT,
    "claimedAt" TIMESTAMP(3),
    "filedById" TEXT,
    "leadLeader" TEXT,
    "mediationOrg" TEXT,
    "liaisonUnit" TEXT,
    "plan" TEXT,
    "briefing" TEXT,
    "outcome" TEXT,
    "satisfaction" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseMessage" (
    "id" BIGSERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "author" "MessageAuthor" NOT NULL,
    "staffId" TEXT,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvidence" (
    "id" BIGSERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "ref" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressEntry" (
    "id" BIGSERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAudit" (
    "id" BIGSERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "actorId" TEXT,
    "action" "AuditAction" NOT NULL,
    "detail" JSONB NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseAudit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Staff_username_key" ON "Staff"("username");

-- CreateIndex
CREATE UNIQUE INDEX "Case_number_key" ON "Case"("number");

-- CreateIndex
CREATE INDEX "Case_color_createdAt_idx" ON "Case"("color", "createdAt");

-- CreateIndex
CREATE INDEX "Case_status_color_createdAt_idx" ON "Case"("status", "color", "createdAt");

-- CreateIndex
CREATE INDEX "Case_townshipId_status_color_createdAt_idx" ON "Case"("townshipId", "status", "color", "createdAt");

-- CreateIndex
CREATE INDEX "Case_claimedById_status_idx" ON "Case"("claimedById", "status");

-- CreateIndex
CREATE INDEX "Case_residentKey_createdAt_idx" ON "Case"("residentKey", "createdAt");

-- CreateIndex
CREATE INDEX "Case_status_firstResponseDue_idx" ON "Case"("status", "firstResponseDue");

-- CreateIndex
CREATE INDEX "CaseMessage_caseId_at_idx" ON "CaseMessage"("caseId", "at");

-- CreateIndex
CREATE INDEX "CaseEvidence_caseId_idx" ON "CaseEvidence"("caseId");

-- CreateIndex
CREATE INDEX "ProgressEntry_caseId_at_idx" ON "ProgressEntry"("caseId", "at");

-- CreateIndex
CREATE INDEX "CaseAudit_caseId_at_idx" ON "CaseAudit"("caseId", "at");

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_claimedById_fkey" FOREIGN KEY ("claimedById") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMessage" ADD CONSTRAINT "CaseMessage_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvidence" ADD CONSTRAINT "CaseEvidence_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressEntry" ADD CONSTRAINT "ProgressEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAudit" ADD CONSTRAINT "CaseAudit_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The audit trail is append-only: updates and deletes of its rows do nothing.
CREATE RULE "CaseAudit_no_update" AS ON UPDATE TO "CaseAudit" DO INSTEAD NOTHING;
CREATE RULE "CaseAudit_no_delete" AS ON DELETE TO "CaseAudit" DO INSTEAD NOTHING;
