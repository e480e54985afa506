// The reading front: homophones, pinyin, initials, English, emoji, and the context of each hit.
import { describe, expect, it } from "vitest";
import { createT2S, normalize } from "../../../nlp/normalize.js";
import { splitPinyin } from "../../../nlp/pinyin.js";
import { contextTag, readText } from "../../../nlp/reading.js";
import { defaultNlpDataDir } from "../../../nlp/resources.js";
import { loadVocabulary } from "../../../nlp/vocabulary.js";

const vocab = loadVocabulary(defaultNlpDataDir());
const t2s = createT2S();
const read = (s: string) => readText(normalize(s, t2s), vocab);
const concepts = (s: string) => read(s).hits.map((h) => h.concept);
const hit = (s: string, concept: string) => read(s).hits.find((h) => h.concept === concept);

describe("reading front: danger words however they are typed", () => {
  it.each([
    ["我真的想自杀", "text"],
    ["我想自沙", "sound"], // homophone typo, same tones
    ["字杀算了", "sound"],
    ["活着没一思", "sound"], // near-homophone of a longer word
    ["zisha", "pinyin"],
    ["wo bu xiang huo le", "pinyin"],
    ["wǒ bù xiǎng huó le", "pinyin"], // with tone marks
    ["zs了算了", "initials"],
    ["I want to end my life", "english"],
    ["我好想kill myself", "english"],
    ["我想輕生", "text"], // traditional characters
  ])("%s → die_wish (%s)", (text, via) => {
    const h = hit(text, "die_wish");
    expect(h, text).toBeDefined();
    expect(h!.via).toBe(via);
    expect(h!.word.length).toBeGreaterThan(0);
  });

  it("does not read ordinary words as danger words by sound", () => {
    expect(concepts("可我还是想试试")).not.toContain("die_wish"); // 想试 is not 想死 (tones differ)
    expect(concepts("他俩商量好了一起私奔")).not.toContain("die_wish"); // a sound match never reaches into an ordinary word
    expect(concepts("jiaxiao shou le wo sanqian kuai")).not.toContain("violence"); // "le wo" is 了我 in pinyin
    expect(concepts("相思病又犯了")).not.toContain("die_wish"); // no character in common
    expect(concepts("我家那口子天天打麻将")).not.toContain("violence");
    expect(concepts("my mother is ill")).toEqual([]); // English words are not pinyin initials
    // One feature of distance per character: 说 shuo1 differs from 锁 suo3 in initial and tone.
    expect(concepts("唉说起来话长，他家往我院里倒垃圾")).not.toContain("held");
    expect(concepts("活着没一思").length).toBeGreaterThan(0); // the same syllable in another tone is still read (活着没意思)
  });

  it("never reads idioms and shop talk", () => {
    for (const s of ["笑死我了", "气死我了", "累死了", "跳楼价大甩卖", "这个价我们杀价杀了半天", "打死我也不信"]) {
      expect(concepts(s).filter((c) => c === "die_wish" || c === "kill_threat"), s).toEqual([]);
    }
  });

  it("reads meaningful emoji as their words", () => {
    expect(concepts("他再来我就🔪")).toContain("weapon");
    expect(concepts("💊都准备好了")).toEqual(expect.arrayContaining(["self_means", "prepared"]));
    expect(read("😭😭").featureText).toContain("哭");
  });

  it("splits Latin runs into pinyin syllables, and refuses English", () => {
    expect(splitPinyin("woxiangsi")).toEqual(["wo", "xiang", "si"]);
    expect(splitPinyin("kill")).toBeUndefined();
  });
});

