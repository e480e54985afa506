// The escalation job's lock and the Telegram staff notices, on the in-memory store.
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { createLogger } from "../../../adapters/logger.js";
import { createEscalationJob } from "../../../adapters/runtime/escalation-job.js";
import { storeCaseEvents } from "../../../adapters/runtime/queue-runtime.js";
import { createStaffNotices } from "../../../adapters/runtime/staff-notices.js";
import { createCaseService } from "../../../queue/case-service.js";
import { createMemoryCaseRepository } from "../../../queue/memory-case-repository.js";
import { MATIGOU, newCaseFixture, shippedColourRules } from "../../support/queue-fixtures.js";

const logger = createLogger({ log: { level: "silent", format: "json" } });

describe("background jobs", () => {
  it("runs each escalation tick in one process only", async () => {
    const store = new MemoryStore();
    let now = new Date();
    const cases = createMemoryCaseRepository();
    const service = createCaseService({ cases, rules: shippedColourRules(), events: storeCaseEvents(store), outbox: { send: async () => undefined, claimed: async () => undefined }, clock: { now: () => now } });
    const filed = await service.fileCase(newCaseFixture({ color: "orange" }));
    now = new Date(now.getTime() + 241 * 60_000);
    const a = createEscalationJob({ service, store, logger });
    const b = createEscalationJob({ service, store, logger });
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    expect([ra, rb].filter((r) => r === null)).toHaveLength(1);
    expect([...(ra ?? []), ...(rb ?? [])]).toEqual([filed.number]);
    expect((await cases.find(filed.id))?.ownerRole).toBe("political_legal_secretary");
    await store.close();
  });

  it("posts one notice without personal data per new red or orange case", async () => {
    const store = new MemoryStore();
    const sent: { chatId: string; text: string }[] = [];
    const notices = [1, 2].map(() =>
      createStaffNotices({
        store,
        chatId: "-100123",
        send: async (chatId, text) => void sent.push({ chatId, text }),
        rules: shippedColourRules(),
        townships: [MATIGOU],
        publicUrl: "https://yizhan.example.gov.cn",
        logger,
      }),
    );
    for (const n of notices) n.start();
    await new Promise((r) => setTimeout(r, 10));
    const service = createCaseService({ cases: createMemoryCaseRepository(), rules: shippedColourRules(), events: storeCaseEvents(store), outbox: { send: async () => undefined, claimed: async () => undefined } });
    const red = await service.fileCase(newCaseFixture({ color: "red", township: MATIGOU }));
    await service.fileCase(newCaseFixture({ color: "blue", township: MATIGOU }));
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toEqual([
      { chatId: "-100123", text: `【红色】新案件 ${red.number}（马蹄沟镇），请政法委书记关注，60 分钟内首次响应。\nhttps://yizhan.example.gov.cn/console/cases/${red.number}` },
    ]);
    expect(sent[0]!.text).not.toContain("138");
    for (const n of notices) await n.stop();
    await store.close();
  });
});
