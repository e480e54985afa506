// The statement that files cases: any number of them, each with its messages, evidence and first audit
// entry, in one INSERT (atomic, one round trip, one commit). Each case number comes from its year's
// sequence through next_case_sequence, which takes no row lock (a filing that fails leaves a gap).
import { Prisma } from "./generated/client.js";
import type { AuditInput, CaseRecordInput } from "../../queue/ports.js";
import { CASE_NUMBER_DIGITS, caseNumberHead } from "../../queue/case-number.js";

export interface Filing {
  /** The new case's id, chosen here so that the statement's answer can be matched to its filing. */
  id: string;
  record: CaseRecordInput;
  audit: AuditInput;
}

/** One filing as the statement reads it: a JSON object whose fields the SQL below takes apart. */
function filingJson(filing: Filing, triageVersion: number) {
  const { id, record, audit } = filing;
  const year = record.createdAt.getFullYear();
  return {
    id,
    year,
    numberHead: caseNumberHead(year),
    filingKey: record.filingKey,
    channel: record.channel,
    status: record.status,
    color: record.color,
    domain: record.domain,
    urgent: record.urgent,
    residentKey: record.residentKey,
    residentName: record.residentName,
    residentPhone: record.residentPhone,
    preferredContact: record.preferredContact,
    language: record.language,
    story: record.story,
    triage: { version: triageVersion, triage: record.triage },
    colorReasons: record.triage.risk.reasons,
    facts: record.facts,
    services: record.triage.services,
    townshipId: record.townshipId,
    villageId: record.villageId,
    place: record.place,
    parties: record.parties,
    ownerRole: record.ownerRole,
    firstResponseDue: record.firstResponseDue,
    filedById: record.filedById,
    briefing: record.briefing,
    createdAt: record.createdAt,
    messages: record.messages.map((m) => ({ author: m.author, text: m.text, at: m.at })),
    evidence: record.evidence.map((e) => ({ kind: e.kind, ref: e.ref, name: e.name, at: e.at })),
    audit: { actorId: audit.actorId, action: audit.action, detail: audit.detail },
  };
}

/**
 * Files `filings` in one statement; answers `{ id, number }` for each case it inserted. A filing whose
 * key is already used (by an earlier attempt, or by another filing of the same statement) inserts
 * nothing and is missing from the answer. Numbers are formatted as formatCaseNumber does: zeros up to
 * CASE_NUMBER_DIGITS, more digits kept. Dates travel as ISO strings in UTC, as Prisma stores them.
 */
export function fileCasesSql(filings: Filing[], triageVersion: number): Prisma.Sql {
  const input = JSON.stringify(filings.map((f) => filingJson(f, triageVersion)));
  // Prepared once per connection (prepared-statements.ts): the text must not change with the filings.
  return Prisma.sql`/* prepared: file_cases */
    WITH "input" AS (
      SELECT f.value AS v, f.n FROM jsonb_array_elements(${input}::jsonb) WITH ORDINALITY AS f(value, n)
    ), "numbered" AS (
      SELECT v, n, next_case_sequence((v->>'year')::integer)::text AS "sequence" FROM "input" ORDER BY n
    ), "filed" AS (
      INSERT INTO "Case" ("id", "number", "filingKey", "channel", "status", "color", "domain", "urgent",
        "residentKey", "residentName", "residentPhone", "preferredContact", "language", "story",
        "triage", "colorReasons", "facts", "services", "townshipId", "villageId", "place", "parties",
        "ownerRole", "firstResponseDue", "filedById", "briefing", "createdAt", "updatedAt")
      SELECT v->>'id', (v->>'numberHead') || lpad("sequence", greatest(${CASE_NUMBER_DIGITS}::integer, length("sequence")), '0'),
        v->>'filingKey', (v->>'channel')::"CaseChannel", (v->>'status')::"CaseStatus", (v->>'color')::"RiskColor",
        (v->>'domain')::"Domain", (v->>'urgent')::boolean,
        v->>'residentKey', v->>'residentName', v->>'residentPhone', v->>'preferredContact', v->>'language', v->>'story',
        v->'triage', v->'colorReasons', v->'facts', v->'services', v->>'townshipId', v->>'villageId', v->>'place', v->'parties',
        (v->>'ownerRole')::"StaffRole", (v->>'firstResponseDue')::timestamp(3), v->>'filedById', v->>'briefing',
        (v->>'createdAt')::timestamp(3), (v->>'createdAt')::timestamp(3)
      FROM "numbered" ORDER BY n
      ON CONFLICT ("filingKey") DO NOTHING
      RETURNING "id", "number"
    ), "messages" AS (
      INSERT INTO "CaseMessage" ("caseId", "author", "text", "at")
      SELECT "filed"."id", (m.value->>'author')::"MessageAuthor", m.value->>'text', (m.value->>'at')::timestamp(3)
      FROM "filed" JOIN "input" ON "input".v->>'id' = "filed"."id",
        jsonb_array_elements("input".v->'messages') WITH ORDINALITY AS m(value, n)
      ORDER BY "input".n, m.n
    ), "evidence" AS (
      INSERT INTO "CaseEvidence" ("caseId", "kind", "ref", "name", "at")
      SELECT "filed"."id", (e.value->>'kind')::"EvidenceKind", e.value->>'ref', e.value->>'name', (e.value->>'at')::timestamp(3)
      FROM "filed" JOIN "input" ON "input".v->>'id' = "filed"."id",
        jsonb_array_elements("input".v->'evidence') WITH ORDINALITY AS e(value, n)
      ORDER BY "input".n, e.n
    ), "audit" AS (
      INSERT INTO "CaseAudit" ("caseId", "actorId", "action", "detail", "at")
      SELECT "filed"."id", "input".v->'audit'->>'actorId', ("input".v->'audit'->>'action')::"AuditAction",
        "input".v->'audit'->'detail', ("input".v->>'createdAt')::timestamp(3)
      FROM "filed" JOIN "input" ON "input".v->>'id' = "filed"."id"
    )
    SELECT "id", "number" FROM "filed"`;
}
