// The in-memory twin: the CaseDesk contract the dialogue relies on, and the service rules.
import { describe, expect, it } from "vitest";
import { createMemoryCaseDesk } from "../../../queue/memory-case-desk.js";
import { createMemoryCaseRepository } from "../../../queue/memory-case-repository.js";
import { expectCrisisDeskCalls, MIAOJIAPING, newCaseFixture, recordingService, shippedColourRules } from "../../support/queue-fixtures.js";
import { claimsCases, type Actor } from "../../../queue/access.js";

describe("memory CaseDesk", () => {
  it("sets the place and phone given in a crisis on the case, and keeps bot replies once", async () => {
    await expectCrisisDeskCalls(createMemoryCaseRepository(), expect);
  });

  it("files with a number, an owner and a deadline by colour, and reports status to the resident only", async () => {
    const desk = createMemoryCaseDesk({ rules: shippedColourRules() });
    const before = Date.now();
    const filed = await desk.fileCase(newCaseFixture({ color: "red", residentKey: "telegram:1" }));
    expect(filed.number).toMatch(/^ZZ-\d{4}-000001$/);
    expect(filed).toMatchObject({ color: "red", status: "queued", ownerTitle: "政法委书记" });
    expect(filed.firstResponseDue.getTime() - before).toBeGreaterThanOrEqual(60 * 60_000 - 1000);
    expect(filed.firstResponseDue.getTime() - before).toBeLessThanOrEqual(60 * 60_000 + 1000);
    expect(desk.events).toEqual([expect.objectContaining({ type: "filed", number: filed.number, color: "red" })]);

    expect(await desk.statusForResident(filed.number, "telegram:2")).toBeNull();
    expect(await desk.statusForResident(filed.number, "telegram:1")).toMatchObject({ status: "queued", statusText: "已登记，正在等待工作人员接手。" });
    expect((await desk.latestForResident("telegram:1"))?.number).toBe(filed.number);
    expect(await desk.latestForResident("telegram:9")).toBeNull();

    await desk.appendResidentMessage(filed.number, { text: "还有一件事", at: new Date() });
    await desk.attachEvidence(filed.number, { kind: "photo", ref: "file-1", name: "现场照片", at: new Date() });
    const stored = await desk.repository.find(filed.number);
    expect(stored?.messages.at(-1)?.text).toBe("还有一件事");
    expect(stored?.evidence).toHaveLength(1);
  });

  it("raises the colour when a later message carries a higher risk, and never lowers it", async () => {
    const desk = createMemoryCaseDesk({ rules: shippedColourRules() });
    const filed = await desk.fileCase(newCaseFixture({ color: "blue", residentKey: "telegram:5" }));
    const red = {
      color: "red" as const,
      owner: shippedColourRules().red.owner,
      ownerTitle: shippedColourRules().red.ownerTitle,
      reasons: [{ signal: "violence_threat", criterion: "violence_threat", color: "red" as const, words: ["弄死"], explanation: "扬言伤害他人" }],
    };
    await desk.appendResidentMessage(filed.number, { text: "他再堵我家路我就弄死他", at: new Date(), risk: red });
    const raised = await desk.repository.find(filed.number);
    expect(raised).toMatchObject({ color: "red", ownerRole: "political_legal_secretary" });
    expect(raised!.firstResponseDue.getTime()).toBeLessThanOrEqual(filed.firstResponseDue.getTime());
    expect((await desk.repository.auditTrail(raised!.id)).at(-1)).toMatchObject({ action: "colour_changed", actorId: null, detail: { from: "blue", to: "red", kind: "raised" } });

    await desk.appendResidentMessage(filed.number, { text: "好的谢谢", at: new Date(), risk: { ...red, color: "yellow" } });
    expect((await desk.repository.find(filed.number))?.color).toBe("red");
  });

  it("runs the same rules as the database: one claim, masking, audit of colour and red views", async () => {
    const { service, outbox } = recordingService(createMemoryCaseRepository());
    const m1: Actor = { id: "m1", role: "mediator", displayName: "王芳", townshipId: MIAOJIAPING.id };
    const m2: Actor = { id: "m2", role: "mediator", displayName: "李强", townshipId: MIAOJIAPING.id };
    const filed = await service.fileCase(newCaseFixture({ township: MIAOJIAPING }));
    const [a, b] = await Promise.all([service.claim(m1, filed.id), service.claim(m2, filed.id)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const winner = a.ok ? m1 : m2;
    const loser = a.ok ? m2 : m1;
    const seen = await service.getCase(loser, filed.id);
    expect(seen.ok && seen.value.case.residentPhone).toBe("138****5678");
    expect(seen.ok && seen.value.case.story.includes("13812345678")).toBe(false);
    expect((await service.messageResident(loser, filed.id, "你好")).ok).toBe(false);
    expect((await service.messageResident(winner, filed.id, "您好，我来跟进。")).ok).toBe(true);
    expect(outbox).toHaveLength(1);
  });

  it("takes a second claim by the one who has the case (another tab) as done, and refuses an administrator plainly", async () => {
    const { service } = recordingService(createMemoryCaseRepository());
    const m1: Actor = { id: "m1", role: "mediator", displayName: "王芳", townshipId: MIAOJIAPING.id };
    const admin: Actor = { id: "a1", role: "admin", displayName: "管理员", townshipId: MIAOJIAPING.id };
    const filed = await service.fileCase(newCaseFixture({ township: MIAOJIAPING }));
    expect((await service.claim(m1, filed.id)).ok).toBe(true);
    const again = await service.claim(m1, filed.id);
    expect(again.ok && again.value.claimedById).toBe("m1");
    const refused = await service.claim(admin, filed.id);
    expect(refused.ok).toBe(false);
    expect(claimsCases("admin")).toBe(false);
    expect(claimsCases("mediator")).toBe(true);
  });
});
