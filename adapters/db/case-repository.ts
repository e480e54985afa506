// CaseRepository over Prisma (PostgreSQL or the embedded PGlite). The claim is one
// conditional UPDATE joined with its audit insert, so exactly one concurrent claimer wins.
// Filings that arrive together are written together, one statement per group (case-filing-sql.ts).
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "./generated/client.js";
import { batched, type BatchLimits } from "./batched.js";
import { fileCasesSql, type Filing } from "./case-filing-sql.js";
import type { EvidenceRef } from "../../queue/case-desk.js";
import type {
  AuditEntry,
  AuditInput,
  CaseDetail,
  CasePatch,
  CaseRecordInput,
  CaseRepository,
  CaseSummary,
  ClaimOutcome,
  OverdueCase,
  QueueQuery,
  UnreadableField,
} from "../../queue/ports.js";
import type { CaseStatus } from "../../queue/lifecycle.js";
import { headlineOf } from "../../queue/masking.js";
import type { Logger } from "../logger.js";
import {
  json,
  readAuditDetail,
  readFacts,
  readParties,
  readTriage,
  TRIAGE_VERSION,
  unreadableNotice,
  type StoredProblem,
  type StoredRead,
} from "./stored-json.js";

/** Prisma's error for a unique constraint (here: a filing key already used). */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Runs a write that carries a dedupe key: false when the key was used before (nothing written). */
async function onceByKey(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const summarySelect = {
  id: true,
  number: true,
  channel: true,
  status: true,
  color: true,
  domain: true,
  urgent: true,
  townshipId: true,
  ownerRole: true,
  claimedById: true,
  claimedBy: { select: { displayName: true } },
  escalationLevel: true,
  firstResponseDue: true,
  createdAt: true,
  story: true,
} satisfies Prisma.CaseSelect;

type SummaryRow = Prisma.CaseGetPayload<{ select: typeof summarySelect }>;

function toSummary(row: SummaryRow): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    channel: row.channel,
    status: row.status,
    color: row.color,
    domain: row.domain,
    urgent: row.urgent,
    townshipId: row.townshipId,
    ownerRole: row.ownerRole as CaseSummary["ownerRole"],
    claimedById: row.claimedById,
    claimedByName: row.claimedBy?.displayName ?? null,
    escalationLevel: row.escalationLevel,
    firstResponseDue: row.firstResponseDue,
    createdAt: row.createdAt,
    headline: headlineOf(row.story),
  };
}

function patchData(patch: CasePatch, at: Date): Prisma.CaseUncheckedUpdateManyInput {
  const data: Prisma.CaseUncheckedUpdateManyInput = { updatedAt: at };
  if (patch.claimedById !== undefined) data.claimedById = patch.claimedById;
  if (patch.claimedAt !== undefined) data.claimedAt = patch.claimedAt;
  if (patch.color !== undefined) data.color = patch.color;
  if (patch.ownerRole !== undefined) data.ownerRole = patch.ownerRole;
  if (patch.firstResponseDue !== undefined) data.firstResponseDue = patch.firstResponseDue;
  if (patch.escalationLevel !== undefined) data.escalationLevel = patch.escalationLevel;
  if (patch.escalatedAt !== undefined) data.escalatedAt = patch.escalatedAt;
  if (patch.outcome !== undefined) data.outcome = patch.outcome;
  if (patch.satisfaction !== undefined) data.satisfaction = patch.satisfaction;
  if (patch.closedAt !== undefined) data.closedAt = patch.closedAt;
  if (patch.sixOnes) {
    for (const [key, value] of Object.entries(patch.sixOnes)) {
      if (value !== undefined) (data as Record<string, unknown>)[key] = value;
    }
  }
  return data;
}

function auditRow(caseId: string, audit: AuditInput, at: Date): Prisma.CaseAuditUncheckedCreateInput {
  return { caseId, actorId: audit.actorId, action: audit.action, detail: json(audit.detail), at };
}

function listWhere(query: Omit<QueueQuery, "limit" | "offset">): Prisma.CaseWhereInput {
  const where: Prisma.CaseWhereInput = {};
  if (query.statuses?.length) where.status = { in: query.statuses };
  if (query.colors?.length) where.color = { in: query.colors };
  if (query.domain) where.domain = query.domain;
  if (query.townshipId !== undefined) where.townshipId = query.townshipId === "none" ? null : query.townshipId;
  if (query.claimedById) where.claimedById = query.claimedById;
  return where;
}

/** How many unreadable fields one process remembers having logged (then it starts over). */
const REPORTED_LIMIT = 10_000;

/** A burst of filings goes to the database in groups of up to 50, at most 4 statements at a time (batched.ts). */
const FILING_GROUPS: BatchLimits = { maxItems: 50, maxInFlight: 4 };

