import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sharedTriager } from "./helpers.js";

const COLORS = ["red", "orange", "yellow", "blue"];

function wellFormed(t: ReturnType<ReturnType<typeof sharedTriager>["triage"]>) {
  expect(COLORS).toContain(t.risk.color);
  expect(t.risk.reasons.length).toBeGreaterThan(0);
  expect(typeof t.masked).toBe("string");
  expect(Number.isFinite(t.confidence)).toBe(true);
  expect(() => JSON.stringify(t)).not.toThrow();
}

describe("garbage in never crashes", () => {
  const triager = sharedTriager();

  it("handles the named cases", () => {
    const cases = [
      "",
      " \n\t ",
      "😀😂🤣👍🏻🇨🇳",
      "\u0000\u0001\u0007\u001b[31m\u007f",
      "\uD800\uDC00\uDFFF\uD83D",
      "Hello мир مرحبا 你好 こんにちは 12345",
      "邻居".repeat(50_000),
      "我不想活了".repeat(20_000) + "x".repeat(100),
    ];
    for (const c of cases) {
      wellFormed(triager.triage(c));
      wellFormed(triager.triageTranscript(c));
    }
    expect(triager.triage("我不想活了".repeat(20_000)).risk.color).toBe("red");
  });

  it("any string gives a well-formed triage and transcript triage", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ maxLength: 2000 })), (s) => {
        wellFormed(triager.triage(s));
        wellFormed(triager.triageTranscript(s));
      }),
      { numRuns: 300 },
    );
  });

  it("a threat survives any surrounding noise", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 100 }), fc.string({ unit: "binary", maxLength: 100 }), (a, b) => {
        expect(triager.triage(`${a}。他说要弄死我。${b}`).risk.color).toBe("red");
      }),
      { numRuns: 200 },
    );
  });
});
