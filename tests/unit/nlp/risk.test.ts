// The risk reader: the cost rule that turns probabilities into a colour, the hard rules that can
// only raise, certainty and quotes on every reason, the question when a danger signal is unclear,
// and the merge that never lowers a colour without a person.
import { describe, expect, it } from "vitest";
import { colourRulesFromRubric } from "../../../knowledge/colours.js";
import { loadKnowledge } from "../../../knowledge/load.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isClear } from "../../../nlp/reading.js";
import { DANGER_CONCEPTS, isGroundedRed, mergeRisk, ownerOf as ownersOf, raiseOnly } from "../../../nlp/risk.js";
import { decideColour, redThreshold, RISK_COSTS } from "../../../nlp/risk-model.js";
import type { RiskAssessment } from "../../../nlp/types.js";
import { sharedTriager } from "./helpers.js";

const ownerOf = ownersOf(colourRulesFromRubric(loadKnowledge().rubric));

describe("the cost rule", () => {
  it("colours red on a modest probability of red: a missed red costs far more than a false orange", () => {
    expect(decideColour({ red: 0.3, orange: 0.5, yellow: 0.1, blue: 0.1 })).toBe("red");
    expect(decideColour({ red: 0.01, orange: 0.04, yellow: 0.05, blue: 0.9 })).toBe("blue");
    expect(decideColour({ red: 0.02, orange: 0.08, yellow: 0.2, blue: 0.7 })).not.toBe("red");
    expect(decideColour({ red: 0.05, orange: 0.85, yellow: 0.05, blue: 0.05 })).toBe("orange");
    // A red is never dropped below orange while it is at all likely.
    expect(decideColour({ red: 0.12, orange: 0.0, yellow: 0.44, blue: 0.44 })).not.toMatch(/blue|yellow/);
  });

  it("states the red threshold its costs imply", () => {
    const t = redThreshold({ blue: 1 / 3, yellow: 1 / 3, orange: 1 / 3 });
    expect(t).toBeGreaterThan(0.05);
    expect(t).toBeLessThan(0.5);
    // Against an orange the bar is lower still: a red coloured orange costs more than an orange coloured red.
    expect(redThreshold({ blue: 0, yellow: 0, orange: 1 })).toBeLessThanOrEqual(t);
    expect(RISK_COSTS.red.blue).toBeGreaterThan(RISK_COSTS.blue.red);
  });
});

