import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTranscript } from "../../../nlp/transcript.js";
import { sharedTriager } from "./helpers.js";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "../../fixtures/transcripts", name), "utf8");

describe("transcripts", () => {
  it("splits role labels with timestamps and joins broken lines", () => {
    const p = parseTranscript(fixture("01-leak-timestamps.txt"));
    expect(p.turns[0]).toMatchObject({ speaker: "operator", time: "09:12:03" });
    expect(p.turns[1]?.speaker).toBe("caller");
    expect(p.turns[1]?.text).toContain("天花板都泡烂了");
    expect(p.callerAccount).not.toContain("请问有什么可以帮您");
    expect(p.operatorNotes).toContain("楼上漏水");
  });

  it("triages a transcript like a chat, masking phone numbers", () => {
    const t = sharedTriager().triageTranscript(fixture("01-leak-timestamps.txt"));
    expect(t.domain).toBe("neighbor");
    expect(t.facts.village?.name).toBe("北泉村");
    expect(t.facts.attempts.map((a) => a.kind)).toContain("village_committee");
    expect(t.callerAccount).toContain("139****5678");
    expect(t.masked).not.toContain("13912345678");
  });

  it("works out which letter is the operator and flags the caller's self-harm", () => {
    const t = sharedTriager().triageTranscript(fixture("02-letters-selfharm.txt"));
    expect(t.turns.filter((x) => x.speaker === "operator").length).toBe(3);
    expect(t.turns.filter((x) => x.speaker === "caller").length).toBe(3);
    expect(t.risk.color).toBe("red");
    expect(t.facts.money?.amount).toBeGreaterThanOrEqual(80000);
    expect(t.facts.peopleCount?.count).toBe(10);
  });

  it("reads labels with times on their own lines", () => {
    const t = sharedTriager().triageTranscript(fixture("03-times-own-lines.txt"));
    expect(t.turns.map((x) => x.speaker)).toEqual(["operator", "caller", "operator", "caller"]);
    expect(t.turns[1]?.time).toBe("00:00:09");
    expect(t.domain).toBe("campus");
    expect(t.risk.reasons.map((r) => r.criterion)).toContain("vulnerable_party");
  });

  it("colours up when only the operator named the risk and the caller agreed", () => {
    const t = sharedTriager().triageTranscript(fixture("04-operator-asks.txt"));
    expect(["orange", "red"]).toContain(t.risk.color);
    expect(t.risk.reasons.some((r) => r.signal.startsWith("operator_"))).toBe(true);
  });

  it("takes unlabelled text as the caller's account", () => {
    const p = parseTranscript("邻居家的狗天天叫\n晚上睡不着");
    expect(p.labelled).toBe(false);
    expect(p.callerAccount).toContain("睡不着");
  });
});