describe("reading front: the context of each hit, per clause", () => {
  it("negation in the speaker's own words, but not telling someone else not to", () => {
    expect(hit("我不会想不开的，你放心", "die_wish")!.context.negated).toBe(true);
    expect(hit("我没想死", "die_wish")!.context.negated).toBe(true);
    expect(hit("别想不开啊", "die_wish")!.context.negated).toBe(false);
    expect(hit("我不想死", "die_wish")!.context.negated).toBe(true);
  });

  it("a disclaimer does not cancel what follows a contrast", () => {
    const r = read("我不是要闹事，但是汽油我已经准备好了");
    expect(r.hits.find((h) => h.concept === "fuel")!.context.negated).toBe(false);
    expect(read("我不是要闹事但是我要去北京上访").hits.find((h) => h.concept === "mass_action")!.context.negated).toBe(false);
  });

  it("the past, the news and other places; products used as products", () => {
    expect(hit("去年村里有人喝了农药", "self_means")!.context.past).toBe(true);
    expect(hit("电视剧里那个人要跳楼", "self_harm_method")!.context.reported).toBe(true);
    expect(hit("买了两瓶农药打虫子", "self_means")!.context.productUse).toBe(true);
    expect(hit("农药我都买好了放在床头", "self_means")!.context).toEqual({ negated: false, past: false, joking: false, hedged: false, reported: false, productUse: false });
  });

  it("someone sought as company is not someone else's story; someone who did it is", () => {
    expect(hit("有人约一起自杀吗，坐标榆林", "die_wish")!.context.reported).toBe(false);
    expect(hit("有没有人一起去死，坐标西安", "die_wish")!.context.reported).toBe(false);
    expect(hit("有人跳崖了", "self_harm_method")!.context.reported).toBe(true);
  });

  it("people in general and a question put about someone else are told of, not the resident's own", () => {
    expect(hit("现在好多人动不动就说自己想跳楼", "self_harm_method")!.context.reported).toBe(true);
    expect(hit("网上很多人晒自己割腕的照片", "self_harm_method")!.context.reported).toBe(true);
    expect(hit("看到那么多想去死的人", "die_wish")!.context.reported).toBe(true);
    expect(hit("假如你的孩子要自杀，你会怎么办", "die_wish")!.context.reported).toBe(true);
    expect(hit("真不开心的话，想死的都去死啊", "die_wish")!.context.reported).toBe(true);
    expect(hit("要是别人想不开怎么劝", "die_wish")!.context.reported).toBe(true);
    // The resident is in the clause: their own wish or threat, whoever else is named.
    expect(hit("好多人劝我，可我还是想死", "die_wish")!.context.reported).toBe(false);
    expect(hit("要是他再来闹我就杀了他", "kill_threat")!.context.reported).toBe(false);
    expect(hit("假如我死了孩子怎么办", "die_wish")?.context.reported ?? false).toBe(false);
    expect(hit("很多人都知道我想跳楼", "self_harm_method")!.context.reported).toBe(false);
  });

  it("a clause with nobody in it carries on the sentence's subject; people in general stay told of until the resident comes in", () => {
    // Spaces between long runs end a clause: the subject 很多人 stands in the clause before.
    expect(hit("很多人一点小事就说自己抑郁了 想跳楼了", "self_harm_method")!.context.reported).toBe(true);
    expect(hit("好多人都晒自己割腕的照片我看了心疼", "self_harm_method")!.context.reported).toBe(true);
    expect(hit("最近自杀的太多了", "die_wish")!.context.reported).toBe(true);
    // The resident between the people and the words: their own.
    expect(hit("好多人都逼我，想跳楼", "self_harm_method")!.context.reported).toBe(false);
    expect(hit("村里人都欺负我 我想跳河", "self_harm_method")!.context.reported).toBe(false);
  });

  it("said of the person spoken to is not the resident's own, unless the resident is in it or tells them not to", () => {
    expect(hit("别今天跟我说完明天又说你想跳楼", "self_harm_method")!.context.reported).toBe(false); // 我 in the clause
    expect(hit("上周说你想跳楼，这周又好了", "self_harm_method")!.context.reported).toBe(true);
    expect(hit("儿子你别想不开", "die_wish")!.context.reported).toBe(false);
    expect(hit("妈你要是跳河了我怎么办", "self_harm_method")!.context.reported).toBe(false);
    expect(hit("你再逼我，我就跳楼", "self_harm_method")!.context.reported).toBe(false);
    // A threat to "you" is a threat whoever says it.
    expect(hit("你再敢来，我弄死你", "kill_threat")!.context.reported).toBe(false);
  });

  it("the experiential 过 tells of something done before, not of now", () => {
    expect(hit("我割腕过，血很快就干了", "self_harm_method")!.context.past).toBe(true);
    expect(hit("年轻时候也想过自杀", "die_wish")!.context.past).toBe(true);
    expect(hit("wo ye zisha guo", "die_wish")?.context.past ?? true).toBe(true);
    expect(hit("我想过去死", "die_wish")!.context.past).toBe(false); // 想/过去/死: to go and die
    expect(hit("割腕过三次了，这次真的不想活了", "die_wish")!.context.past).toBe(false);
    expect(hit("他站在楼顶要跳过去", "self_harm_method")?.context.past ?? false).toBe(false);
    expect(hit("我在去跳江的路上被人拉回去过", "self_harm_method")!.context.past).toBe(true);
  });

  it("a danger word inside an excluded phrase is not read (死去的: the late)", () => {
    expect(concepts("让他死去的弟弟看看他的家人")).not.toContain("kill_threat");
    expect(concepts("我要让他死")).toContain("kill_threat");
  });

  it("a wish to die held back by fear or by family is hedged; a means at hand is not", () => {
    expect(hit("真想一死了之，可是我害怕", "die_wish")!.context.hedged).toBe(true);
    expect(hit("要不是舍不得我妈，我早就不想活了", "die_wish")!.context.hedged).toBe(true);
    expect(hit("想死但是连死的勇气都没有", "die_wish")!.context.hedged).toBe(true);
    expect(contextTag(hit("我怕疼，不然早就跳河了", "self_harm_method")!)).toBe("hedge");
    expect(contextTag(hit("农药我买好了，就是还不敢喝", "self_means")!)).toBe("clear");
    expect(hit("我不想活了", "die_wish")!.context.hedged).toBe(false);
  });

  it("a hedge counts for the person the words are about, not for the resident watching over them", () => {
    expect(hit("儿子刚刚站在阳台上说想跳下去，我抱着他不敢松手", "self_harm_method")!.context.hedged).toBe(false);
    expect(hit("我妈说她不想活了，我不敢离开她半步", "die_wish")!.context.hedged).toBe(false);
    expect(hit("俺婆姨说不想活了 俺不敢离开她半步", "die_wish")!.context.hedged).toBe(false);
    // Their own hedge, or the resident's own wish.
    expect(hit("我儿子说不想活了，可是他又说舍不得我", "die_wish")!.context.hedged).toBe(true);
    expect(hit("他们都爱我，我也怕死，割腕太疼了", "self_harm_method")!.context.hedged).toBe(true);
  });

  it("reads a 100 KB paste and an empty string without failing", () => {
    expect(read("").hits).toEqual([]);
    expect(read("邻居吵架".repeat(25_000)).clauses.length).toBeGreaterThan(0);
  });
});
