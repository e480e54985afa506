// Filing through the Prisma repository on both databases: one statement stores everything a case
// carries; a filing key makes a retry return the case it made; numbers count per year from the
// year's sequence, formatted as formatCaseNumber does, unique across processes, and a database
// migrated from the old counter goes on from where it stopped.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdminSql } from "../../adapters/db/admin-sql.js";
import { createPrismaCaseRepository } from "../../adapters/db/case-repository.js";
import { openDatabase, type Database } from "../../adapters/db/database.js";
import { applyMigrations, MIGRATIONS_DIR } from "../../adapters/db/migrations.js";
import { awaitedScriptsOnPglite, wholeScriptsOnPostgres } from "../../adapters/db/whole-scripts.js";
import { formatCaseNumber, parseCaseNumber } from "../../queue/case-number.js";
import { caseRecordFor } from "../../queue/filing.js";
import type { AuditInput, CaseRecordInput, CaseRepository } from "../../queue/ports.js";
import { freshPglite, freshPostgres, postgresUrl, skipPostgres, type TestDatabase } from "../support/services.js";
import { newCaseFixture, shippedColourRules } from "../support/queue-fixtures.js";

const AUDIT: AuditInput = { actorId: null, action: "filed", detail: { channel: "webchat", reasons: ["测试理由"] } };
/** The migration that replaced the counter row with sequences. */
const SEQUENCES_MIGRATION = "20261202010500_case_number_sequences";

/** A record filed in `year` (the number's year is the filing's), with a key unless `filingKey` is null. */
function recordIn(year: number, filingKey: string | null, extra: Partial<CaseRecordInput> = {}): CaseRecordInput {
  const { record } = caseRecordFor(newCaseFixture({ residentKey: `webchat:${filingKey ?? randomBytes(4).toString("hex")}` }), {
    rules: shippedColourRules(),
    now: new Date(year, 5, 1, 9, 30, 15, 123),
  });
  return { ...record, filingKey, ...extra };
}

const sequenceOf = (number: string) => parseCaseNumber(number)!.sequence;