describe("assessing a message", () => {
  const triager = sharedTriager();

  it("a hard rule makes red with its reason, the criterion and the resident's words, means included", () => {
    const r = triager.triage("跟邻居的事拖了三年没人管。农药我都买好了放在床头，实在熬不下去就喝").risk;
    expect(r.color).toBe("red");
    expect(r.owner).toBe("political_legal_secretary");
    const rule = r.reasons.find((x) => x.signal === "self_means_at_hand")!;
    expect(rule.words.join("")).toContain("农药我都买好了放在床头");
    expect(r.certainty).toBeGreaterThanOrEqual(0.95);
  });

  it("every reason quotes words that are in the text (masked), never fragments", () => {
    for (const text of ["他说要弄死我全家，电话13812345678", "我真的不想活了", "楼上漏水把我家天花板泡坏了", "工地老板欠了我们二十个人工资，明天大伙去堵工地大门"]) {
      const t = triager.triage(text);
      for (const reason of t.risk.reasons) for (const w of reason.words) expect(t.masked.replace(/\s/g, ""), w).toContain(w.replace(/\s/g, ""));
      expect(JSON.stringify(t.risk)).not.toContain("13812345678");
    }
  });

  it("says how sure it is, with calibrated probabilities that sum to one", () => {
    const r = triager.triage("楼上天天半夜蹦迪吵得睡不着").risk;
    expect(r.certainty).toBeGreaterThan(0);
    expect(r.certainty).toBeLessThanOrEqual(1);
    const p = r.probabilities!;
    expect(p.red + p.orange + p.yellow + p.blue).toBeCloseTo(1, 5);
  });

  it("never asks when a rule grounds the red, and only about a danger signal", () => {
    expect(triager.triage("我不想活了").risk.ask).toBeUndefined();
    expect(triager.triage("楼上漏水").risk.ask).toBeUndefined();
  });

  it("a cry for help alone asks whether anyone is in danger; as an exclamation in a calm message it does not", () => {
    const alone = triager.triage("救命").risk;
    expect(alone.color === "red" || alone.ask?.kind === "danger").toBe(true);
    const joke = triager.triage("救命，我们学校食堂一份土豆丝八块钱，这种能反映给谁啊").risk;
    if (joke.color === "blue") expect(joke.ask).toBeUndefined();
  });

  it("a red the model reads without one danger word asks the safety question; a grounded red never does", () => {
    const dir = join(import.meta.dirname, "../../fixtures/heldout-v7");
    let ungrounded = 0;
    for (const file of readdirSync(dir)) {
      for (const line of readFileSync(join(dir, file), "utf8").split("\n").filter(Boolean)) {
        const text = (JSON.parse(line) as { text: string }).text;
        const r = triager.triage(text).risk;
        if (r.color !== "red") continue;
        const danger = triager.prepare(text).reading.hits.some((h) => DANGER_CONCEPTS.has(h.concept) && isClear(h));
        if (isGroundedRed(r) || danger) expect(r.ask, text).toBeUndefined();
        else {
          ungrounded++;
          expect(r.ask, text).toBeDefined();
        }
      }
    }
    expect(ungrounded).toBeGreaterThan(0);
  });

  it("a wish to die held back by fear or family asks the safety question instead of deciding red", () => {
    for (const text of ["要不是舍不得我妈，我早就不想活了", "真想一死了之，可是我害怕", "有时候真想一了百了，可是看看两个娃娃，还得挺住"]) {
      const r = triager.triage(text).risk;
      expect(r.reasons.some((x) => x.signal === "self_harm_intent"), text).toBe(false);
      expect(r.color === "red" || r.ask?.kind === "self_harm", text).toBe(true);
    }
    // A means at hand stays red however the resident hesitates.
    expect(triager.triage("农药我买好了放在床头，就是还不敢喝").risk.color).toBe("red");
  });

  it("empty input is blue with a request to describe the problem", () => {
    const r = triager.triage("   ").risk;
    expect(r.color).toBe("blue");
    expect(r.reasons[0]!.signal).toBe("empty");
  });
});

describe("merging assessments", () => {
  const red: RiskAssessment = { color: "red", reasons: [{ signal: "self_harm_intent", criterion: "self_harm", color: "red", words: ["不想活了"], explanation: "x" }], ...ownerOf("red") };
  const blue: RiskAssessment = { color: "blue", reasons: [{ signal: "ordinary", criterion: "ordinary", color: "blue", words: [], explanation: "y" }], ...ownerOf("blue") };

  it("raiseOnly never lowers", () => {
    expect(raiseOnly("red", "blue")).toBe("red");
    expect(raiseOnly("yellow", "orange")).toBe("orange");
  });
  it("keeps red when a calmer message follows, with its reasons and owner", () => {
    const merged = mergeRisk(red, blue, { ownerOf });
    expect(merged.color).toBe("red");
    expect(merged.owner).toBe("political_legal_secretary");
    expect(merged.reasons.some((r) => r.criterion === "self_harm")).toBe(true);
  });
  it("a red read by the model alone keeps its question when it joins an earlier part; a grounded red drops it", () => {
    const modelRed: RiskAssessment = { color: "red", reasons: [{ signal: "model", criterion: "extreme_behavior", color: "red", words: [], explanation: "m" }], ...ownerOf("red"), ask: { kind: "danger", probability: 0.45 } };
    expect(mergeRisk(blue, modelRed, { ownerOf }).ask).toEqual({ kind: "danger", probability: 0.45 });
    expect(mergeRisk(modelRed, red, { ownerOf }).ask).toBeUndefined();
  });
  it("only a confirming person may lower it", () => {
    expect(mergeRisk(red, blue, { confirmedBy: "mediator:42", ownerOf }).color).toBe("blue");
  });
});
