import { describe, expect, it } from "vitest";
import { createSegmenter } from "../../../nlp/segment.js";

describe("segmenter", () => {
  const plain = createSegmenter([]);
  const withTerms = createSegmenter(["马蹄沟", "诉调对接"]);
  it("cuts Chinese into words", () => {
    expect(plain.cut("工地老板欠了我们工资")).toEqual(expect.arrayContaining(["工地", "老板", "工资"]));
  });
  it("uses the extra terms as whole words", () => {
    expect(plain.cut("马蹄沟诉调对接")).not.toContain("马蹄沟");
    expect(withTerms.cut("马蹄沟诉调对接")).toEqual(["马蹄沟", "诉调对接"]);
  });
  it("search mode also yields sub-words", () => {
    expect(withTerms.cutForSearch("宅基地纠纷")).toEqual(expect.arrayContaining(["宅基地", "基地"]));
  });
});