function filingContract(label: string, open: () => Promise<TestDatabase>, skip = false) {
  describe.skipIf(skip)(`filing on ${label}`, () => {
    let t: TestDatabase;
    let cases: CaseRepository;
    beforeAll(async () => {
      t = await open();
      cases = createPrismaCaseRepository(t.db.prisma);
    });
    afterAll(async () => t?.dispose());

    it("stores the case with its messages, evidence and first audit entry", async () => {
      const at = new Date(2030, 2, 4, 8, 0, 0, 250);
      const record = recordIn(2030, "contract|all", {
        messages: [
          { author: "resident", text: "第一句", at },
          { author: "bot", text: "第二句", at },
          { author: "resident", text: "第三句；带分号", at: new Date(at.getTime() + 1) },
        ],
        evidence: [{ kind: "photo", ref: "ev/1.jpg", name: "现场照片.jpg", at }],
        parties: [{ role: "applicant", text: "张先生" }, { role: "respondent", text: "邻居", relation: "邻居" }],
        residentName: null,
        briefing: "《民法典》第二百八十八条",
      });
      const filed = await cases.insert(record, AUDIT);
      expect(filed.number).toBe(formatCaseNumber(2030, 1));
      const stored = await cases.find(filed.number);
      expect(stored).toMatchObject({
        id: filed.id,
        channel: record.channel,
        status: record.status,
        color: record.color,
        domain: record.domain,
        urgent: record.urgent,
        residentKey: record.residentKey,
        residentName: null,
        residentPhone: record.residentPhone,
        story: record.story,
        triage: record.triage,
        facts: record.facts,
        parties: record.parties,
        ownerRole: record.ownerRole,
        briefing: record.briefing,
        createdAt: record.createdAt,
        updatedAt: record.createdAt,
        firstResponseDue: record.firstResponseDue,
      });
      expect(stored?.messages.map((m) => [m.author, m.text, m.at])).toEqual(record.messages.map((m) => [m.author, m.text, m.at]));
      expect(stored?.evidence).toEqual(record.evidence);
      const trail = await cases.auditTrail(filed.id);
      expect(trail).toEqual([{ actorId: null, actorName: null, action: "filed", detail: AUDIT.detail, at: record.createdAt }]);
    });

    it("a retry with the same filing key returns the case it made, and adds nothing", async () => {
      const record = recordIn(2030, "contract|retry");
      const first = await cases.insert(record, AUDIT);
      const again = await cases.insert({ ...record, story: "第二次提交" }, AUDIT);
      const [raced1, raced2] = await Promise.all([cases.insert(record, AUDIT), cases.insert(record, AUDIT)]);
      expect([again, raced1, raced2]).toEqual([first, first, first]);
      const stored = await cases.find(first.id);
      expect(stored?.story).toBe(record.story);
      expect(stored?.messages).toHaveLength(record.messages.length);
      expect(await cases.auditTrail(first.id)).toHaveLength(1);
    });

    it("filings made at once are written together, each case with its own messages and audit", async () => {
      const records = Array.from({ length: 12 }, (_, i) =>
        recordIn(2030, `contract|group${i}`, { story: `第${i}件`, messages: [{ author: "resident", text: `第${i}件的话`, at: new Date(2030, 0, 1, 0, 0, i) }] }),
      );
      const filed = await Promise.all(records.map((r) => cases.insert(r, { ...AUDIT, detail: { index: records.indexOf(r) } })));
      expect(new Set(filed.map((f) => f.number)).size).toBe(12);
      for (const [i, f] of filed.entries()) {
        const stored = await cases.find(f.id);
        expect(stored?.story).toBe(`第${i}件`);
        expect(stored?.messages.map((m) => m.text)).toEqual([`第${i}件的话`]);
        expect((await cases.auditTrail(f.id)).map((a) => a.detail)).toEqual([{ index: i }]);
      }
    });

    // More filings at once than writers, so that they go in groups (several per statement).
    it("one filing the database refuses fails alone; the others written with it are kept", async () => {
      const records = Array.from({ length: 11 }, (_, i) =>
        i === 5 ? recordIn(2030, "contract|bad", { domain: "no-such-domain" as CaseRecordInput["domain"] }) : recordIn(2030, `contract|ok${i}`),
      );
      const settled = await Promise.allSettled(records.map((r) => cases.insert(r, AUDIT)));
      expect(settled.map((s) => s.status)).toEqual(records.map((_, i) => (i === 5 ? "rejected" : "fulfilled")));
      expect(String((settled[5] as PromiseRejectedResult).reason)).toMatch(/no-such-domain/);
      expect(await t.db.prisma.case.count({ where: { filingKey: { startsWith: "contract|ok" } } })).toBe(10);
      expect(await t.db.prisma.case.count({ where: { filingKey: "contract|bad" } })).toBe(0);
    });

    it("the same filing many times at once, never filed before, makes one case", async () => {
      const record = recordIn(2030, "contract|twice");
      const filed = await Promise.all(Array.from({ length: 9 }, () => cases.insert(record, AUDIT)));
      expect(new Set(filed.map((f) => f.id)).size).toBe(1);
      expect(new Set(filed.map((f) => f.number)).size).toBe(1);
      expect(await t.db.prisma.case.count({ where: { filingKey: "contract|twice" } })).toBe(1);
      expect(await cases.auditTrail(filed[0]!.id)).toHaveLength(1);
    });

    it("filings without a key are each a case of their own", async () => {
      const a = await cases.insert(recordIn(2030, null), AUDIT);
      const b = await cases.insert(recordIn(2030, null), AUDIT);
      expect(a.id).not.toBe(b.id);
      expect(sequenceOf(b.number)).toBeGreaterThan(sequenceOf(a.number));
    });

    it("counts each year on its own, and keeps every digit past 999999 as formatCaseNumber does", async () => {
      expect((await cases.insert(recordIn(2031, "contract|2031a"), AUDIT)).number).toBe(formatCaseNumber(2031, 1));
      expect((await cases.insert(recordIn(2032, "contract|2032a"), AUDIT)).number).toBe(formatCaseNumber(2032, 1));
      await t.db.prisma.$queryRawUnsafe(`SELECT setval('"CaseNumber_2031"', 999999)::text AS "value"`);
      expect((await cases.insert(recordIn(2031, "contract|2031b"), AUDIT)).number).toBe(formatCaseNumber(2031, 1_000_000));
      expect((await cases.insert(recordIn(2032, "contract|2032b"), AUDIT)).number).toBe(formatCaseNumber(2032, 2));
    });
  });
}