export function createPrismaCaseRepository(prisma: PrismaClient, opts: { logger?: Logger } = {}): CaseRepository {
  // Each unreadable field is logged once per process; staff see it on every read.
  const reported = new Set<string>();
  function report(problem: StoredProblem, where: { caseNumber?: string; caseId?: string; auditId?: string }): void {
    const key = `${where.caseNumber ?? where.caseId}:${problem.field}:${where.auditId ?? ""}`;
    if (reported.has(key)) return;
    if (reported.size >= REPORTED_LIMIT) reported.clear();
    reported.add(key);
    opts.logger?.warn(
      { ...where, field: problem.field, versionFound: problem.version, versionExpected: TRIAGE_VERSION, issues: problem.issues },
      "stored case JSON could not be read; staff are shown it as unreadable",
    );
  }

  /** The value, or null with the problem added to `unreadable` (and logged). */
  function readable<T>(caseNumber: string, read: StoredRead<T, UnreadableField["field"]>, unreadable: UnreadableField[]): T | null {
    if (read.ok) return read.value;
    report(read, { caseNumber });
    unreadable.push({ field: read.field, version: read.version, notice: unreadableNotice(read.field, read.version) });
    return null;
  }

  async function staffNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await prisma.staff.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  async function find(ref: string): Promise<CaseDetail | null> {
    const where = UUID.test(ref) ? { id: ref } : { number: ref.trim().toUpperCase() };
    const row = await prisma.case.findUnique({
      where,
      include: {
        claimedBy: { select: { displayName: true } },
        messages: { orderBy: { at: "asc" } },
        evidence: { orderBy: { at: "asc" } },
        progress: { orderBy: { at: "asc" } },
      },
    });
    if (!row) return null;
    const names = await staffNames([...row.progress.map((p) => p.staffId), ...row.messages.map((m) => m.staffId)]);
    const unreadable: UnreadableField[] = [];
    const triage = readable(row.number, readTriage(row.triage), unreadable);
    const facts = readable(row.number, readFacts(row.facts), unreadable);
    const parties = readable(row.number, readParties(row.parties), unreadable);
    return {
      ...toSummary(row),
      leadLeader: row.leadLeader,
      mediationOrg: row.mediationOrg,
      liaisonUnit: row.liaisonUnit,
      plan: row.plan,
      briefing: row.briefing,
      residentKey: row.residentKey,
      residentName: row.residentName,
      residentPhone: row.residentPhone,
      preferredContact: row.preferredContact === "phone" ? "phone" : "channel",
      language: row.language === "en" ? "en" : "zh",
      story: row.story,
      triage,
      facts,
      villageId: row.villageId,
      place: row.place,
      parties,
      unreadable,
      outcome: row.outcome,
      satisfaction: row.satisfaction,
      updatedAt: row.updatedAt,
      closedAt: row.closedAt,
      messages: row.messages.map((m) => ({
        author: m.author,
        staffName: m.staffId ? (names.get(m.staffId) ?? null) : null,
        text: m.text,
        at: m.at,
      })),
      evidence: row.evidence.map((e) => ({ kind: e.kind, ref: e.ref, name: e.name, at: e.at })),
      progress: row.progress.map((p) => ({ staffName: names.get(p.staffId) ?? "工作人员", text: p.text, at: p.at })),
    };
  }

  async function alreadyFiled(filingKey: string | null): Promise<{ id: string; number: string } | null> {
    if (!filingKey) return null;
    return prisma.case.findUnique({ where: { filingKey }, select: { id: true, number: true } });
  }

  /** Files a group in one statement; a filing whose key was already used answers with the case it made. */
  async function fileGroup(filings: Filing[]): Promise<{ id: string; number: string }[]> {
    const rows = await prisma.$queryRaw<{ id: string; number: string }[]>(fileCasesSql(filings, TRIAGE_VERSION));
    const inserted = new Map(rows.map((r) => [r.id, r]));
    return Promise.all(
      filings.map(async ({ id, record }) => {
        const filed = inserted.get(id) ?? (await alreadyFiled(record.filingKey));
        if (!filed) throw new Error(`filing ${record.filingKey ?? id} inserted nothing and has no case`);
        return filed;
      }),
    );
  }
  const fileOne = batched(fileGroup, FILING_GROUPS);

  return {
    insert: (record: CaseRecordInput, audit: AuditInput) => fileOne({ id: randomUUID(), record, audit }),

    async list(query: QueueQuery) {
      const rows = await prisma.case.findMany({
        where: listWhere(query),
        orderBy: [{ color: "asc" }, { createdAt: "asc" }],
        take: query.limit,
        skip: query.offset ?? 0,
        select: summarySelect,
      });
      return rows.map(toSummary);
    },

    count: (query) => prisma.case.count({ where: listWhere(query) }),

    find,

    async claim(id: string, staffId: string, at: Date): Promise<ClaimOutcome> {
      const won = await prisma.$queryRaw<{ caseId: string }[]>`
        WITH won AS (
          UPDATE "Case" SET "status" = 'claimed', "claimedById" = ${staffId}, "claimedAt" = ${at}, "updatedAt" = ${at}
          WHERE "id" = ${id} AND "status" = 'queued' AND "claimedById" IS NULL
          RETURNING "id"
        )
        INSERT INTO "CaseAudit" ("caseId", "actorId", "action", "detail", "at")
        SELECT "id", ${staffId}, 'claimed', '{}'::jsonb, ${at} FROM won
        RETURNING "caseId"`;
      if (won.length === 1) return { ok: true };
      const now = await prisma.case.findUnique({
        where: { id },
        select: { status: true, claimedBy: { select: { displayName: true } } },
      });
      return { ok: false, status: now?.status ?? "closed", claimedByName: now?.claimedBy?.displayName ?? null };
    },

    async move(id: string, from: CaseStatus, to: CaseStatus, patch: CasePatch, audit: AuditInput) {
      const at = new Date();
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.case.updateMany({ where: { id, status: from }, data: { ...patchData(patch, at), status: to } });
        if (count !== 1) return false;
        await tx.caseAudit.create({ data: auditRow(id, audit, at) });
        return true;
      });
    },

    async update(id: string, patch: CasePatch, audit: AuditInput) {
      const at = new Date();
      await prisma.$transaction([
        prisma.case.updateMany({ where: { id }, data: patchData(patch, at) }),
        prisma.caseAudit.create({ data: auditRow(id, audit, at) }),
      ]);
    },

    async updateContact(id, contact, audit) {
      const at = new Date();
      await prisma.$transaction([
        prisma.case.updateMany({
          where: { id },
          data: {
            ...(contact.place ? { place: contact.place.text, townshipId: contact.place.townshipId, villageId: contact.place.villageId } : {}),
            ...(contact.phone ? { residentPhone: contact.phone, preferredContact: "phone" } : {}),
            updatedAt: at,
          },
        }),
        prisma.caseAudit.create({ data: auditRow(id, audit, at) }),
      ]);
    },

    async addProgress(id: string, staffId: string, text: string, at: Date) {
      await prisma.$transaction([
        prisma.progressEntry.create({ data: { caseId: id, staffId, text, at } }),
        prisma.case.updateMany({ where: { id }, data: { updatedAt: at } }),
        prisma.caseAudit.create({ data: auditRow(id, { actorId: staffId, action: "progress_added", detail: { text } }, at) }),
      ]);
    },

    async addMessage(id, message, audit) {
      // A used dedupe key fails the message's insert and with it the whole batch: added once.
      return onceByKey(() =>
        prisma.$transaction([
          prisma.caseMessage.create({
            data: { caseId: id, author: message.author, staffId: message.staffId, text: message.text, at: message.at, dedupeKey: message.dedupeKey ?? null },
          }),
          prisma.case.updateMany({ where: { id }, data: { updatedAt: message.at } }),
          prisma.caseAudit.create({ data: auditRow(id, audit, message.at) }),
        ]),
      );
    },

    async addEvidence(id: string, evidence: EvidenceRef, audit: AuditInput, dedupeKey?: string) {
      return onceByKey(() =>
        prisma.$transaction([
          prisma.caseEvidence.create({ data: { caseId: id, kind: evidence.kind, ref: evidence.ref, name: evidence.name, at: evidence.at, dedupeKey: dedupeKey ?? null } }),
          prisma.caseAudit.create({ data: auditRow(id, audit, evidence.at) }),
        ]),
      );
    },

    async appendAudit(id: string, audit: AuditInput) {
      await prisma.caseAudit.create({ data: auditRow(id, audit, new Date()) });
    },

    async auditTrail(id: string): Promise<AuditEntry[]> {
      const rows = await prisma.caseAudit.findMany({ where: { caseId: id }, orderBy: { id: "asc" } });
      const names = await staffNames(rows.map((r) => r.actorId));
      return rows.map((r) => {
        const detail = readAuditDetail(r.detail);
        if (!detail.ok) report(detail, { caseId: id, auditId: String(r.id) });
        return {
          actorId: r.actorId,
          actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
          action: r.action,
          detail: detail.ok ? detail.value : {},
          at: r.at,
          ...(detail.ok ? {} : { unreadable: true as const }),
        };
      });
    },

    async overdue(now: Date, limit: number): Promise<OverdueCase[]> {
      return prisma.case.findMany({
        where: { status: "queued", claimedById: null, firstResponseDue: { lte: now } },
        orderBy: { firstResponseDue: "asc" },
        take: limit,
        select: { id: true, number: true, status: true, color: true, townshipId: true, firstResponseDue: true, escalationLevel: true },
      });
    },

    async escalate(id: string, fromLevel: number, patch: CasePatch, audit: AuditInput) {
      const at = new Date();
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.case.updateMany({
          where: { id, status: "queued", claimedById: null, escalationLevel: fromLevel },
          data: patchData(patch, at),
        });
        if (count !== 1) return false;
        await tx.caseAudit.create({ data: auditRow(id, audit, at) });
        return true;
      });
    },

    async latestForResident(residentKey: string, openOnly: boolean) {
      const row = await prisma.case.findFirst({
        where: { residentKey, ...(openOnly ? { status: { not: "closed" } } : {}) },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      return row ? find(row.id) : null;
    },
  };
}
