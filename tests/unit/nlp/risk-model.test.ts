import { describe, expect, it } from "vitest";
import { COLOR_RANK } from "../../../nlp/risk.js";
import { loadRiskModel, loadRiskPhrases } from "../../../nlp/resources.js";
import {
  MODEL_DANGER_EXPLANATION,
  RiskModelSchema,
  assessRiskByModel,
  closestCriterion,
  crossValidateRiskModel,
  modelRiskReason,
  parseRiskPhrases,
  trainRiskModel,
} from "../../../nlp/risk-model.js";
import { createTriager } from "../../../nlp/triage.js";
import { loadKnowledge } from "../../../knowledge/load.js";
import { sharedTriager } from "./helpers.js";

/**
 * Written for this test only, never in nlp/data/risk-phrases.jsonl: danger described without
 * the rule lexicon's words (places, give-aways, confinement, plans), and everyday texts that
 * share their surface (bridges, towers, locks, crowds, medicine).
 */
const HELD_OUT_DANGER = [
  "我现在在大桥中间，车来车往的，我就想这样结束",
  "她把银行卡和密码都交给了邻居大姐，说以后用不着了",
  "我爸爬到村里的水塔上面去了，喊他也不应",
  "他把媳妇关在地窖里好几天了，只从上面扔点馒头下去",
  "我们几个村子的人已经说好，后天一早去县政府门口坐着，不解决不走",
  "我儿子写了一张纸条说对不起，人就不见了，手机关机",
  "老太太攒了一瓶子药片，说等过完年就吃了",
  "我今晚在江堤上坐着，不想回去了",
  "他揣着一把家伙在那个包工头家门口等了一下午",
  "婆家把我锁在屋里不让我出去，吃饭也是从窗户递进来",
  "工人们商量好了，明天早上把老板的厂门全堵上",
  "我已经交代好了后事，房子留给女儿，今天就去做个了结",
  "他天天喝了酒就把我往死里打，孩子在旁边吓得直哭",
  "我老公被那帮讨债的关在一个仓库里，他们说不拿钱就别想出来",
  "我妹这几天一句话不说，把自己的衣服全送人了",
  "那个人说今晚带几个兄弟过来，让我们家好好等着",
  "我站在楼顶的边上，风吹得我站不稳",
  "好几百户都报了名，周末去售楼处门口拉横幅",
  "我弟弟把汽车停在河边，人往水里走了",
  "他说那块地谁敢来量，他就跟谁同归",
];

const HELD_OUT_ORDINARY = [
  "每天下班都要从大桥上过，堵车堵得厉害",
  "我在电视塔附近开了个小饭馆，房东突然涨房租",
  "他把我家的自行车锁在他家院子里，说是我挡了他的路",
  "村里几十个人一起去看戏，回来的路上路灯不亮",
  "我妈的降压药吃完了，想问医保卡怎么续",
  "楼上邻居装修，电钻声吵得孩子没法午睡",
  "借给同学三千块，半年了还没还",
  "烦死了，快递又送错了地方",
  "气死我了，物业又多收了停车费",
  "我没有想不开，就是想问问离婚财产怎么分",
  "他家的羊跑进我家麦地里了，吃了一大片",
  "我们约好了下个月一起去镇上办房产证",
  "孩子的学费交了，学校说没收到",
  "我把旧冰箱送给了邻居，他说坏了要我修",
  "我在河边钓鱼，渔政说这里不让钓",
  "楼下烧烤的油烟熏得我们家没法开窗",
];

describe("risk phrases and the shipped risk model", () => {
  const phrases = loadRiskPhrases();
  const triager = sharedTriager();

  it("has at least 400 labelled phrases of every label, none duplicated, none held out here", () => {
    expect(phrases.length).toBeGreaterThanOrEqual(400);
    for (const label of ["danger", "concern", "ordinary"] as const) expect(phrases.filter((p) => p.label === label).length).toBeGreaterThan(80);
    expect(new Set(phrases.map((p) => p.text)).size).toBe(phrases.length);
    const texts = new Set(phrases.map((p) => p.text));
    for (const t of [...HELD_OUT_DANGER, ...HELD_OUT_ORDINARY]) expect(texts.has(t)).toBe(false);
  });

  it("cross-validates on its own phrases (prints accuracy and raise rates)", () => {
    const cv = crossValidateRiskModel(phrases, (t) => triager.normalize(t));
    console.log(
      `risk model 5-fold CV: accuracy ${(cv.accuracy * 100).toFixed(1)}%; ` +
        Object.entries(cv.perClass).map(([l, m]) => `${l} P ${m.precision} R ${m.recall} (n=${m.n})`).join("; ") +
        `; danger raised to orange ${(cv.dangerCaught * 100).toFixed(1)}%, ordinary raised ${(cv.ordinaryRaised * 100).toFixed(1)}%; thresholds ${JSON.stringify(cv.thresholds)}`,
    );
    expect(cv.accuracy).toBeGreaterThan(0.65);
    expect(cv.dangerCaught).toBeGreaterThan(0.5);
    expect(cv.ordinaryRaised).toBeLessThan(0.12);
  });

  it("ships a valid, small model whose thresholds are probabilities above one half", () => {
    const model = loadRiskModel();
    expect(RiskModelSchema.safeParse(model).success).toBe(true);
    expect(Object.keys(model.logLikelihood).length).toBeLessThanOrEqual(3000);
    expect(model.thresholds.danger).toBeGreaterThanOrEqual(0.5);
    expect(model.thresholds.concern).toBeGreaterThanOrEqual(0.5);
    const p = assessRiskByModel(model, triager.normalize("已经爬上塔吊了")).probabilities;
    expect(p.danger + p.concern + p.ordinary).toBeCloseTo(1, 3);
  });

  it("raises most held-out danger texts to orange or above", () => {
    const reached = HELD_OUT_DANGER.filter((t) => COLOR_RANK[triager.triage(t).risk.color] >= COLOR_RANK.orange);
    const missed = HELD_OUT_DANGER.filter((t) => !reached.includes(t));
    console.log(`held-out danger → orange or red: ${reached.length}/${HELD_OUT_DANGER.length}; missed: ${missed.join(" | ")}`);
    expect(reached.length / HELD_OUT_DANGER.length).toBeGreaterThanOrEqual(0.7);
  });

  it("keeps most held-out ordinary texts blue (the model adds at most a few raises)", () => {
    const rulesOnly = createTriager({ knowledge: loadKnowledge(), riskModel: null });
    const raised = HELD_OUT_ORDINARY.filter((t) => triager.triage(t).risk.color !== "blue");
    const byModel = raised.filter((t) => rulesOnly.triage(t).risk.color === "blue");
    console.log(`held-out ordinary raised: ${raised.length}/${HELD_OUT_ORDINARY.length} (by the model: ${byModel.length}) ${raised.join(" | ")}`);
    expect(byModel.length / HELD_OUT_ORDINARY.length).toBeLessThanOrEqual(0.1);
    expect(raised.length / HELD_OUT_ORDINARY.length).toBeLessThanOrEqual(0.25);
  });
});

