import { describe, expect, it } from "vitest";
import { isGibberish } from "../../../nlp/gibberish.js";

describe("gibberish", () => {
  it("knows emoji, punctuation and keyboard mashes say nothing", () => {
    for (const text of ["😭🙏", "？？？", "asdfgh", "sdfghjk", "jjjjjj", "qwerty", "xcvbnm", "啊啊啊啊", "👍🏻"]) expect(isGibberish(text), text).toBe(true);
  });
  it("keeps stories, pinyin, English and numbers", () => {
    for (const text of ["邻居占我家地", "wo bu xiang huo le", "my neighbour blocks the road", "13912345678", "好的", "help", "对"]) {
      expect(isGibberish(text), text).toBe(false);
    }
  });
});
