// A resume code typed on its own is a resume; ordinary text is not.
import { describe, expect, it } from "vitest";
import { parseCommand, plainResumeCode } from "../../../bot/commands.js";

describe("a resume code typed plainly", () => {
  it.each([
    ["K7QH-3MPX-9RTA", "K7QH3MPX9RTA"],
    ["k7qh3mpx9rta", "K7QH3MPX9RTA"],
    ["K7QH 3MPX 9RTA", "K7QH3MPX9RTA"],
    ["ｋ７ｑｈ－３ｍｐｘ－９ｒｔａ", "K7QH3MPX9RTA"],
    ["K7QH-3MPX-9RTA。", "K7QH3MPX9RTA"],
    ["KQHM-PXRT-ABCD", "KQHMPXRTABCD"],
  ])("%s is the code %s", (typed, code) => {
    expect(parseCommand(typed)).toEqual({ kind: "resume", code });
  });

  it.each([
    "楼上邻居天天半夜装修",
    "我的手机号13812345678",
    "13812345678",
    "138 1234 5678",
    "please help me",
    "thanks, bye now",
    "KQHMPXRTABCD", // letters only and not grouped: could be a word
    "K7QH-3MPX-9RT", // 11 characters
    "K0QH-3MPX-9RTA", // 0 is not in the alphabet
    "K7QH-3MPX-9RTA 谢谢",
  ])("%s is not a code", (typed) => {
    expect(plainResumeCode(typed)).toBeNull();
    expect(parseCommand(typed)?.kind).not.toBe("resume");
  });

  it("still reads /resume and 续接 forms", () => {
    expect(parseCommand("/resume K7QH-3MPX-9RTA")).toEqual({ kind: "resume", code: "K7QH3MPX9RTA" });
    expect(parseCommand("续接码 K7QH3MPX9RTA")).toEqual({ kind: "resume", code: "K7QH3MPX9RTA" });
  });
});

describe("times a resident reads", () => {
  it("are China time, not UTC", async () => {
    const { formatChinaTime } = await import("../../../queue/china-time.js");
    expect(formatChinaTime(new Date("2026-11-26T17:30:00Z"))).toBe("2026/11/27 01:30");
  });
});