describe("the model as a raise-only second opinion", () => {
  const triager = sharedTriager();
  const rulesOnly = createTriager({ knowledge: loadKnowledge(), riskModel: null });
  const texts = [...HELD_OUT_DANGER, ...HELD_OUT_ORDINARY, "他说要弄死我", "我真的不想活了", "我没想过轻生，就是要工钱", "找过村委会三次都没用", "全村五十多户的地被占了"];

  it("never lowers a rule colour and never makes red on its own", () => {
    for (const t of texts) {
      const rules = rulesOnly.triage(t).risk;
      const both = triager.triage(t).risk;
      expect(COLOR_RANK[both.color]).toBeGreaterThanOrEqual(COLOR_RANK[rules.color]);
      if (rules.color !== "red") expect(both.color).not.toBe("red");
      if (both.color !== rules.color) {
        const reason = both.reasons.find((r) => r.signal === "model_danger" || r.signal === "model_concern");
        expect(reason, t).toBeDefined();
        expect(reason!.color).toBe(both.color);
        expect(reason!.explanation).toMatch(/模型提示，未命中明确关键词/);
        expect(both.reasons.some((r) => r.signal === "ordinary")).toBe(false);
      }
    }
  });

  it("explains a model raise with evidence words and the closest criterion", () => {
    const risk = triager.triage("已经爬上塔吊了，说不给钱就不下来").risk;
    expect(COLOR_RANK[risk.color]).toBeGreaterThanOrEqual(COLOR_RANK.orange);
    const model = risk.reasons.find((r) => r.signal === "model_danger");
    if (model) {
      expect(model.explanation).toBe(MODEL_DANGER_EXPLANATION);
      expect(model.words.length).toBeGreaterThan(0);
      expect(model.criterion).toBe("extreme_behavior");
    }
  });

  it("adds nothing when the rules already said orange or red", () => {
    const model = loadRiskModel();
    const text = triager.normalize("我已经在桥上了，不想回去了");
    expect(modelRiskReason(model, text, { color: "blue", reasons: [] })?.color).toBe("orange");
    expect(modelRiskReason(model, text, { color: "yellow", reasons: [] })?.color).toBe("orange");
    expect(modelRiskReason(model, text, { color: "orange", reasons: [] })).toBeUndefined();
    expect(modelRiskReason(model, text, { color: "red", reasons: [] })).toBeUndefined();
  });

  it("does not overrule a risk word the rules judged negated or out of context", () => {
    const model = loadRiskModel();
    const text = triager.normalize("我已经在桥上了，不想回去了");
    const note = { signal: "fight_negated", criterion: "intense_conflict", color: "blue" as const, words: ["打架"], explanation: "否定" };
    expect(modelRiskReason(model, text, { color: "blue", reasons: [note] })).toBeUndefined();
  });

  it("maps hints to rubric criteria", () => {
    expect(closestCriterion("全村人商量好了明天去政府门口坐着")).toBe("group_incident");
    expect(closestCriterion("把人关在羊圈里不给饭")).toBe("domestic_violence");
    expect(closestCriterion("站在桥上不想回去")).toBe("self_harm");
    expect(closestCriterion("说不清楚")).toBe("intense_conflict");
  });
});

describe("training", () => {
  it("rejects data missing a label and reports bad lines without failing", () => {
    const parsed = parseRiskPhrases('{"text":"站在桥上","label":"danger"}\nnot json\n{"text":"x","label":"red"}\n');
    expect(parsed.phrases).toHaveLength(1);
    expect(parsed.skipped.map((s) => s.line)).toEqual([2, 3]);
    expect(() => trainRiskModel(parsed.phrases, (t) => t)).toThrow(/缺少/);
  });
});
