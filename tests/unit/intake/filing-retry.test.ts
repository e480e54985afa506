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

describe("a crisis question already answered while the red filing was retried", () => {
  async function filedOnMessage(message: string) {
    const store = new MemoryStore();
    const { desk, flaky } = flakyDesk();
    const { intake } = testIntake(store, flaky as never);
    const resident = { residentKey: `webchat:known-${message.length}`, channel: "webchat" as const };
    await intake.handle(resident, text("你好"));
    await intake.handle(resident, text("同意"));
    await intake.handle(resident, text("欠我工资的老板跑了，我走投无路，想从桥上跳下去"));
    flaky.up();
    // The retry succeeds on this message: the case exists from here on, in crisis mode.
    const replies = (await intake.handle(resident, text(message))).map((r) => r.text).join("\n");
    const [c] = await desk.repository.list({ limit: 10 });
    return { replies, detail: await desk.repository.find(c!.id), intake, resident };
  }

  it("a place from the gazetteer: not asked again, the next question is who is with them", async () => {
    const { replies, detail } = await filedOnMessage("我现在在马蹄沟镇盐湾村的桥上");
    expect(replies).not.toContain("您现在在哪里");
    expect(replies).toContain("您现在身边有人陪着吗");
    expect(detail!.place).toContain("盐湾村");
  });

  it("a place in the resident's own words: on the case, and not asked again", async () => {
    const { replies, detail } = await filedOnMessage("我已经在楼顶上了");
    expect(replies).not.toContain("您现在在哪里");
    expect(detail!.place).toContain("楼顶");
  });

  it("a phone and someone with them: the place is asked, then nothing already known", async () => {
    const { replies, detail, intake, resident } = await filedOnMessage("我老婆在身边陪着我，我电话是13912345678");
    expect(replies).toContain("您现在在哪里");
    expect(detail!.residentPhone).toBe("13912345678");
    const next = (await intake.handle(resident, text("在马蹄沟镇盐湾村"))).map((r) => r.text).join("\n");
    expect(next).not.toContain("身边有人陪着吗");
    expect(next).not.toContain("留个手机号");
  });
});
