import { describe, expect, it } from "vitest";
import { classifyDomain, domainModel } from "../../../nlp/classifier.js";
import { domainCues } from "../../../nlp/domain-cues.js";
import { trainLinearModel } from "../../../nlp/linear-model.js";
import { loadDomainLexicon } from "../../../nlp/resources.js";
import type { Domain } from "../../../nlp/types.js";
import { sharedTriager } from "./helpers.js";

/** Held-out phrases written for this test only (not in the corpus). */
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

/**
 * How residents really tell disputes (written for this test only): family quarrels without a
 * marriage word, violence at home without a spouse word, fundraising told as a story, loans
 * whoever the other party is, wages whatever the workplace, rambling neighbour stories.
 */
const RESIDENT_STYLE: [string, Domain][] = [
  ["俺大姐把爹留下的两间瓦房锁了，说她伺候得多，俺们几个兄弟连门都进不去", "marital"],
  ["我娘八十三了，我二哥二嫂住着她的房子却不给她饭吃，冬天连炭都不给生", "marital"],
  ["村里征地补了我家六十万，我弟说他是儿子全拿走了，我们三个姐妹一分没有", "marital"],
  ["我那个小儿子输了钱回来就要钱，不给就拿板凳砸他爹，我们老两口天天提心吊胆", "marital"],
  ["她爹把十四岁的女子许给了外村人家，收了人家十来万，娃还在念初一", "marital"],
  ["他一喝醉就打我，打完跪下认错，过两天又打，警察来过三回都是劝和", "marital"],
  ["前年镇上来了个公司说搞林下养鸡，入股三万年底分红五千，开了两次会大家都交了钱，今年公司门都锁了老板也不见了", "financial"],
  ["后院那家借了我一万八说给他娘看病，条子也写了，一年多了见面就躲", "financial"],
  ["我跟室友借了四千交学费，说好放假打工还，他现在天天在宿舍里骂我", "financial"],
  ["娃念大专的时候在手机上借了好几个平台的钱，利息高得吓人，现在催债的天天打电话", "financial"],
  ["在县医院食堂帮厨干了十个月，承包老板欠了我们仨四个月工钱", "other"],
  ["我在卫生院开救护车，院里三年没给我交养老保险", "other"],
  ["老人的新农合住院报销被卡住了，说少一个章", "other"],
  ["我家跟西边那户挨了三十年，我孙子上学前班的时候两家还一起接送，去年他家把院墙往我这边挪了半米砌成了车库，下雨水全灌进我家菜窖，说了不听，村里调解员来量了两次也没个结果", "neighbor"],
  ["三楼那户的小伙子晚上打游戏拍桌子吼，我们老两口一宿一宿睡不着，上去敲门人家说没影响谁", "neighbor"],
  ["跟人在麻将馆吵起来，被他拿椅子砸破了头，住了五天院，派出所让我们自己谈赔偿", "other"],
];

describe("domain classifier (resident-style stories)", () => {
  const triager = sharedTriager();
  const lexicon = loadDomainLexicon();
  const results = RESIDENT_STYLE.map(([text, gold]) => ({ text, gold, c: classifyDomain(triager.models.domain, triager.prepare(text).features) }));

  it("routes family, fundraising, loan, wage and long neighbour stories by the problem, not the place or the party", () => {
    const wrong = results.filter((r) => r.c.domain !== r.gold).map((r) => `${r.gold}→${r.c.domain} ${r.text}`);
    console.log(`resident-style ${results.length - wrong.length}/${results.length}`, wrong);
    // Engine v1 was tuned on these stories to 15/16; engine v2 (never tuned on them) gets 12/16.
    expect(wrong.length).toBeLessThanOrEqual(4);
  });

  it("is never certain: every probability is strictly between 0 and 1, and a long story is below 0.99", () => {
    for (const r of results) {
      expect(r.c.confidence).toBeLessThan(0.99);
      for (const cand of r.c.candidates) expect(cand.probability).toBeGreaterThan(0);
    }
    const long = RESIDENT_STYLE[13]![0].repeat(3);
    expect(classifyDomain(triager.models.domain, triager.prepare(long).features).confidence).toBeLessThan(0.99);
  });
});

describe("domain classifier (held-out phrases)", () => {
  const triager = sharedTriager();
  const lexicon = loadDomainLexicon();
  const results = HELD_OUT.map(([text, gold]) => ({ text, gold, c: classifyDomain(triager.models.domain, triager.prepare(text).features) }));

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
    const c = classifyDomain(triager.models.domain, triager.prepare("楼上漏水把我家泡了").features);
    expect(c.domain).toBe("neighbor");
    expect(c.evidence.join("")).toMatch(/漏水|楼上/);
    const all = classifyDomain(triager.models.domain, triager.prepare("楼上漏水").features, { minConfidence: 0 });
    expect(all.candidates.length).toBeGreaterThan(0);
  });

  it("is unsure on empty, vague or mixed texts, with candidates", () => {
    expect(triager.triage("你好").unsure).toBe(true);
    expect(triager.triage("").unsure).toBe(true);
    const mixed = triager.triage("离婚的时候他借网贷欠了钱");
    expect(mixed.candidates.length).toBeGreaterThanOrEqual(2);
  });

  it("trains a model from a centre's labelled history", () => {
    const rows: [string, Domain][] = [["楼上漏水", "neighbor"], ["隔壁狗叫", "neighbor"], ["楼上狗叫", "neighbor"], ["借钱不还", "financial"], ["网贷催收", "financial"], ["借钱催收", "financial"]];
    const examples = rows.map(([text, label]) => ({ features: triager.prepare(text).features, label }));
    const { data } = trainLinearModel(examples, ["neighbor", "financial"] as Domain[], { minCount: 1, folds: 2 });
    const m = domainModel(data);
    expect(classifyDomain(m, triager.prepare("楼上的狗天天叫").features, { minConfidence: 0, minMargin: 0 }).domain).toBe("neighbor");
    expect(() => trainLinearModel([{ features: new Map([["a", 1]]), label: "other" as Domain }], ["other"] as Domain[])).toThrow();
  });
});

