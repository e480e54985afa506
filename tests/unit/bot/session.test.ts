import { describe, expect, it } from "vitest";
import { newSession, parseSession, serializeSession } from "../../../bot/session.js";
import { parseCommand } from "../../../bot/commands.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { testIntake } from "../../support/conversations.js";

const who = (key: string, channel: "telegram" | "webchat" = "telegram") => ({ residentKey: `${channel}:${key}`, channel });

describe("sessions", () => {
  it("round-trips and drops a session of another version instead of crashing", () => {
    const s = newSession(who("1"), new Date("2026-01-01T00:00:00Z"));
    expect(parseSession(serializeSession(s))).toEqual(s);
    expect(parseSession(JSON.stringify({ version: 999, state: s }))).toBeNull();
    expect(parseSession("{not json")).toBeNull();
  });

  it("expires after 72 hours of silence with a polite note that names the open case", async () => {
    let now = Date.parse("2026-03-01T08:00:00Z");
    const store = new MemoryStore(() => now);
    const { intake } = testIntake(store);
    for (const text of ["你好", "同意", "转人工", "隔壁邻居家的牛跑进我家地里吃了庄稼"]) await intake.handle(who("2"), { kind: "text", text });
    now += 71 * 3600_000;
    expect((await intake.sessions.load("telegram:2")).session).not.toBeNull();
    now += 73 * 3600_000;
    const replies = await intake.handle(who("2"), { kind: "text", text: "你好" });
    expect(replies[0]!.text).toMatch(/因 72 小时未回复已结束.*ZZ-\d{4}-\d+/);
  });

  it("recognises commands and the plain words for a person", () => {
    expect(parseCommand("/status zz-2026-000123")).toEqual({ kind: "status", number: "ZZ-2026-000123" });
    expect(parseCommand("／ｃａｎｃｅｌ")).toEqual({ kind: "cancel" });
    expect(parseCommand("转人工")).toEqual({ kind: "human" });
    expect(parseCommand("人工")).toEqual({ kind: "human" });
    expect(parseCommand("他们说人工费要三千")).toBeNull();
    expect(parseCommand("/lang en")).toEqual({ kind: "lang", to: "en" });
  });

  it("says where a red signal must go before consent, and files it once the resident agrees", async () => {
    const { intake, desk } = testIntake(new MemoryStore());
    const first = await intake.handle(who("5"), { kind: "text", text: "他拿着刀说要砍死我全家" });
    expect(first[0]!.text).toContain("110");
    expect(await desk.repository.latestForResident("telegram:5", false)).toBeNull();
    await intake.handle(who("5"), { kind: "button", value: "consent:yes" });
    const filed = await desk.repository.latestForResident("telegram:5", false);
    expect(filed?.color).toBe("red");
    expect(filed?.urgent).toBe(true);
  });
});
