// Each hard rule (nlp/data/hard-rules.yaml) is a situation: it fires in every register residents
// use and stays silent on the traps that share its words. Every firing quotes the resident.
import { describe, expect, it } from "vitest";
import { applyHardRules, loadHardRules } from "../../../nlp/hard-rules.js";
import { createT2S, normalize } from "../../../nlp/normalize.js";
import { readText } from "../../../nlp/reading.js";
import { defaultNlpDataDir } from "../../../nlp/resources.js";
import { loadVocabulary } from "../../../nlp/vocabulary.js";
import { quoteHits } from "../../../nlp/evidence.js";

const vocab = loadVocabulary(defaultNlpDataDir());
const rules = loadHardRules(defaultNlpDataDir(), vocab.concepts);
const t2s = createT2S();
const fired = (s: string) => applyHardRules(readText(normalize(s, t2s), vocab), rules).map((f) => f.id);

/**
 * One neighbour, household, shop or property company blocking a lane, a gate or a pavement: an access
 * dispute, never a group incident; and blocking refused or told as the past, read per clause.
 */
const ACCESS_DISPUTES = [
  "隔壁邻居把路堵了，我家拖拉机出不去",
  "他家砌了一道墙，把我家出门的路堵死了，只剩一人宽",
  "俺那老邻居 在路当中垒了个猪圈 把路堵了 俺这腿脚也绕不过去",
  "对门老汉把柴火堆在巷子里，把路堵了一半，三轮进不去",
  "家人们谁懂啊🙄 对门把车横在巷子口 把路堵了 我上班要迟到了",
  "楼下超市把货摆在人行道上，把路堵了，推婴儿车过不去",
  "小区物业说要整改，把北门锁了，把门堵死了，快递进不来",
  "坐席 您请讲 来电人 就是我家隔壁那个 把我家门口的路给堵了 拿石头垒的 我三轮出不去",
  "linju ba lu du le, wo jia tuolaji chu bu qu",
  "The neighbour's firewood is piled across the lane and blocked the road to our yard",
  "邻居把路堵了，我想找他讨个说法",
  "去年村里人堵过一回路，现在早没事了",
  "我们不会去堵路的，就想问问征地款的标准",
];