/**
 * The centre's policy where a side word points to the wrong studio (written for this test only):
 * scams and insurance claims are financial; a developer's leaking building, a homestead approval
 * for a wedding, a phone plan's deductions and a hospital cleaner's wages are other; a stepchild's
 * household registration is marital.
 */
const POLICY_EDGES: [string, Domain][] = [
  ["昨天有人给我爸打电话装成我的声音说被车撞了要钱，我爸转了一万五", "financial"],
  ["老家的叔叔收到一条短信说是他大女婿换了号，让先打两万块救急，打过去就联系不上了", "financial"],
  ["我们三个人合伙收购药材，钱都放在老张那，上礼拜他把账上的钱卷了人跑了", "financial"],
  ["跟表弟一起投资开养鸡场，我拿了八万给他，现在他拿着钱跑广东去了", "financial"],
  ["车子被追尾了，对方保险公司一直拖着不给理赔", "financial"],
  ["买了好几年的医疗险，住院了去报，保险公司找理由拒赔", "financial"],
  ["刚交房的新楼，客厅顶上渗水，开发商说是房子质量问题要等统一维修", "other"],
  ["小区开发商盖的房子外墙漏水，交房两年了找谁都不管", "other"],
  ["儿子打算结婚要盖房，宅基地审批一年多还没批下来", "other"],
  ["运营商每月扣钱，说我办了个套餐，可我从来没办过", "other"],
  ["话费每个月都被多扣，套餐明明是三十八的", "other"],
  ["在县医院干保洁，外包公司拖了我们两个月工资", "other"],
  ["我想给继女上户口，她亲爹那边不配合", "marital"],
  ["后老公的儿子跟着我们过，继子上户口要什么手续", "marital"],
];

describe("domain classifier (policy edges)", () => {
  const triager = sharedTriager();
  const lexicon = loadDomainLexicon();
  const results = POLICY_EDGES.map(([text, gold]) => ({ text, gold, c: classifyDomain(triager.models.domain, triager.prepare(text).features) }));

  it("routes scams, insurance claims, housing quality, land approval, telecom and stepchildren by policy", () => {
    const wrong = results.filter((r) => r.c.domain !== r.gold).map((r) => `${r.gold}→${r.c.domain} ${r.text}`);
    console.log(`policy edges ${results.length - wrong.length}/${results.length}`, wrong);
    // Engine v1 was tuned on these to 13/14; engine v2 (never tuned on them) gets 11/14.
    expect(wrong.length).toBeLessThanOrEqual(3);
    for (const d of ["financial", "other", "marital"] as Domain[]) {
      const rows = results.filter((r) => r.gold === d);
      expect(rows.filter((r) => r.c.domain === d).length).toBeGreaterThanOrEqual(rows.length - 3);
    }
  });

  it("lets a longer lexicon word of one domain hide a shorter word of another inside it", () => {
    const extractFeatures = (text: string, lex: typeof lexicon) => domainCues(text, lex);
    const child = extractFeatures("孩子上户口", lexicon);
    expect(child).toContain("@w:上户口");
    expect(child).not.toContain("@w:户口");
    expect(child).toContain("@marital");
    expect(child).not.toContain("@other");
    const homestead = extractFeatures("宅基地审批", lexicon);
    expect(homestead).toContain("@w:宅基地审批");
    expect(homestead).not.toContain("@neighbor");
    expect(extractFeatures("宅基地的界墙", lexicon)).toContain("@neighbor");
    // Same-domain words are unaffected, and a word outside any longer match still counts.
    expect(extractFeatures("车险理赔，保险公司拒赔", lexicon).filter((f) => f === "@financial").length).toBeGreaterThanOrEqual(3);
    expect(extractFeatures("户口本丢了", lexicon)).toContain("@w:户口");
  });
});

describe("service inside the family category", () => {
  const triager = sharedTriager();
  // The trial found an old mother left without support routed to child custody (生活费), and a
  // daughter-in-law's abuse to divorce mediation (媳妇).
  it.each([
    ["我老母亲七十八了 三个哥哥都不管 不给生活费", "marriage_family.elder_support"],
    ["我婆婆七十多了，儿子儿媳妇天天骂她", "marriage_family.family_conflict"],
  ])("%s → %s", (text, service) => expect(triager.triage(text).services[0]?.id).toBe(service));
});

describe("service inside the neighbour category", () => {
  const triager = sharedTriager();
  // A resident trial found the category's first service (noise) suggested whenever no catalogue word
  // matched: shade, livestock and parking are now words of their own services.
  it.each([
    ["邻居在我家窗前种的大树越长越高，树挡得屋里白天都要开灯", "neighbour.light_ventilation"],
    ["隔壁养了十几头牲口，粪便堆在我家墙根下，臭得没法住", "neighbour.pets_livestock"],
    ["对门邻居天天把车停在我家车位上，说了几次也不挪", "neighbour.public_space"],
  ])("%s → %s", (text, service) => expect(triager.triage(text).services[0]?.id).toBe(service));
});
