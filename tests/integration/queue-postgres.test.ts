// The queue on real PostgreSQL: atomic claims, the life cycle, jurisdiction, audit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaCaseRepository } from "../../adapters/db/case-repository.js";
import { createPrismaStaffRepository } from "../../adapters/db/staff-repository.js";
import type { Actor } from "../../queue/access.js";
import type { CaseRepository, StaffRepository } from "../../queue/ports.js";
import { freshPostgres, skipPostgres, type TestDatabase } from "../support/services.js";
import { expectCrisisDeskCalls, MATIGOU, MIAOJIAPING, newCaseFixture, recordingService } from "../support/queue-fixtures.js";

describe.skipIf(skipPostgres)("queue on PostgreSQL", () => {
  let t: TestDatabase;
  let cases: CaseRepository;
  let staff: StaffRepository;
  let svc: ReturnType<typeof recordingService>;

  const actor = async (username: string, role: Actor["role"], townshipId: string | null = null): Promise<Actor> => {
    const s = await staff.create({ username, displayName: `员工${username}`, passwordHash: "unused", role, townshipId });
    return { id: s.id, role: s.role, displayName: s.displayName, townshipId: s.townshipId };
  };

  beforeAll(async () => {
    t = await freshPostgres();
    cases = createPrismaCaseRepository(t.db.prisma);
    staff = createPrismaStaffRepository(t.db.prisma);
    svc = recordingService(cases);
  });
  afterAll(async () => t?.dispose());

  it("sets the place and phone given in a crisis on the case, and keeps bot replies once", async () => {
    await expectCrisisDeskCalls(cases, expect);
  });

  it("numbers cases per year without gaps or duplicates under concurrency", async () => {
    const filed = await Promise.all(Array.from({ length: 20 }, (_, i) => svc.service.fileCase(newCaseFixture({ residentKey: `webchat:n${i}` }))));
    const numbers = filed.map((f) => f.number);
    expect(new Set(numbers).size).toBe(20);
    const year = new Date().getFullYear();
    const seqs = numbers.map((n) => Number(n.split("-")[2])).sort((a, b) => a - b);
    expect(numbers.every((n) => n.startsWith(`ZZ-${year}-`))).toBe(true);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => seqs[0]! + i));
  });

  it("50 concurrent claims of one case: exactly one winner, the others told who has it", async () => {
    const filed = await svc.service.fileCase(newCaseFixture({ color: "orange", township: MIAOJIAPING }));
    const mediators = await Promise.all(Array.from({ length: 50 }, (_, i) => actor(`claimer${i}`, "mediator")));
    const results = await Promise.all(mediators.map((m) => svc.service.claim(m, filed.id)));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const winnerIndex = results.findIndex((r) => r.ok);
    const winnerName = mediators[winnerIndex]!.displayName;
    for (const r of results.filter((x) => !x.ok)) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toBe("conflict");
        expect(r.message).toBe(`该案件已被${winnerName}认领。`);
      }
    }
    const stored = await cases.find(filed.id);
    expect(stored?.status).toBe("claimed");
    expect(stored?.claimedById).toBe(mediators[winnerIndex]!.id);
    const claims = (await cases.auditTrail(filed.id)).filter((a) => a.action === "claimed");
    expect(claims).toHaveLength(1);
  });

  it("the repository's conditional update alone lets exactly one of 50 racing claims through", async () => {
    const filed = await svc.service.fileCase(newCaseFixture({ color: "blue" }));
    const racers = await Promise.all(Array.from({ length: 50 }, (_, i) => actor(`racer${i}`, "mediator")));
    const results = await Promise.all(racers.map((r) => cases.claim(filed.id, r.id, new Date())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const losers = results.filter((r) => !r.ok);
    expect(losers).toHaveLength(49);
    for (const l of losers) if (!l.ok) expect(l.claimedByName).toMatch(/^员工racer\d+$/);
  });

  it("the life cycle refuses illegal moves and leaves the case as it was", async () => {
    const m = await actor("lifecycle", "mediator");
    const filed = await svc.service.fileCase(newCaseFixture());
    const closeEarly = await svc.service.changeStatus(m, filed.id, { event: "close", satisfaction: 5 });
    expect(closeEarly.ok).toBe(false);
    if (!closeEarly.ok) expect(closeEarly.error).toBe("forbidden"); // not claimed: not theirs to work

    expect((await svc.service.claim(m, filed.id)).ok).toBe(true);
    const followUpEarly = await svc.service.changeStatus(m, filed.id, { event: "follow_up" });
    expect(followUpEarly).toMatchObject({ ok: false, error: "conflict" });
    if (!followUpEarly.ok) expect(followUpEarly.message).toContain("请先登记处理结果");
    const reopenEarly = await svc.service.changeStatus(m, filed.id, { event: "reopen", reason: "测试" });
    expect(reopenEarly).toMatchObject({ ok: false, error: "conflict" });
    expect((await cases.find(filed.id))?.status).toBe("claimed");

    expect((await svc.service.addProgress(m, filed.id, "已电话联系双方")).ok).toBe(true);
    expect((await cases.find(filed.id))?.status).toBe("mediating");
    expect((await svc.service.changeStatus(m, filed.id, { event: "resolve", outcome: "双方达成协议" })).ok).toBe(true);
    const claimAgain = await svc.service.claim(m, filed.id);
    expect(claimAgain.ok).toBe(false);
    expect((await svc.service.changeStatus(m, filed.id, { event: "close", satisfaction: 4 })).ok).toBe(true);
    const closed = await cases.find(filed.id);
    expect(closed).toMatchObject({ status: "closed", satisfaction: 4, outcome: "双方达成协议" });
    expect(closed?.closedAt).toBeInstanceOf(Date);
    const startClosed = await svc.service.changeStatus(m, filed.id, { event: "start" });
    expect(startClosed.ok).toBe(false);
    expect((await svc.service.changeStatus(m, filed.id, { event: "reopen", reason: "回访不满意" })).ok).toBe(true);
    expect((await cases.find(filed.id))?.status).toBe("queued");
  });

  it("a mediator of one township cannot open, claim or list another township's case", async () => {
    const m = await actor("miaojiaping-mediator", "mediator", MIAOJIAPING.id);
    const other = await svc.service.fileCase(newCaseFixture({ township: MATIGOU }));
    const own = await svc.service.fileCase(newCaseFixture({ township: MIAOJIAPING }));
    expect(await svc.service.getCase(m, other.id)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await svc.service.claim(m, other.number)).toMatchObject({ ok: false, error: "forbidden" });
    expect((await svc.service.getCase(m, own.id)).ok).toBe(true);
    const listed = await svc.service.listQueue(m, {});
    expect(listed.ok && listed.value.every((c) => c.townshipId === MIAOJIAPING.id)).toBe(true);
    expect(listed.ok && listed.value.some((c) => c.id === own.id)).toBe(true);
    expect(await svc.service.listQueue(m, { townshipId: MATIGOU.id })).toMatchObject({ ok: false, error: "forbidden" });
  });

  it("a colour change writes an audit entry; lowering a red needs a leader's explicit confirmation", async () => {
    const m = await actor("colour-mediator", "mediator");
    const director = await actor("colour-director", "centre_director");
    const filed = await svc.service.fileCase(newCaseFixture({ color: "yellow" }));
    await svc.service.claim(m, filed.id);
    expect((await svc.service.changeColour(m, filed.id, { to: "red", reason: "x" })).ok).toBe(false);
    const raised = await svc.service.changeColour(m, filed.id, { to: "red", reason: "当事人扬言报复" });
    expect(raised.ok).toBe(true);
    const trail = await cases.auditTrail(filed.id);
    const entry = trail.find((a) => a.action === "colour_changed");
    expect(entry).toMatchObject({ actorId: m.id, detail: { from: "yellow", to: "red", reason: "当事人扬言报复", kind: "raised" } });
    const stored = await cases.find(filed.id);
    expect(stored).toMatchObject({ color: "red", ownerRole: "political_legal_secretary" });

    expect(await svc.service.changeColour(m, filed.id, { to: "blue", reason: "误报" })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await svc.service.changeColour(director, filed.id, { to: "blue", reason: "误报" })).toMatchObject({ ok: false, error: "forbidden" });
    expect((await svc.service.changeColour(director, filed.id, { to: "orange", reason: "核实后无暴力倾向", confirmLowerRed: true })).ok).toBe(true);
    const after = await cases.auditTrail(filed.id);
    expect(after.filter((a) => a.action === "colour_changed")).toHaveLength(2);
    expect(after.at(-1)).toMatchObject({ detail: { from: "red", to: "orange", lowerRedConfirmedBy: director.displayName } });
  });

  it("every view of a red case is audited, and updates or deletes of the audit trail change nothing", async () => {
    const director = await actor("viewer", "centre_director");
    const filed = await svc.service.fileCase(newCaseFixture({ color: "red" }));
    await svc.service.getCase(director, filed.id);
    await svc.service.getCase(director, filed.id);
    const views = (await cases.auditTrail(filed.id)).filter((a) => a.action === "viewed");
    expect(views).toHaveLength(2);
    expect(await t.db.prisma.$executeRawUnsafe(`UPDATE "CaseAudit" SET "action" = 'filed' WHERE "caseId" = '${filed.id}'`)).toBe(0);
    expect(await t.db.prisma.$executeRawUnsafe(`DELETE FROM "CaseAudit" WHERE "caseId" = '${filed.id}'`)).toBe(0);
    expect((await cases.auditTrail(filed.id)).filter((a) => a.action === "viewed")).toHaveLength(2);
  });

  it("escalates an overdue unclaimed case one level per deadline, once per tick", async () => {
    let now = new Date();
    const clocked = recordingService(cases, { now: () => now });
    const filed = await clocked.service.fileCase(newCaseFixture({ color: "blue", township: MATIGOU }));
    expect((await clocked.service.escalateOverdue()).escalated).not.toContain(filed.number);
    now = new Date(now.getTime() + 4321 * 60_000);
    expect((await clocked.service.escalateOverdue()).escalated).toContain(filed.number);
    expect((await clocked.service.escalateOverdue()).escalated).not.toContain(filed.number);
    const c = await cases.find(filed.id);
    expect(c).toMatchObject({ escalationLevel: 1, ownerRole: "centre_director", status: "queued" });
    expect(c!.firstResponseDue.getTime()).toBe(now.getTime() + 1440 * 60_000);
    expect(clocked.events.some((e) => e.type === "escalated" && e.number === filed.number)).toBe(true);
  });
});
