// Filing on real PostgreSQL without a county-wide lock: a burst of confirmations all succeed with
// distinct numbers, and the attempts of one filing (same filing key) make one case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseDeskFor } from "../../adapters/runtime/queue-runtime.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import type { CaseDesk } from "../../queue/case-desk.js";
import { nlp } from "../support/conversations.js";
import { newCaseFixture } from "../support/queue-fixtures.js";
import { freshPostgres, skipPostgres, type TestDatabase } from "../support/services.js";

describe.skipIf(skipPostgres)("filing a burst on PostgreSQL", () => {
  let t: TestDatabase;
  let desk: CaseDesk;

  beforeAll(async () => {
    t = await freshPostgres();
    desk = caseDeskFor({ db: t.db, store: new MemoryStore() }, nlp().knowledge);
  });
  afterAll(async () => t?.dispose());

  it("200 simultaneous confirmations: 200 cases, 0 errors, 200 distinct numbers", async () => {
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => desk.fileCase({ ...newCaseFixture({ residentKey: `webchat:burst${i}` }), filingKey: `webchat:burst${i}|t0` })));
    const failed = results.filter((r) => r.status === "rejected");
    expect(failed).toHaveLength(0);
    const numbers = results.map((r) => (r.status === "fulfilled" ? r.value.number : ""));
    expect(new Set(numbers).size).toBe(200);
    expect(await t.db.prisma.case.count()).toBe(200);
  });

  it("the attempts of one filing make one case, even when they race", async () => {
    const draft = { ...newCaseFixture({ residentKey: "webchat:twice" }), filingKey: "webchat:twice|2026-12-01T00:00:00.000Z" };
    const [a, b] = await Promise.all([desk.fileCase(draft), desk.fileCase(draft)]);
    const c = await desk.fileCase(draft);
    expect(new Set([a.number, b.number, c.number]).size).toBe(1);
    expect(await t.db.prisma.case.count({ where: { residentKey: "webchat:twice" } })).toBe(1);
  });
});
