// The PostgreSQL pool of a long-lived process: opened whole at start (a burst finds its connections
// ready), and the filing statement prepared once per connection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaCaseRepository } from "../../adapters/db/case-repository.js";
import { openDatabase, type Database } from "../../adapters/db/database.js";
import { caseRecordFor } from "../../queue/filing.js";
import { freshPostgres, skipPostgres, type TestDatabase } from "../support/services.js";
import { newCaseFixture, shippedColourRules } from "../support/queue-fixtures.js";

describe.skipIf(skipPostgres)("the PostgreSQL pool", () => {
  let t: TestDatabase & { url: string };
  const opened: Database[] = [];
  beforeAll(async () => {
    t = await freshPostgres();
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await t?.dispose();
  });

  const open = async (poolSize: number) => {
    const db = await openDatabase({ databaseUrl: t.url, dataDir: "unused", migrate: false, poolSize, keepPoolOpen: true });
    opened.push(db);
    return db;
  };
  const connectionsOf = async (db: Database) => {
    const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = '' AND backend_type = 'client backend'`,
    );
    return rows[0]!.n;
  };

  it("kept open: every connection is made while opening", async () => {
    const before = await connectionsOf(t.db);
    const db = await open(3);
    expect((await connectionsOf(db)) - before).toBe(3);
  });

  it("prepares the filing statement on the connection that runs it, and no other statement", async () => {
    const db = await open(1);
    const cases = createPrismaCaseRepository(db.prisma);
    const { record } = caseRecordFor({ ...newCaseFixture(), filingKey: "pool|prepared" }, { rules: shippedColourRules(), now: new Date() });
    const first = await cases.insert(record, { actorId: null, action: "filed", detail: {} });
    expect(await cases.insert(record, { actorId: null, action: "filed", detail: {} })).toEqual(first);
    await cases.find(first.number);
    const prepared = await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pg_prepared_statements ORDER BY name`);
    expect(prepared.map((p) => p.name)).toEqual(["yizhan_file_cases"]);
  });
});
