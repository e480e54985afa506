import { describe, expect, it } from "vitest";
import { extractFacts } from "../../../nlp/facts.js";
import { sharedTriager } from "./helpers.js";

describe("facts", () => {
  it("takes the side named after the resident's own child or parent as the other party, and the child alone when no one else is named", () => {
    const party = (t: string) => extractFacts(t).otherParty;
    expect(party("我儿子在县二中上初一，班上几个男生天天打他")?.relation).toBe("classmate");
    expect(party("俺闺女在镇小学读书，隔壁班的孩子老抢她的钱")?.relation).toBe("classmate");
    expect(party("我爸在县医院做完手术以后一直发烧，医院不给复印病历")?.relation).toBe("hospital");
    expect(party("我儿子在网上借了网贷，催收天天打电话")?.relation).toBe("online_lender");
    expect(party("我女儿结婚三年了，女婿一喝酒就打她")?.relation).toBe("in_law");
    // Only the resident's own is spoken for: someone else's son is the other party, and so is my son when he is the one.
    expect(party("老张的儿子把我家的玻璃砸了")?.relation).toBe("child");
    expect(party("我儿子不给我养老钱，说我偏心")?.relation).toBe("child");
    // Two of the family: the first one told stays.
    expect(party("我妈和我弟为了老房子闹翻了")?.relation).toBe("parent");
  });

  it("finds money, duration, party and attempts", () => {
    const f = extractFacts("借给隔壁老王八万块，两年多了不还，报过警也起诉过，我想要回本金");
    expect(f.money).toMatchObject({ amount: 80000 });
    expect(f.duration?.days).toBeGreaterThanOrEqual(700);
    // A name ends before an amount, and before a verb that follows it.
    expect(extractFacts("我借给同村的李四两万块钱他一直不还").otherParty?.text).toBe("同村的李四");
    expect(extractFacts("是他弟弟李五借的钱").otherParty?.text).toBe("弟弟李五");
    // A village cadre who came to talk is what was tried, not the other side.
    expect(extractFacts("村里的干部来说过 没用").attempts.map((a) => a.kind)).toEqual(["village_committee"]);
    // A person in charge asked is what was tried (找过班主任), and so is the village head by his title.
    expect(extractFacts("找过班主任 班主任说娃娃们闹着玩").attempts.map((a) => a.kind)).toContain("someone_in_charge");
    expect(extractFacts("去年找过村主任").attempts.map((a) => a.kind)).toContain("village_committee");
    expect(extractFacts("找过其他部门").attempts.map((a) => a.kind)).toEqual(["department"]);
    expect(extractFacts("找过班主任").otherParty).toBeUndefined();
    expect(extractFacts("好几年了").duration?.text).toBe("好几年");
    // "多" is the resident's: kept in the summary's words.
    expect(f.duration?.text).toBe("两年多");
    expect(extractFacts("半年多了，他还是天天半夜放音乐").duration).toMatchObject({ text: "半年多", days: 200 });
    expect(f.otherParty?.relation).toBe("neighbor");
    expect(f.attempts.map((a) => a.kind)).toEqual(expect.arrayContaining(["police", "court"]));
    expect(f.wants).toContain("要回本金");
    // What the other side should do is a wish; what bullies take is not.
    expect(extractFacts("我就想让他把猪圈挪走").wants).toContain("把猪圈挪走");
    expect(extractFacts("叫他一个月给点生活费").wants).toContain("给点生活费");
    expect(extractFacts("班里三个男娃天天打他 要他的钱 还把他的书包扔到厕所里").wants).toBeUndefined();
    // An amount belongs to the wish, a phone number does not; nor does anything cut at a tag or a bracket.
    expect(extractFacts("我希望他赔我3000块钱").wants).toBe("我希望他赔我3000块钱");
    expect(extractFacts("希望他把钱还了 电话13912345678").wants).toBe("希望他把钱还了");
    expect(extractFacts("希望<b>他家</b>把狗拴好(3)天之内").wants).toContain("把狗拴好(3)天之内");
  });
  it("counts people in collective disputes", () => {
    expect(extractFacts("我们三十多户的地都被占了").peopleCount).toMatchObject({ count: 30 });
    expect(extractFacts("包工头欠十几个工人工资").peopleCount?.count).toBe(10);
    // a generic measure word (个, 号) or none, with the people noun after it
    expect(extractFacts("五十多个农民工没拿到钱").peopleCount).toMatchObject({ count: 50, text: "五十多个农民工" });
    expect(extractFacts("两百多号人在厂门口").peopleCount?.count).toBe(200);
    expect(extractFacts("二十多个家长去了学校").peopleCount?.count).toBe(20);
    // not a count of people
    expect(extractFacts("拖了三个月了").peopleCount).toBeUndefined();
    expect(extractFacts("买了五十多个苹果").peopleCount).toBeUndefined();
  });
  it("recognises relations", () => {
    expect(extractFacts("前夫不给抚养费").otherParty?.relation).toBe("ex_husband");
    // Two parties joined by 和 are both named, and 和 does not start a name.
    expect(extractFacts("镇政府和开发商一起把我家的地征了").otherParty?.text).toBe("镇政府和开发商");
    expect(extractFacts("邻居和他儿子天天骂我").otherParty?.text).toBe("邻居");
    expect(extractFacts("网贷平台天天催收").otherParty?.relation).toBe("online_lender");
    expect(extractFacts("县医院拖着不给病历").otherParty?.relation).toBe("hospital");
    expect(extractFacts("孩子在学校被打").otherParty?.relation).toBe("school");
  });
  it("reads colloquial sums", () => {
    expect(extractFacts("他欠我两千五的工钱").money?.amount).toBe(2500);
  });
  it("reads large sums written in words, digits or mixed", () => {
    expect(extractFacts("被人骗走了一百二十万").money?.amount).toBe(1_200_000);
    expect(extractFacts("投进去120万全亏了").money?.amount).toBe(1_200_000);
    expect(extractFacts("损失1.2百万元").money?.amount).toBe(1_200_000);
  });
  it("counts children and patients as people", () => {
    expect(extractFacts("二十多个娃娃吃了食堂的饭都吐了").peopleCount?.count).toBe(20);
    expect(extractFacts("三十几个孩子发烧").peopleCount?.count).toBe(30);
  });
  it("places come from the gazetteer through the triager", () => {
    const t = sharedTriager().triage("我是马蹄沟镇盐湾村的，邻居占了我家宅基地");
    expect(t.facts.township?.name).toBe("马蹄沟镇");
    expect(t.facts.village?.name).toBe("盐湾村");
  });
  it("does not read phone numbers as money", () => {
    const t = sharedTriager().triage("欠我钱不还，联系电话13812345678");
    expect(t.facts.money).toBeUndefined();
    expect(t.masked).toContain("138****5678");
  });
});
