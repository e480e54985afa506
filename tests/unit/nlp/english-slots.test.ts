// The intake items read from English answers: each case is a situation (a span, a point, a
// relation with or without a name, an office tried, nothing tried, a wish), said several ways.
import { describe, expect, it } from "vitest";
import { readSlots } from "../../../nlp/slots.js";

const slots = (text: string) => readSlots(text, []);

describe("since when, in English", () => {
  it.each([
    ["about a year", 365],
    ["It has been going on for roughly two years.", 730],
    ["for three months now", 90],
    ["It started two weeks ago.", 14],
    ["maybe ten days ago", 10],
    ["nearly half a year", 180],
    ["a year and a half", 548],
    ["since last autumn", 365],
    ["Since last winter, every night.", 365],
    ["since this spring", 120],
    ["since last month", 30],
    ["It began last week", 7],
    ["yesterday evening", 1],
    ["a few days ago", 3],
    ["for years", 1095],
  ])("%s → %i days", (text, days) => {
    expect(slots(text).since?.days).toBe(days);
  });

  it("a month or a year said without a count is kept, without a day count", () => {
    expect(slots("It started in March.").since).toEqual({ text: "started in March" });
    expect(slots("since 2023").since).toEqual({ text: "since 2023" });
  });

  it("words that only look like times are not a start: may, counts, masked phone digits", () => {
    expect(slots("They may come back tonight.").since).toBeUndefined();
    expect(slots("We bought 2000 bricks from him.").since).toBeUndefined();
    expect(slots("My phone is 139****5678").since).toBeUndefined();
  });
});

describe("the other party, in English", () => {
  it.each([
    ["my neighbour Zhang", "neighbor", "my neighbour Zhang", true],
    ["It is my upstairs neighbor, called Wang Laosan.", "neighbor", "my upstairs neighbor called Wang Laosan", true],
    ["my husband", "husband", "my husband", false],
    ["My ex-wife took the children.", "ex_wife", "My ex-wife", false],
    ["My mother-in-law keeps shouting at me.", "in_law", "My mother-in-law", false],
    ["the people next door", "neighbor", "the people next door", false],
    ["our landlord Mr Liu kept the deposit", "landlord", "our landlord Mr Liu", true],
    ["my boss has not paid me for months", "employer", "my boss", false],
  ])("%s → %s", (text, relation, said, named) => {
    expect(slots(text).otherParty).toEqual({ text: said, relation, named });
  });

  it("a capitalised word after the relation that begins a sentence is not a name", () => {
    expect(slots("My husband. He drinks every night.").otherParty).toEqual({ text: "My husband", relation: "husband", named: false });
  });

  it("an office the resident already went to is what was tried, not the other party", () => {
    const s = slots("I already asked the village committee, but nothing changed.");
    expect(s.otherParty).toBeUndefined();
    expect(s.attempts?.kinds).toEqual(["village_committee"]);
  });
});

describe("what was tried and the wish, in English", () => {
  it.each([
    ["I already asked the village committee to help.", ["village_committee"]],
    ["We called the police twice last month.", ["police"]],
    ["I have reported it to the labour bureau.", ["labour_bureau"]],
    ["The village head came but did nothing.", ["village_committee"]],
    ["I talked to a lawyer and went to the township government.", ["lawyer", "department"]],
    ["I haven't asked anyone yet.", []],
    ["This is the first time I am reporting it.", []],
  ])("%s → %j", (text, kinds) => {
    expect(slots(text).attempts?.kinds).toEqual(kinds);
  });

  it.each([
    ["I want him to stop the noise after ten at night.", "I want him to stop the noise after ten at night"],
    ["All I want is my money back, my phone is 139****5678", "All I want is my money back"],
    ["We would like them to apologise and fix the wall.", "We would like them to apologise and fix the wall"],
    ["I just hope someone can talk to him", "I just hope someone can talk to him"],
  ])("%s → the wish", (text, wish) => {
    expect(slots(text).wants).toBe(wish);
  });

  it("one English message can answer several items at once", () => {
    const s = slots("My neighbour Li has been dumping rubbish at my door for three months. I already asked the village committee. I want him to stop.");
    expect(s.otherParty).toMatchObject({ relation: "neighbor", named: true });
    expect(s.since).toMatchObject({ days: 90 });
    expect(s.attempts?.kinds).toEqual(["village_committee"]);
    expect(s.wants).toBe("I want him to stop");
  });

  it("the Chinese readers still come first for a Chinese message", () => {
    expect(slots("邻居叫王老三，去年秋天开始的，村委会调解过一次没用").otherParty?.text).toBe("邻居王老三");
  });
});
