import { describe, expect, it } from "vitest";
import { findPlaces } from "../../../knowledge/gazetteer.js";
import { loadKnowledge } from "../../../knowledge/load.js";

const k = loadKnowledge();

describe("gazetteer", () => {
  it("recognises a town by its short name", () => {
    const [m] = findPlaces(k, "我是马蹄沟的，家里地被占了");
    expect(m?.place.name).toBe("马蹄沟镇");
    expect(m?.matched).toBe("马蹄沟");
    expect(m?.township?.id).toBe("matigou");
  });
  it("recognises a village and its township, in text order, without overlaps", () => {
    const found = findPlaces(k, "苗家坪镇三眼窑村的老王和电市的人");
    expect(found.map((f) => f.place.id)).toEqual(["miaojiaping", "miaojiaping.sanyanyao", "dianshi"]);
    expect(found[1]?.township?.name).toBe("苗家坪镇");
  });
  it("prefers the longer name and finds nothing in unrelated text", () => {
    const found = findPlaces(k, "双湖峪街道张家沟村");
    expect(found.map((f) => f.matched)).toEqual(["双湖峪街道", "张家沟村"]);
    expect(findPlaces(k, "楼上天天半夜吵")).toEqual([]);
  });
});
