import { describe, expect, it } from "vitest";
import { clauses, compact, createT2S, normalize, sanitize } from "../../../nlp/normalize.js";
import { findQuantities, parseChineseNumber } from "../../../nlp/numbers.js";

const t2s = createT2S();

describe("normalize", () => {
  it("turns full-width into half-width and collapses spaces", () => {
    expect(normalize("ＡＢＣ１２３　　邻居", t2s)).toBe("ABC123 邻居");
  });
  it("converts traditional to simplified, including 著 after verbs", () => {
    expect(normalize("醫院拖著不給病歷，鄰居說要殺了我", t2s)).toBe("医院拖着不给病历,邻居说要杀了我");
  });
  it("removes control and zero-width characters and repairs lone surrogates", () => {
    expect(sanitize("a\u0000b\u200Bc\uD800d")).toBe("abc\uFFFDd");
  });
  it("keeps line breaks but squeezes blank runs", () => {
    expect(normalize("甲\r\n\r\n\r\n\r\n乙")).toBe("甲\n\n乙");
  });
  it("compacts spaced-out Chinese for lexicon matching", () => {
    expect(compact("想 不 开")).toBe("想不开");
    // A space between two runs of several characters is where a WeChat writer ends a clause.
    expect(compact("我今天去坐跳楼机了 我一定不选择跳楼")).toBe("我今天去坐跳楼机了，我一定不选择跳楼");
    expect(compact("我 家 邻居 天天 吵")).toBe("我家邻居天天吵");
    expect(clauses("我家漏水，他不管。怎么办？")).toEqual(["我家漏水", "他不管", "怎么办"]);
  });
});

describe("Chinese numbers", () => {
  it.each([
    ["八万", 80000],
    ["两千五", 2500],
    ["三万二", 32000],
    ["一万两千五", 12500],
    ["一百零五", 105],
    ["五十万", 500000],
    ["3.5万", 35000],
    ["十二", 12],
    ["一亿五千万", 150000000],
  ])("%s = %d", (s, v) => expect(parseChineseNumber(s)).toBe(v));

  it("rejects non-numbers", () => {
    expect(parseChineseNumber("邻居")).toBeNull();
    expect(parseChineseNumber("")).toBeNull();
  });

  it("finds quantities with their counter word and estimates", () => {
    const [q] = findQuantities("三十多户都被淹了");
    expect(q).toMatchObject({ value: 30, unit: "户", approximate: true });
    expect(findQuantities("借了他八万块")[0]).toMatchObject({ value: 80000, unit: "块" });
    expect(findQuantities("3w块")[0]?.value).toBe(30000);
    expect(findQuantities("我们一起去")).toEqual([]);
    expect(findQuantities("十几个人")[0]).toMatchObject({ value: 10, approximate: true });
  });
});
