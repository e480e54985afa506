import { describe, expect, it } from "vitest";
import { canFileTranscript, type Actor } from "../../../queue/access.js";
import { hotlineColour } from "../../../queue/hotline-colour.js";
import type { RiskAssessment } from "../../../nlp/types.js";

const actor = (role: Actor["role"]): Actor => ({ id: role, role, displayName: "小陈", townshipId: null });
const yellow: RiskAssessment = { color: "yellow", reasons: [], owner: "mediator", ownerTitle: "调解员" };

describe("hotline filing policy (queue/)", () => {
  it("lets operators and case workers file calls, not the admin", () => {
    expect(canFileTranscript(actor("operator")).ok).toBe(true);
    expect(canFileTranscript(actor("mediator")).ok).toBe(true);
    const admin = canFileTranscript(actor("admin"));
    expect(admin).toEqual({ ok: false, reason: "系统管理员不能登记来电。" });
  });

  it("keeps the suggestion, raises with a reason, never lowers", () => {
    expect(hotlineColour(actor("operator"), yellow, {})).toEqual({ ok: true, risk: yellow });
    const raised = hotlineColour(actor("operator"), yellow, { to: "orange", reason: "来电人情绪激动" });
    expect(raised.ok && raised.risk.color).toBe("orange");
    expect(raised.ok && raised.risk.reasons.at(-1)?.explanation).toBe("坐席小陈调高：来电人情绪激动");
    expect(hotlineColour(actor("operator"), yellow, { to: "orange" })).toMatchObject({ ok: false, error: "invalid" });
    const lowered = hotlineColour(actor("operator"), yellow, { to: "blue", reason: "没事了" });
    expect(lowered).toMatchObject({ ok: false, error: "invalid" });
    expect(!lowered.ok && lowered.reason).toContain("只能调高");
    expect(hotlineColour(actor("admin"), yellow, {})).toMatchObject({ ok: false, error: "forbidden" });
  });
});
