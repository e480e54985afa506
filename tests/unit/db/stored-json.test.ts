// The case's stored JSON: what the current version wrote reads back exactly; another version,
// a bad shape or garbage is reported with the field and the version found, never guessed.
import { describe, expect, it } from "vitest";
import {
  readAuditDetail,
  readFacts,
  readParties,
  readTriage,
  triageEnvelope,
  TRIAGE_VERSION,
  unreadableNotice,
} from "../../../adapters/db/stored-json.js";
import { findPlaces } from "../../../knowledge/gazetteer.js";
import { loadKnowledge } from "../../../knowledge/load.js";
import { createTriager } from "../../../nlp/triage.js";
import { triageFixture } from "../../support/queue-fixtures.js";

/** As PostgreSQL hands a JSON column back: parsed JSON, no undefined, no class instances. */
const stored = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("stored triage", () => {
  it("reads back a real triage exactly as the current version wrote it", () => {
    const triager = createTriager({ knowledge: loadKnowledge(), findPlaces });
    for (const text of ["他说要杀了我全家，我现在很害怕，电话13812345678", "邻居家的狗咬了我家的鸡", "借给朋友8万元，两年了不还"]) {
      const triage = triager.triage(text);
      const read = readTriage(stored(triageEnvelope(triage)));
      expect(read).toEqual({ ok: true, value: stored(triage) });
    }
  });

  it("keeps keys the schema does not name (a hotline triage's turns) and optional fields absent as absent", () => {
    const hotline = { ...triageFixture({ color: "red" }), callerAccount: "来电人说……", operatorNotes: "", turns: [{ speaker: "caller", text: "喂" }] };
    const read = readTriage(stored({ version: TRIAGE_VERSION, triage: hotline }));
    expect(read).toEqual({ ok: true, value: stored(hotline) });
    if (read.ok) expect("certainty" in read.value.risk).toBe(false);
  });

  it("reports another version with the version found", () => {
    const read = readTriage({ version: 2, triage: { colour: "red", reading: {} } });
    expect(read).toMatchObject({ ok: false, field: "triage", version: 2 });
    expect(unreadableNotice("triage", 2)).toBe("此案件的分诊记录无法读取（版本 2），请人工核对风险颜色。");
  });

  it("reports a current-version envelope whose triage has a bad shape, with where it broke", () => {
    const broken = stored({ version: TRIAGE_VERSION, triage: { ...triageFixture({ color: "red" }), risk: { color: "crimson", reasons: [] } } });
    const read = readTriage(broken);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.version).toBe(1);
    expect(read.issues.map((i) => i.path)).toContain("triage.risk.color");
    expect(unreadableNotice("triage", 1)).toBe("此案件的分诊记录无法读取（版本 1，内容不完整），请人工核对风险颜色。");
  });

  it("reports garbage (no envelope, null, a string, an array) as unversioned", () => {
    for (const garbage of [null, "not json at all", [1, 2], 42, {}, { triage: triageFixture() }]) {
      expect(readTriage(garbage)).toMatchObject({ ok: false, field: "triage", version: null });
    }
    expect(unreadableNotice("triage", null)).toBe("此案件的分诊记录无法读取（未标版本），请人工核对风险颜色。");
  });

  it("never carries the stored content in what it reports (it may hold personal data)", () => {
    const read = readTriage({ version: TRIAGE_VERSION, triage: { masked: 13812345678, story: "张三 13812345678" } });
    expect(read.ok).toBe(false);
    expect(JSON.stringify(read)).not.toContain("13812345678");
    expect(JSON.stringify(read)).not.toContain("张三");
  });
});

describe("stored facts, parties and audit details", () => {
  it("read back what the current version wrote", () => {
    const facts = { township: { id: "miaojiaping", name: "苗家坪镇" }, money: { amount: 80000, text: "8万元" }, attempts: [{ kind: "village_committee", text: "找过村委会" }] };
    expect(readFacts(stored(facts))).toEqual({ ok: true, value: facts });
    const parties = [{ role: "applicant", text: "张先生" }, { role: "respondent", text: "她丈夫", relation: "spouse" }];
    expect(readParties(stored(parties))).toEqual({ ok: true, value: parties });
    expect(readAuditDetail({ from: "blue", to: "red", reason: "有威胁" })).toEqual({ ok: true, value: { from: "blue", to: "red", reason: "有威胁" } });
  });

  it("report a bad shape or garbage", () => {
    expect(readFacts({ township: "苗家坪镇" })).toMatchObject({ ok: false, field: "facts", version: null });
    expect(readFacts("garbage")).toMatchObject({ ok: false, field: "facts" });
    expect(readParties([{ role: "judge", text: "某" }])).toMatchObject({ ok: false, field: "parties" });
    expect(readParties({ version: 2, parties: [] })).toMatchObject({ ok: false, field: "parties" });
    expect(readAuditDetail([1, 2])).toMatchObject({ ok: false, field: "audit_detail" });
    expect(readAuditDetail(null)).toMatchObject({ ok: false, field: "audit_detail" });
    expect(unreadableNotice("parties", null)).toBe("此案件的当事人记录无法读取，请对照群众陈述人工核对。");
  });
});
