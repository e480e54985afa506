import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../knowledge/load.js";
import { createServiceSearch } from "../../../knowledge/search.js";
import { RESIDENT_PHRASES } from "./phrases.js";

const k = loadKnowledge();
const search = createServiceSearch(k);

describe("service search", () => {
  it("test phrases are our own, not the catalogue's examples", () => {
    const examples = new Set(k.services.flatMap((s) => s.examples));
    for (const p of RESIDENT_PHRASES) expect(examples.has(p.text), p.text).toBe(false);
    expect(RESIDENT_PHRASES.length).toBeGreaterThanOrEqual(40);
    for (const p of RESIDENT_PHRASES) expect(k.serviceById.has(p.expect), p.expect).toBe(true);
  });
  it("covers every category with test phrases", () => {
    const covered = new Set(RESIDENT_PHRASES.map((p) => k.serviceById.get(p.expect)?.categoryId));
    expect(k.categories.filter((c) => !covered.has(c.id)).map((c) => c.id)).toEqual([]);
  });
  it("puts the right service in the top 3 for at least 90% of residents' phrases", () => {
    const misses: string[] = [];
    for (const p of RESIDENT_PHRASES) {
      const top = search.search(p.text, { limit: 3 }).map((h) => h.service.id);
      if (!top.includes(p.expect)) misses.push(`${p.text} → 期望 ${p.expect}，得到 ${top.join(", ")}`);
    }
    const rate = 1 - misses.length / RESIDENT_PHRASES.length;
    console.log(`knowledge search top-3 hit rate: ${(rate * 100).toFixed(1)}% (${RESIDENT_PHRASES.length - misses.length}/${RESIDENT_PHRASES.length})`);
    if (misses.length > 0) console.log(misses.join("\n"));
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });
  it("returns evidence: the resident's words that matched, with the field", () => {
    const [top] = search.search("楼上天天半夜蹦迪吵得睡不着");
    expect(top?.service.id).toBe("neighbour.noise");
    expect(top?.score).toBeGreaterThan(0);
    expect(top?.evidence).toContainEqual({ term: "蹦迪", field: "keywords" });
    for (const e of top?.evidence ?? []) expect("楼上天天半夜蹦迪吵得睡不着").toContain(e.term);
  });
  it("strips function words and respects limit and domain", () => {
    expect(search.tokens("我的你的了吗呢吧")).toEqual([]);
    expect(search.search("的了吗")).toEqual([]);
    expect(search.search("借钱不还", { limit: 2 }).length).toBeLessThanOrEqual(2);
    const marital = search.search("孩子", { domain: "marital", limit: 10 });
    expect(marital.length).toBeGreaterThan(0);
    for (const h of marital) expect(h.service.domains).toContain("marital");
  });
});
