// A filing that fails is kept and retried by the runner; the resident is told the truth: never
// "交给工作人员" before the case exists, and the number as soon as it does, without writing again.
import { describe, expect, it } from "vitest";
import { RESIDENT_NOTICE_CHANNEL } from "../../../adapters/intake/resident-notices.js";
import type { OutboundMessage } from "../../../bot/types.js";

type ResidentReplies = { residentKey: string; replies: OutboundMessage[] };
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import type { CaseDesk } from "../../../queue/case-desk.js";
import { testCaseDesk, testIntake } from "../../support/conversations.js";

/** The queue's desk, with filing down until `up()` (as when the database is unreachable). */
function flakyDesk() {
  const desk = testCaseDesk();
  let down = true;
  let attempts = 0;
  const flaky: CaseDesk & { up(): void; attempts(): number } = {
    ...desk,
    async fileCase(input) {
      attempts++;
      if (down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      return desk.fileCase(input);
    },
    up: () => void (down = false),
    attempts: () => attempts,
  };
  return { desk, flaky };
}

const who = { residentKey: "webchat:outage-1", channel: "webchat" as const };
const text = (t: string) => ({ kind: "text" as const, text: t });

describe("a filing that fails", () => {
  it("a red case: hotlines at once, no false hand-off, filed by the runner later with the number sent", async () => {
    const store = new MemoryStore();
    const { desk, flaky } = flakyDesk();
    const { intake } = testIntake(store, flaky as never);
    const published: ResidentReplies[] = [];
    await store.subscribe(RESIDENT_NOTICE_CHANNEL, (raw) => published.push(JSON.parse(raw) as ResidentReplies));

    await intake.handle(who, text("你好"));
    await intake.handle(who, text("同意"));
    const replies = (await intake.handle(who, text("他们逼得我活不下去了，农药我已经买好了放在床头"))).map((r) => r.text).join("\n");
    expect(replies).toContain("110");
    expect(replies).toContain("自动重试");
    expect(replies).not.toContain("交给中心工作人员");
    expect(replies).not.toContain("没有丢失");
    expect(flaky.attempts()).toBe(2); // tried once more at once

    // Still down: the retry keeps it, says nothing new to the resident.
    expect(await intake.retryPendingFilings()).toEqual({ filed: 0, pending: 1 });
    expect(published).toHaveLength(0);

    flaky.up();
    expect(await intake.retryPendingFilings()).toEqual({ filed: 1, pending: 0 });
    const cases = await desk.repository.list({ limit: 10 });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.color).toBe("red");
    await new Promise((r) => setTimeout(r, 10));
    const told = published.flatMap((p) => p.replies.map((r) => r.text)).join("\n");
    expect(published[0]!.residentKey).toBe(who.residentKey);
    expect(told).toContain(cases[0]!.number);
    expect(told).toContain("交给中心工作人员");

    // Nothing left to do, and nothing filed twice.
    expect(await intake.retryPendingFilings()).toEqual({ filed: 0, pending: 0 });
    expect(await desk.repository.list({ limit: 10 })).toHaveLength(1);
  });

  it("a message written while the filing is pending joins the story and is not lost", async () => {
    const store = new MemoryStore();
    const { desk, flaky } = flakyDesk();
    const { intake } = testIntake(store, flaky as never);
    await intake.handle(who, text("你好"));
    await intake.handle(who, text("同意"));
    await intake.handle(who, text("我不想活了，他把我打成这样"));
    flaky.up();
    await intake.handle(who, text("我现在在马蹄沟镇"));
    const [c] = await desk.repository.list({ limit: 10 });
    const detail = await desk.repository.find(c!.id);
    expect(detail!.story).toContain("我现在在马蹄沟镇");
    expect(await intake.retryPendingFilings()).toEqual({ filed: 0, pending: 0 });
  });
});