filingContract("PGlite", () => freshPglite());
filingContract("PostgreSQL", () => freshPostgres(), skipPostgres);

describe.skipIf(skipPostgres)("filing from two processes' pools on PostgreSQL", () => {
  let t: TestDatabase & { url: string };
  let other: Database;
  beforeAll(async () => {
    t = await freshPostgres();
    // A second client with its own connection pool on the same database, as a second process has.
    other = await openDatabase({ databaseUrl: t.url, dataDir: "unused", migrate: false });
  });
  afterAll(async () => {
    await other?.close();
    await t?.dispose();
  });

  it("a burst from both, in a year not yet counted: every filing gets a number, none twice, none skipped", async () => {
    const one = createPrismaCaseRepository(t.db.prisma);
    const two = createPrismaCaseRepository(other.prisma);
    const filed = await Promise.all(
      Array.from({ length: 100 }, (_, i) => [one.insert(recordIn(2040, `two|a${i}`), AUDIT), two.insert(recordIn(2040, `two|b${i}`), AUDIT)]).flat(),
    );
    const sequences = filed.map((f) => sequenceOf(f.number)).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it("one after the other, alternating between them, numbers only increase", async () => {
    const repos = [createPrismaCaseRepository(t.db.prisma), createPrismaCaseRepository(other.prisma)];
    const numbers: number[] = [];
    for (let i = 0; i < 10; i++) numbers.push(sequenceOf((await repos[i % 2]!.insert(recordIn(2041, `alt|${i}`), AUDIT)).number));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(10);
  });
});

/** The migrations folder as it was before the sequences (the old CaseCounter row still in use). */
async function migrationsBeforeSequences(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "yizhan-old-migrations-"));
  await cp(MIGRATIONS_DIR, dir, { recursive: true, filter: (source) => !source.includes(SEQUENCES_MIGRATION) });
  return dir;
}

describe("a database numbered by the old counter, migrated", () => {
  it("on PGlite goes on from where each year's counter stopped", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "yizhan-pglite-counter-"));
    const old = await migrationsBeforeSequences();
    try {
      const pglite = await PGlite.create(join(dataDir, "pgdata"));
      await applyMigrations(awaitedScriptsOnPglite(new PrismaPGlite(pglite), pglite), old);
      await pglite.exec(`INSERT INTO "CaseCounter" ("year", "value") VALUES (2026, 41), (2025, 7)`);
      await pglite.close();
      const db = await openDatabase({ dataDir });
      try {
        expect(db.appliedMigrations).toEqual([SEQUENCES_MIGRATION]);
        const cases = createPrismaCaseRepository(db.prisma);
        expect((await cases.insert(recordIn(2026, "old|2026"), AUDIT)).number).toBe(formatCaseNumber(2026, 42));
        expect((await cases.insert(recordIn(2025, "old|2025"), AUDIT)).number).toBe(formatCaseNumber(2025, 8));
        expect((await cases.insert(recordIn(2027, "old|2027"), AUDIT)).number).toBe(formatCaseNumber(2027, 1));
      } finally {
        await db.close();
      }
    } finally {
      await rm(old, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it.skipIf(skipPostgres)("on PostgreSQL goes on from where each year's counter stopped", async () => {
    const name = `yizhan_t_counter_${randomBytes(4).toString("hex")}`;
    await runAdminSql(postgresUrl!, `CREATE DATABASE ${name}`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    const old = await migrationsBeforeSequences();
    try {
      const factory = new PrismaPg({ connectionString: url.toString() });
      await applyMigrations(wholeScriptsOnPostgres(factory), old);
      const adapter = await factory.connect();
      await adapter.executeRaw({ sql: `INSERT INTO "CaseCounter" ("year", "value") VALUES (2026, 41)`, args: [], argTypes: [] });
      await adapter.dispose();
      const db = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused" });
      try {
        expect(db.appliedMigrations).toEqual([SEQUENCES_MIGRATION]);
        const cases = createPrismaCaseRepository(db.prisma);
        expect((await cases.insert(recordIn(2026, "old|2026"), AUDIT)).number).toBe(formatCaseNumber(2026, 42));
      } finally {
        await db.close();
      }
    } finally {
      await rm(old, { recursive: true, force: true });
      await runAdminSql(postgresUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
