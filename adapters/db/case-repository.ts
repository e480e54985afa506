// CaseRepository over Prisma (PostgreSQL or the embedded PGlite). The claim is one
// conditional UPDATE joined with its audit insert, so exactly one concurrent claimer wins.
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "./generated/client.js";
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
  Party,
  QueueQuery,
} from "../../queue/ports.js";
import type { Facts, Triage } from "../../nlp/types.js";
import type { CaseStatus } from "../../queue/lifecycle.js";
import { headlineOf } from "../../queue/masking.js";
import { CASE_NUMBER_DIGITS, caseNumberHead } from "../../queue/case-number.js";

/** Version of the triage JSON kept on a case (STYLE 3). */
const TRIAGE_VERSION = 1;

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

function json(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

function readTriage(value: Prisma.JsonValue): Triage {
  const stored = value as { version?: number; triage?: Triage } | null;
  // Another version: keep what the case needs to be worked, not a crash (STYLE 3).
  if (!stored || stored.version !== TRIAGE_VERSION || !stored.triage) {
    return {
      domain: "other",
      confidence: 0,
      unsure: true,
      candidates: [],
      risk: { color: "blue", reasons: [], owner: "mediator", ownerTitle: "调解员" },
      services: [],
      facts: { attempts: [] },
      masked: "",
      pii: [],
      domainEvidence: [],
    };
  }
  return stored.triage;
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

/**
 * One statement, so one round trip and one short transaction: the case number from the year's sequence
 * (next_case_sequence takes no row lock; a filing that fails leaves a gap), the case, its messages,
 * evidence and first audit entry. On a filing key already used it inserts nothing and returns no row.
 * The number is formatted here as formatCaseNumber does (zeros up to CASE_NUMBER_DIGITS, more digits kept).
 */
function insertCaseSql(id: string, record: CaseRecordInput, audit: AuditInput): Prisma.Sql {
  const at = record.createdAt;
  const year = at.getFullYear();
  const messages = JSON.stringify(record.messages.map((m) => ({ author: m.author, text: m.text, at: m.at })));
  const evidence = JSON.stringify(record.evidence.map((e) => ({ kind: e.kind, ref: e.ref, name: e.name, at: e.at })));
  // Prepared once per connection (prepared-statements.ts): the text must not change with the record.
  return Prisma.sql`/* prepared: file_case */
    WITH "sequence" AS (
      SELECT next_case_sequence(${year}::integer)::text AS "value"
    ), "filed" AS (
      INSERT INTO "Case" ("id", "number", "filingKey", "channel", "status", "color", "domain", "urgent",
        "residentKey", "residentName", "residentPhone", "preferredContact", "language", "story",
        "triage", "colorReasons", "facts", "services", "townshipId", "villageId", "place", "parties",
        "ownerRole", "firstResponseDue", "filedById", "briefing", "createdAt", "updatedAt")
      SELECT ${id}::text, ${caseNumberHead(year)} || lpad("value", greatest(${CASE_NUMBER_DIGITS}::integer, length("value")), '0'),
        ${record.filingKey}::text, ${record.channel}::"CaseChannel", ${record.status}::"CaseStatus", ${record.color}::"RiskColor",
        ${record.domain}::"Domain", ${record.urgent}::boolean,
        ${record.residentKey}::text, ${record.residentName}::text, ${record.residentPhone}::text, ${record.preferredContact}::text,
        ${record.language}::text, ${record.story}::text,
        ${JSON.stringify({ version: TRIAGE_VERSION, triage: record.triage })}::jsonb, ${JSON.stringify(record.triage.risk.reasons)}::jsonb,
        ${JSON.stringify(record.facts)}::jsonb, ${JSON.stringify(record.triage.services)}::jsonb,
        ${record.townshipId}::text, ${record.villageId}::text, ${record.place}::text, ${JSON.stringify(record.parties)}::jsonb,
        ${record.ownerRole}::"StaffRole", ${record.firstResponseDue}::timestamp(3), ${record.filedById}::text, ${record.briefing}::text,
        ${at}::timestamp(3), ${at}::timestamp(3)
      FROM "sequence"
      ON CONFLICT ("filingKey") DO NOTHING
      RETURNING "id", "number"
    ), "messages" AS (
      INSERT INTO "CaseMessage" ("caseId", "author", "text", "at")
      SELECT "filed"."id", (m.value->>'author')::"MessageAuthor", m.value->>'text', (m.value->>'at')::timestamp(3)
      FROM "filed", jsonb_array_elements(${messages}::jsonb) WITH ORDINALITY AS m(value, n)
      ORDER BY m.n
    ), "evidence" AS (
      INSERT INTO "CaseEvidence" ("caseId", "kind", "ref", "name", "at")
      SELECT "filed"."id", (e.value->>'kind')::"EvidenceKind", e.value->>'ref', e.value->>'name', (e.value->>'at')::timestamp(3)
      FROM "filed", jsonb_array_elements(${evidence}::jsonb) WITH ORDINALITY AS e(value, n)
      ORDER BY e.n
    ), "audit" AS (
      INSERT INTO "CaseAudit" ("caseId", "actorId", "action", "detail", "at")
      SELECT "filed"."id", ${audit.actorId}::text, ${audit.action}::"AuditAction", ${JSON.stringify(audit.detail)}::jsonb, ${at}::timestamp(3)
      FROM "filed"
    )
    SELECT "id", "number" FROM "filed"`;
}

export function createPrismaCaseRepository(prisma: PrismaClient): CaseRepository {
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
      triage: readTriage(row.triage),
      facts: row.facts as unknown as Facts,
      villageId: row.villageId,
      place: row.place,
      parties: row.parties as unknown as Party[],
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

  return {
    async insert(record: CaseRecordInput, audit: AuditInput) {
      const [created] = await prisma.$queryRaw<{ id: string; number: string }[]>(insertCaseSql(randomUUID(), record, audit));
      if (created) return created;
      // The filing key was used: an earlier attempt of this filing made the case (and this one left a gap).
      const filed = await alreadyFiled(record.filingKey);
      if (!filed) throw new Error(`filing ${record.filingKey} inserted nothing and has no case`);
      return filed;
    },

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

    async addProgress(id: string, staffId: string, text: string, at: Date) {
      await prisma.$transaction([
        prisma.progressEntry.create({ data: { caseId: id, staffId, text, at } }),
        prisma.case.updateMany({ where: { id }, data: { updatedAt: at } }),
        prisma.caseAudit.create({ data: auditRow(id, { actorId: staffId, action: "progress_added", detail: { text } }, at) }),
      ]);
    },

    async addMessage(id, message, audit) {
      await prisma.$transaction([
        prisma.caseMessage.create({
          data: { caseId: id, author: message.author, staffId: message.staffId, text: message.text, at: message.at },
        }),
        prisma.case.updateMany({ where: { id }, data: { updatedAt: message.at } }),
        prisma.caseAudit.create({ data: auditRow(id, audit, message.at) }),
      ]);
    },

    async addEvidence(id: string, evidence: EvidenceRef, audit: AuditInput) {
      await prisma.$transaction([
        prisma.caseEvidence.create({ data: { caseId: id, kind: evidence.kind, ref: evidence.ref, name: evidence.name, at: evidence.at } }),
        prisma.caseAudit.create({ data: auditRow(id, audit, evidence.at) }),
      ]);
    },

    async appendAudit(id: string, audit: AuditInput) {
      await prisma.caseAudit.create({ data: auditRow(id, audit, new Date()) });
    },

    async auditTrail(id: string): Promise<AuditEntry[]> {
      const rows = await prisma.caseAudit.findMany({ where: { caseId: id }, orderBy: { id: "asc" } });
      const names = await staffNames(rows.map((r) => r.actorId));
      return rows.map((r) => ({
        actorId: r.actorId,
        actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
        action: r.action,
        detail: (r.detail ?? {}) as Record<string, unknown>,
        at: r.at,
      }));
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
