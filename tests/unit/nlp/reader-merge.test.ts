// The merge rules (nlp/reader-merge.ts), without any network: raise only through quoted signals,
// never lower, quotes and ids checked, facts filled only where missing.
import { beforeAll, describe, expect, it } from "vitest";
import { colourRulesFromRubric } from "../../../knowledge/colours.js";
import { loadKnowledge } from "../../../knowledge/load.js";
import type { Knowledge } from "../../../knowledge/types.js";
import { answerOfTriage, offlineReader, type ReaderAnswer } from "../../../nlp/reader.js";
import { mergeReading, quotedFrom, triageWithReader } from "../../../nlp/reader-merge.js";
import { ownerOf, type OwnerOf } from "../../../nlp/risk.js";
import { createTriager, type Triager } from "../../../nlp/triage.js";

let k: Knowledge;
let triager: Triager;
let owners: OwnerOf;
beforeAll(() => {
  k = loadKnowledge();
  triager = createTriager({ knowledge: k });
  owners = ownerOf(colourRulesFromRubric(k.rubric));
});

const answer = (over: Partial<ReaderAnswer>): ReaderAnswer => ({ reader: "m", services: [], signals: [], facts: {}, summary: [], ...over });

describe("mergeReading", () => {
  it("an overall red without a quoted signal raises nothing", () => {
    const t = triager.triage("楼上邻居天天半夜蹦迪，吵得睡不着");
    const { triage, report } = mergeReading(t, answer({ color: "red" }), { text: t.masked, knowledge: k, owners });
    expect(triage.risk).toEqual(t.risk);
    expect(report.raised).toBeUndefined();
  });

  it("a quoted orange raises blue to orange with the owner and a labelled reason; the ordinary reason goes", () => {
    const t = triager.triage("楼上邻居天天半夜蹦迪，吵得睡不着");
    expect(t.risk.color).toBe("blue");
    const { triage } = mergeReading(t, answer({ color: "orange", signals: [{ color: "orange", quote: "天天半夜蹦迪", explanation: "噪音持续" }] }), { text: t.masked, knowledge: k, owners });
    expect(triage.risk.color).toBe("orange");
    expect(triage.risk.owner).toBe("township_secretary");
    expect(triage.risk.reasons.some((r) => r.signal === "ordinary")).toBe(false);
    expect(triage.risk.reasons.at(-1)?.explanation).toContain("仅供参考");
  });

  it("never lowers, even with a quoted blue signal", () => {
    const t = triager.triage("他说要拿刀弄死我全家");
    const { triage, report } = mergeReading(t, answer({ color: "blue", signals: [{ color: "blue", quote: "弄死我全家", explanation: "玩笑" }] }), { text: t.masked, knowledge: k, owners });
    expect(triage.risk.color).toBe("red");
    expect(report.refusedLowering).toBe(true);
  });

  it("drops unknown ids, puts known ones first, fills only missing facts", () => {
    const t = triager.triage("借给朋友五万块钱，他一直拖着不还");
    const { triage, report } = mergeReading(
      t,
      answer({ services: ["x.y", "financial.private_lending"], facts: { wants: "要回欠款", otherParty: "朋友小王" } }),
      { text: t.masked, knowledge: k, owners },
    );
    expect(report.droppedServices).toEqual(["x.y"]);
    expect(triage.services[0]?.id).toBe("financial.private_lending");
    expect(triage.facts.otherParty).toEqual(t.facts.otherParty ?? { text: "朋友小王", relation: "other" });
    expect(triage.facts.wants).toBe(t.facts.wants ?? "要回欠款");
  });

  it("quotedFrom wants the resident's exact words", () => {
    expect(quotedFrom("我不想活了", "不想活")).toBe(true);
    expect(quotedFrom("我不想活了", " ")).toBe(false);
    expect(quotedFrom("我不想活了", "想死")).toBe(false);
  });
});

describe("the offline reader", () => {
  it("is the default: the same triage, in the readers' shape", async () => {
    const text = "他说要拿刀弄死我全家";
    const r = await offlineReader((x) => triager.triage(x)).read({ text, offline: triager.triage(text) });
    expect(r.kind).toBe("answer");
    if (r.kind === "answer") expect(r.answer).toEqual(answerOfTriage(triager.triage(text)));
    const alone = await triageWithReader(text, { triage: (x) => triager.triage(x), knowledge: k, owners });
    expect(alone.triage).toEqual(triager.triage(text));
  });
});
