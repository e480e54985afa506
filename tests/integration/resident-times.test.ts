// Residents read times in China time (Asia/Shanghai), as staff do: the status reply's "更新时间".
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { formatChinaTime } from "../../queue/china-time.js";
import { testIntake } from "../support/conversations.js";

describe("times a resident reads", () => {
  it("the status reply gives the case's update time in China time", async () => {
    const { intake, desk } = testIntake(new MemoryStore());
    const who = { residentKey: "webchat:times-1", channel: "webchat" as const };
    await intake.handle(who, { kind: "text", text: "你好" });
    await intake.handle(who, { kind: "button", value: "consent:yes" });
    await intake.handle(who, { kind: "text", text: "我不想活了，邻居天天上门逼债，我撑不下去了" });
    const filed = await desk.repository.latestForResident(who.residentKey, false);
    expect(filed).not.toBeNull();
    const replies = await intake.handle(who, { kind: "text", text: `/status ${filed!.number}` });
    const text = replies.map((r) => r.text).join("\n");
    const shown = /更新时间：(.+)/.exec(text)?.[1];
    expect(shown).toBeDefined();
    expect([formatChinaTime(filed!.updatedAt), formatChinaTime(new Date())]).toContain(shown);
  });
});
