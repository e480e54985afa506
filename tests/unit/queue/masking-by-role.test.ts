// Every field that can hold a resident's phone or ID number is masked for staff without need:
// the resident key, story, messages, progress, the "六个一", outcome, parties, the stored
// triage (a hotline call's turns and caller account) and the audit details.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../../queue/access.js";
import { createMemoryCaseRepository } from "../../../queue/memory-case-repository.js";
import { maskDeep, maskResidentKey } from "../../../queue/masking.js";
import { MIAOJIAPING, newCaseFixture, recordingService } from "../../support/queue-fixtures.js";

const PHONE = "13912345678";
const ID = "11010519491231002X";

const staff = (id: string, role: Actor["role"], townshipId: string | null = MIAOJIAPING.id): Actor => ({ id, role, displayName: id, townshipId });

async function hotlineLikeCase() {
  const { service } = recordingService(createMemoryCaseRepository());
  const base = newCaseFixture({ township: MIAOJIAPING, residentKey: `hotline:${PHONE}` });
  const filed = await service.fileCase({
    ...base,
    channel: "hotline",
    resident: { ...base.resident, key: `hotline:${PHONE}`, channel: "hotline", phone: PHONE },
    triage: { ...base.triage, callerAccount: `我电话${PHONE}，身份证${ID}`, turns: [{ speaker: "caller", text: `我电话${PHONE}` }] } as typeof base.triage,
  });
  const claimant = staff("m1", "mediator");
  expect((await service.claim(claimant, filed.id)).ok).toBe(true);
  expect((await service.addProgress(claimant, filed.id, `已电话联系${PHONE}，核对身份证${ID}`)).ok).toBe(true);
  expect((await service.updateRecord(claimant, filed.id, { plan: `约见，联系${PHONE}` })).ok).toBe(true);
  expect((await service.messageResident(claimant, filed.id, `请回电${PHONE}`)).ok).toBe(true);
  expect((await service.changeColour(claimant, filed.id, { to: "orange", reason: `来电人${PHONE}情绪激动`, confirmLowerRed: false })).ok).toBe(true);
  return { service, filed, claimant };
}

describe("masking by role", () => {
  it("shows nothing raw to an operator, a colleague who has not claimed, the political-legal secretary or the admin", async () => {
    const { service, filed } = await hotlineLikeCase();
    for (const viewer of [staff("op", "operator", null), staff("m2", "mediator"), staff("pl", "political_legal_secretary", null), staff("admin", "admin", null)]) {
      const seen = await service.getCase(viewer, filed.id);
      expect(seen.ok, viewer.role).toBe(true);
      if (!seen.ok) continue;
      const everything = JSON.stringify(seen.value);
      expect(everything, viewer.role).not.toContain(PHONE);
      expect(everything, viewer.role).not.toContain(ID);
      expect(seen.value.contactVisible).toBe(false);
      expect(seen.value.case.residentKey).toBe("hotline:139****5678");
      expect(seen.value.case.progress[0]?.text).toContain("139****5678");
      expect(seen.value.audit.some((a) => String(a.detail.reason ?? "").includes("139****5678"))).toBe(true);
    }
  });

  it("shows the claiming mediator everything as stored", async () => {
    const { service, filed, claimant } = await hotlineLikeCase();
    const seen = await service.getCase(claimant, filed.id);
    expect(seen.ok && seen.value.contactVisible).toBe(true);
    const everything = JSON.stringify(seen.ok && seen.value);
    expect(everything).toContain(PHONE);
    expect(everything).toContain(ID);
  });

  it("masks the case a use case answers with, for a leader who works it without claiming", async () => {
    const { service, filed, claimant } = await hotlineLikeCase();
    const secretary = staff("pl", "political_legal_secretary", null);
    for (const answer of [
      await service.changeColour(secretary, filed.id, { to: "red", reason: "情绪激动，升级处理", confirmLowerRed: false }),
      await service.addProgress(secretary, filed.id, "已通知派出所"),
      await service.updateRecord(secretary, filed.id, { leadLeader: "副县长" }),
    ]) {
      expect(answer.ok).toBe(true);
      expect(JSON.stringify(answer)).not.toContain(PHONE);
    }
    const own = await service.addProgress(claimant, filed.id, "继续跟进");
    expect(JSON.stringify(own)).toContain(PHONE);
  });

  it("keeps identifiers and dates intact while masking text", () => {
    const at = new Date();
    const masked = maskDeep({ id: "550e8400-e29b-41d4-a716-446655440000", number: "ZZ-2026-000123", at, nested: [{ text: `电话${PHONE}` }] });
    expect(masked).toEqual({ id: "550e8400-e29b-41d4-a716-446655440000", number: "ZZ-2026-000123", at, nested: [{ text: "电话139****5678" }] });
    expect(maskResidentKey("webchat:2b9f0c1e-7d4a-4c59-9a3e-5f1d2c3b4a59")).toBe("webchat:****4a59");
    expect(maskResidentKey("telegram:93001234")).toBe("telegram:****1234");
  });
});
