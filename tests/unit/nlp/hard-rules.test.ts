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

const CASES: Record<string, { fires: string[]; silent: string[] }> = {
  self_harm_intent: {
    fires: ["我不想活了", "俺真想寻死", "活不下去了 我想跳河", "wo bu xiang huo le", "I want to kill myself", "我想自沙", "這日子我不想活了", "有没有人一起去死，坐标西安", "实在熬不过去我就去跳海"],
    // A wish held back by fear or family is the model's to weigh and the dialogue's to ask about.
    silent: ["我不会想不开的，你放心", "去年村里有人跳河了", "电视剧里那个人要跳楼", "笑死我了", "跳楼价甩卖", "真想一死了之，可是我害怕"],
  },
  means_at_hand: {
    fires: ["农药我都买好了放在床头", "安眠药我已经攒够了", "刀在车里放着，他再来我就跟他算账", "汽油我准备好了", "💊都准备好了"],
    silent: ["买了两瓶农药打虫子", "医生开的安眠药按时吃", "我在加油站买了汽油", "拿着菜刀切菜"],
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
    fires: ["我们全村人凑了钱下个月去北京上访", "工人们明天要去堵路", "大伙商量好了去县政府门口静坐", "we will block the road tomorrow"],
    silent: ["儿子在北京打工", "我去西安看病", "我不想去上访，也不想闹"],
  },
  arson_explosive: {
    fires: ["我要一把火烧了他家", "再不给钱我就自焚", "明天我带着汽油去找他算账"],
    silent: ["家里煤气罐没气了", "点火做饭的时候停电了"],
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
    const f = applyHardRules(reading, rules).find((x) => x.id === "means_at_hand")!;
    const quotes = quoteHits(reading, f.hits);
    expect(quotes.join("|")).toContain("农药我都买好了放在床头");
    for (const q of quotes) expect(reading.text).toContain(q);
  });

  it("refuses a rule that names an unknown concept", () => {
    expect(() => loadHardRules(defaultNlpDataDir(), ["die_wish"])).toThrow(/概念/);
  });
});