const CASES: Record<string, { fires: string[]; silent: string[] }> = {
  self_harm_intent: {
    fires: ["我不想活了", "俺真想寻死", "活不下去了 我想跳河", "wo bu xiang huo le", "I want to kill myself", "我想自沙", "這日子我不想活了", "有没有人一起去死，坐标西安", "实在熬不过去我就去跳海"],
    // A wish held back by fear or family is the model's to weigh and the dialogue's to ask about.
    silent: ["我不会想不开的，你放心", "去年村里有人跳河了", "电视剧里那个人要跳楼", "笑死我了", "跳楼价甩卖", "真想一死了之，可是我害怕"],
  },
  self_means_at_hand: {
    fires: ["农药我都买好了放在床头", "安眠药我已经攒够了", "💊都准备好了", "我实在撑不下去了，农药就在手边", "安眠药攒了一抽屉，俺真熬不住了"],
    silent: ["买了两瓶农药打虫子", "医生开的安眠药按时吃", "刀在车里放着，他再来我就跟他算账"],
  },
  weapon_at_hand: {
    fires: ["刀在车里放着，他再来我就跟他算账", "汽油我准备好了", "我把斧头磨好了，明天去找他报仇"],
    silent: ["我在加油站买了汽油", "拿着菜刀切菜", "农药我都买好了放在床头"],
  },
  threat_kill_maim: {
    fires: ["他说要弄死我", "我要杀了他全家", "再不还钱我就砍死他", "I will kill him"],
    silent: ["我没说要弄死谁", "去年他说过要打死我，现在早和好了"],
  },
  violence_now: {
    fires: ["他现在正在打我", "我男人天天打我", "快来救命他在打人"],
    silent: ["他倒是没动手", "以前他天天打我，现在好了"],
  },
  person_held: {
    fires: ["他们把我锁在屋里不让出门", "我把他家孩子锁在车里了", "工人们把老板关起来了", "前夫把孩子抢走了"],
    silent: ["邻居借了我家的菜刀一直没还"],
  },
  high_place_protest: {
    fires: ["他已经爬上塔吊了", "我站在楼顶上不下来", "俺在大桥上 要不给钱俺就不下来"],
    silent: ["楼顶漏水物业不管"],
  },
  group_action: {
    fires: [
      "我们全村人凑了钱下个月去北京上访",
      "大伙商量好了去县政府门口静坐",
      "we will block the road tomorrow",
      // A blockade planned together or used as pressure, in every register.
      "俺村家家户户都说好了，后晌去把砖厂门口的路堵了",
      "额们村的后生们说好咧，明儿一早大家一起把运煤的路给堵了",
      "群里都说好了 明天全体工友去项目部 把门堵上 不给工钱就不撤👊",
      "坐席 您请讲 来电人 我们村的人都约好了 明早去把采石场的路给堵了 炸山炸得房子都裂了",
      "dajia yiqi qu ba lu du le",
      "Tomorrow all of us will block the road to the quarry until they pay",
      "包工头不给钱就把他工地大门堵了，看他管不管",
      "他要是再不露面，我们就把公司大门堵上，不给钱不走",
    ],
    silent: ["儿子在北京打工", "我去西安看病", "我不想去上访，也不想闹", ...ACCESS_DISPUTES],
  },
  group_blockade: {
    fires: [
      "工人们明天要去堵路",
      "工人们现在把厂门堵了，老板不出来谁也别想走",
      "家长们约好了周五把学校大门堵上",
      "俺们十几户人说好了后天去把乡政府门口的路堵死要地钱",
      "坐席您好 来电人 我们工地二十多个人现在就在老板家门口堵着不让他出门 工资拖了半年了",
      "xdm 明天九点全体业主去把售楼处大门堵了 接龙报名",
      "Dozens of parents are going to block the school gate on Monday",
    ],
    // Many people kept in by a blockade are its victims, not a group acting.
    silent: ["工地的渣土车天天把村口那条路堵上，一堵就是一上午，全村人出门都难", ...ACCESS_DISPUTES],
  },
  arson_explosive: {
    fires: ["我要一把火烧了他家", "再不给钱我就自焚", "明天我带着汽油去找他算账", "他放话说再告就把俺家房子点了", "额今黑夜就把他家房子点了"],
    silent: ["家里煤气罐没气了", "点火做饭的时候停电了", "房子点了灯还是黑乎乎的"],
  },
};

describe("hard rules", () => {
  it("covers every rule with tests", () => {
    expect(Object.keys(CASES).sort()).toEqual(rules.rules.map((r) => r.id).sort());
  });

  for (const [id, c] of Object.entries(CASES)) {
    it.each(c.fires)(`${id} fires: %s`, (text) => expect(fired(text)).toContain(id));
    it.each(c.silent)(`${id} stays silent: %s`, (text) => expect(fired(text)).not.toContain(id));
  }

  it("quotes the resident's words, including the means", () => {
    const reading = readText(normalize("我家的事拖了三年。农药我都买好了放在床头，实在熬不下去就喝", t2s), vocab);
    const f = applyHardRules(reading, rules).find((x) => x.id === "self_means_at_hand")!;
    const quotes = quoteHits(reading, f.hits);
    expect(quotes.join("|")).toContain("农药我都买好了放在床头");
    for (const q of quotes) expect(reading.text).toContain(q);
  });

  it("refuses a rule that names an unknown concept", () => {
    expect(() => loadHardRules(defaultNlpDataDir(), ["die_wish"])).toThrow(/概念/);
  });
});
