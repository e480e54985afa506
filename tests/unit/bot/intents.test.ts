// Typed answers and intents in free words, at any step (bot/commands.ts).
import { describe, expect, it } from "vitest";
import { isNo, isOpening, isYes, onlySadEmoji, parseCommand } from "../../../bot/commands.js";
import { amendment } from "../../../bot/slot-filling.js";

describe("typed answers and intents", () => {
  it("reads yes and no as residents type them", () => {
    for (const text of ["对", "我同意", "好的可以", "行", "可以的", "嗯嗯好的", "同意，开始吧", "OK"]) expect(isYes(text), text).toBe(true);
    for (const text of ["不同意", "我不同意", "不要了", "算了吧"]) expect(isNo(text), text).toBe(true);
    for (const text of ["我同意他的说法但是他不还钱", "行不行啊你们", "苗家坪镇"]) expect(isYes(text), text).toBe(false);
  });
  it("reads cancel, status and language in words", () => {
    for (const text of ["算了不弄了", "不想弄了", "我不想登记了", "取消吧", "算了，不办了"]) expect(parseCommand(text), text).toEqual({ kind: "cancel" });
    for (const text of ["我的事现在怎么样了", "有人管吗", "我的案子有进展吗", "进度怎么样了", "我想问一下我上周报的那个事现在怎么样了", "我上次反映的事有结果了吗"]) expect(parseCommand(text), text).toEqual({ kind: "status" });
    for (const text of ["在吗", "有人吗", "你好，在吗", "are you there"]) expect(parseCommand(text), text).toEqual({ kind: "question", about: "present" });
    for (const text of ["😭😭😭", "💔🙏", "😢 😢"]) expect(onlySadEmoji(text), text).toBe(true);
    for (const text of ["😂😂", "😭 邻居又来了", "asdf"]) expect(onlySadEmoji(text), text).toBe(false);
    // Asking to begin, in English too, is not a story to register.
    for (const text of ["Hi, do you speak English?", "Can you help me?", "hello is anyone there", "我要反映个事"]) expect(isOpening(text), text).toBe(true);
    for (const text of ["Can you help me get my deposit back?", "My neighbour's dog barks all night"]) expect(isOpening(text), text).toBe(false);
    // A case number sent alone asks for that case (the texts tell residents so, not "/status").
    for (const text of ["ZZ-2026-000123", "编号zz-2026-000123", "我的案件编号是 ZZ-2026-000123。"]) expect(parseCommand(text), text).toEqual({ kind: "status", number: "ZZ-2026-000123" });
    expect(parseCommand("English please")).toEqual({ kind: "lang", to: "en" });
    expect(parseCommand("说中文")).toEqual({ kind: "lang", to: "zh" });
    expect(parseCommand("我要找真人")).toEqual({ kind: "human" });
  });
  it("leaves stories alone", () => {
    for (const text of ["邻居把墙砌到我家院子里，村里也没人管", "算了这么多年的账他还是不认", "我老公不让我说中文以外的话"]) expect(parseCommand(text), text).toBeNull();
  });
  it("reads an amendment to the story", () => {
    expect(amendment("还有一件事，他还把我家的鸡打死了")).toBe("他还把我家的鸡打死了");
    expect(amendment("补充一下：他骂人")).toBe("他骂人");
    expect(amendment("还有")).toBeUndefined();
    expect(amendment("邻居占地")).toBeUndefined();
  });
});
