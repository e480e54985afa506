// The queue on the embedded default (PGlite): the same migration, claims, numbering and
// audit; the first start creates one admin with a random password, only once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaCaseRepository } from "../../adapters/db/case-repository.js";
import { createPrismaStaffRepository } from "../../adapters/db/staff-repository.js";
import { verifyPassword } from "../../adapters/http/auth/passwords.js";
import { ensureFirstAdmin } from "../../adapters/runtime/first-admin.js";
import { freshPglite, type TestDatabase } from "../support/services.js";
import { newCaseFixture, recordingService } from "../support/queue-fixtures.js";

describe("queue on PGlite", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshPglite();
  }, 60_000);
  afterAll(async () => t?.dispose());

  it("creates the first admin once, with a random password that logs in", async () => {
    const staff = createPrismaStaffRepository(t.db.prisma);
    expect(await ensureFirstAdmin(staff, false)).toBeNull();
    const first = await ensureFirstAdmin(staff, true);
    expect(first?.username).toBe("admin");
    expect(first?.password).toMatch(/^[A-Za-z0-9]{16}$/);
    const stored = await staff.findByUsername("admin");
    expect(stored?.role).toBe("admin");
    expect(await verifyPassword(stored!.passwordHash, first!.password)).toBe(true);
    expect(stored!.passwordHash).not.toContain(first!.password);
    expect(await ensureFirstAdmin(staff, true)).toBeNull();
  });

  it("files, lists most urgent first, claims once and keeps an append-only audit", async () => {
    const cases = createPrismaCaseRepository(t.db.prisma);
    const { service } = recordingService(cases);
    const staff = createPrismaStaffRepository(t.db.prisma);
    const m = await staff.create({ username: "m", displayName: "调解员甲", passwordHash: "x", role: "mediator", townshipId: null });
    const blue = await service.fileCase(newCaseFixture({ color: "blue" }));
    const red = await service.fileCase(newCaseFixture({ color: "red" }));
    expect(red.number).not.toBe(blue.number);
    const listed = await service.listQueue(m, {});
    expect(listed.ok && listed.value.map((c) => c.number)).toEqual([red.number, blue.number]);
    const [a, b] = await Promise.all([service.claim(m, red.id), service.claim(m, red.id)]);
    expect([a.ok, b.ok].filter(Boolean).length).toBeGreaterThanOrEqual(1);
    expect((await cases.auditTrail(red.id)).filter((x) => x.action === "claimed")).toHaveLength(1);
    expect(await t.db.prisma.$executeRawUnsafe(`DELETE FROM "CaseAudit"`)).toBe(0);
  });
});
