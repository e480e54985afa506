import { describe, expect, it } from "vitest";
import { fuseRankings, RRF_K } from "../../../knowledge/rank-fusion.js";

describe("reciprocal rank fusion", () => {
  it("ranks an item both lists name above items only one names", () => {
    const fused = fuseRankings([{ ids: ["a", "b", "c"] }, { ids: ["b", "d"] }]);
    expect(fused.map((f) => f.id)).toEqual(["b", "a", "d", "c"]);
    expect(fused[0]).toEqual({ id: "b", score: 1 / (RRF_K + 2) + 1 / (RRF_K + 1), from: [0, 1] });
  });

  it("weighs a list, counts a repeated id once, and breaks ties by first mention", () => {
    expect(fuseRankings([{ ids: ["a"], weight: 2 }, { ids: ["b", "b"] }, { ids: ["b"] }]).map((f) => f.id)).toEqual(["a", "b"]);
    expect(fuseRankings([{ ids: ["x"] }, { ids: ["y"] }]).map((f) => f.id)).toEqual(["x", "y"]);
    expect(fuseRankings([])).toEqual([]);
  });
});
