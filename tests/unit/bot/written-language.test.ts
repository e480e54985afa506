// The bot answers in the language the resident writes in, until they choose one (bot/written-language.ts).
import { describe, expect, it } from "vitest";
import { writtenLanguage } from "../../../bot/written-language.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { testIntake } from "../../support/conversations.js";

const text = (t: string) => ({ kind: "text" as const, text: t });

describe("the language a message is written in", () => {
  it.each([
    ["My neighbour has blocked the lane to my house for a month", "en"],
    ["Hi, I need help with my landlord", "en"],
    ["邻居把我家门口的路堵了一个月", "zh"],
    ["wo bu xiang huo le", undefined],
    ["ok", undefined],
    ["Hello", "en"],
    ["I agree", "en"],
    ["ni hao", undefined],
    ["13912345678", undefined],
    ["我邻居 always 吵架", "zh"],
  ])("%s → %s", (message, language) => expect(writtenLanguage(message)).toBe(language));
});

describe("the dialogue follows it", () => {
  it("answers an English story in English, and keeps a language the resident chose", async () => {
    const { intake } = testIntake(new MemoryStore());
    const who = { residentKey: "webchat:english-first", channel: "webchat" as const };
    const first = await intake.handle(who, text("Hello, my neighbour has blocked the lane to my house for a month"));
    const reply = first.map((r) => r.text).join("\n");
    expect(reply).not.toMatch(/[\u4e00-\u9fff]{6}/);
    await intake.handle(who, { kind: "button", value: "lang:en" });
    const after = await intake.handle(who, text("邻居把我家门口的路堵了一个月，车也开不出去"));
    expect(after.map((r) => r.text).join("\n")).not.toMatch(/[\u4e00-\u9fff]{6}/);
  });
});
