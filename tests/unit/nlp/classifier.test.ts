import { describe, expect, it } from "vitest";
import { trainDomainModel, classifyDomain } from "../../../nlp/classifier.js";
import { loadDomainLexicon } from "../../../nlp/resources.js";
import type { Domain } from "../../../nlp/types.js";
import { sharedTriager } from "./helpers.js";

/** Held-out phrases written for this test only (not in nlp/data/domain-phrases.jsonl). */
const HELD_OUT: [string, Domain][] = [
  ["我妈做完心脏支架手术人就不行了，医院说家属签了字", "medical"],
  ["卫生院给我家娃输错了液", "medical"],
  ["住院一个礼拜，出院结账多出来好几千的检查费", "medical"],
  ["割了个痔疮现在大便失禁", "medical"],
  ["诊所给我爹打了一针人就昏过去了", "medical"],
  ["跟老汉过不下去了想离婚，他不肯", "marital"],
  ["男方给的彩礼女方家不退", "marital"],
  ["我哥不出我妈的养老钱", "marital"],
  ["离了婚孩子归我，他一分抚养费不给", "marital"],
  ["媳妇天天跟我吵要回娘家", "marital"],
  ["楼上天天拖椅子吵得睡不着", "neighbor"],
  ["隔壁盖房把排水口对着我家院子", "neighbor"],
  ["他家的狗见人就咬，说了也不拴", "neighbor"],
  ["后院的墙被邻居推倒了说是他家的地方", "neighbor"],
  ["邻居家厕所的水渗到我家墙上", "neighbor"],
  ["网贷的催收员打电话给我所有亲戚", "financial"],
  ["借钱给朋友开店，现在店倒了钱也不还", "financial"],
  ["信用卡分期被收了好多手续费", "financial"],
  ["帮人担保，现在银行让我还款", "financial"],
  ["欠条写着下月还，拖了半年了", "financial"],
  ["娃在学校被同学拿棍子打了", "campus"],
  ["班主任让我家孩子天天站在教室后面", "campus"],
  ["幼儿园的孩子回家身上有好几块淤青", "campus"],
  ["学校收了资料费不给发票", "campus"],
  ["孩子住校被室友欺负不敢说", "campus"],
  ["在砖厂干了半年活，老板一分工资没给", "other"],
  ["拆迁给的补偿款比别人家少", "other"],
  ["骑电动车被小轿车撞了，司机不赔", "other"],
  ["物业把小区的绿地改成了停车场", "other"],
  ["网上买的电视机是坏的，商家不退", "other"],
];

describe("domain classifier (held-out phrases)", () => {
  const triager = sharedTriager();
  const lexicon = loadDomainLexicon();
  const results = HELD_OUT.map(([text, gold]) => ({ text, gold, c: classifyDomain(triager.model, triager.normalize(text), lexicon) }));

  it("gets at least 80% of held-out phrases right and every domain at least 3 of 5", () => {
    const correct = results.filter((r) => r.c.domain === r.gold).length;
    const wrong = results.filter((r) => r.c.domain !== r.gold).map((r) => `${r.gold}→${r.c.domain} ${r.text}`);
    console.log(`held-out accuracy ${correct}/${results.length}`, wrong);
    expect(correct / results.length).toBeGreaterThanOrEqual(0.8);
    for (const d of ["medical", "marital", "neighbor", "financial", "campus", "other"] as Domain[]) {
      expect(results.filter((r) => r.gold === d && r.c.domain === d).length).toBeGreaterThanOrEqual(3);
    }
  });

  it("gives probabilities that sum to one and explains its choice", () => {
    const c = classifyDomain(triager.model, "楼上漏水把我家泡了", lexicon);
    expect(c.domain).toBe("neighbor");
    expect(c.evidence.join("")).toMatch(/漏水|楼上/);
    const all = classifyDomain(triager.model, "楼上漏水", lexicon, { minConfidence: 0 });
    expect(all.candidates.length).toBeGreaterThan(0);
  });

  it("is unsure on empty, vague or mixed texts, with candidates", () => {
    expect(triager.triage("你好").unsure).toBe(true);
    expect(triager.triage("").unsure).toBe(true);
    const mixed = triager.triage("离婚的时候他借网贷欠了钱");
    expect(mixed.candidates.length).toBeGreaterThanOrEqual(2);
  });

  it("trains a model from a centre's labelled history", () => {
    const m = trainDomainModel(
      [
        { text: "楼上漏水", domain: "neighbor" },
        { text: "隔壁狗叫", domain: "neighbor" },
        { text: "借钱不还", domain: "financial" },
        { text: "网贷催收", domain: "financial" },
      ],
      (t) => t,
    );
    expect(classifyDomain(m, "楼上的狗天天叫", undefined, { minConfidence: 0, minMargin: 0 }).domain).toBe("neighbor");
    expect(() => trainDomainModel([{ text: "a", domain: "other" }], (t) => t)).toThrow();
  });
});
