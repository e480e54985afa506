import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../bot/commands.js";
import { formatResumeCode, normaliseResumeCode, RESUME_ALPHABET, RESUME_CODE_LENGTH } from "../../../bot/resume-code.js";
import { newResumeCode } from "../../../adapters/intake/dialogue-deps.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { resumeContract } from "../../support/resume-contract.js";

describe("resume codes", () => {
  it("are 12 crypto-random characters without look-alikes, shown in groups of four", () => {
    const codes = new Set(Array.from({ length: 200 }, () => newResumeCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${RESUME_ALPHABET}]{${RESUME_CODE_LENGTH}}$`));
    expect(RESUME_ALPHABET).not.toMatch(/[0O1IL]/);
    expect(formatResumeCode("K7QH3MPX9RTA")).toBe("K7QH-3MPX-9RTA");
  });

  it("are read back however the resident types them", () => {
    expect(normaliseResumeCode("k7qh 3mpx-9rta")).toBe("K7QH3MPX9RTA");
    expect(parseCommand("/resume K7QH-3MPX-9RTA")).toEqual({ kind: "resume", code: "K7QH3MPX9RTA" });
    expect(parseCommand("／ｒｅｓｕｍｅ　ｋ７ｑｈ－３ｍｐｘ－９ｒｔａ")).toEqual({ kind: "resume", code: "K7QH3MPX9RTA" });
    expect(parseCommand("续接代码：K7QH 3MPX 9RTA")).toEqual({ kind: "resume", code: "K7QH3MPX9RTA" });
    expect(parseCommand("继续说")).toBeNull();
    expect(parseCommand("/resume")).toBeNull();
  });
});

resumeContract("memory", async () => ({ store: new MemoryStore(), dispose: async () => undefined }));
