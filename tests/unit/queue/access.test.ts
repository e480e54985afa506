import { describe, expect, it } from "vitest";
import { canChangeColour, canClaim, canView, canWork, jurisdictionFilter, seesContact, type Actor, type CaseScope } from "../../../queue/access.js";

const actor = (role: Actor["role"], townshipId: string | null = null, id: string = role): Actor => ({ id, role, displayName: id, townshipId });
const scope = (over: Partial<CaseScope> = {}): CaseScope => ({ townshipId: "a", color: "blue", status: "queued", claimedById: null, ownerRole: "mediator", ...over });

describe("access by role and jurisdiction", () => {
  it("keeps a township mediator inside their township; county roles see everything", () => {
    expect(canView(actor("mediator", "a"), scope()).ok).toBe(true);
    expect(canView(actor("mediator", "b"), scope()).ok).toBe(false);
    expect(canClaim(actor("mediator", "b"), scope()).ok).toBe(false);
    expect(canView(actor("township_secretary", "b"), scope()).ok).toBe(false);
    expect(canView(actor("centre_director", "b"), scope()).ok).toBe(true);
    expect(jurisdictionFilter(actor("mediator", "a"))).toBe("a");
    expect(jurisdictionFilter(actor("political_legal_secretary", "a"))).toBeNull();
  });

  it("lets only case workers claim, and only the claimant or a leader work a claimed case", () => {
    expect(canClaim(actor("operator"), scope()).ok).toBe(false);
    expect(canClaim(actor("admin"), scope()).ok).toBe(false);
    const claimed = scope({ status: "claimed", claimedById: "m1" });
    expect(canWork(actor("mediator", null, "m1"), claimed).ok).toBe(true);
    expect(canWork(actor("mediator", null, "m2"), claimed).ok).toBe(false);
    expect(canWork(actor("centre_director"), claimed).ok).toBe(true);
  });

  it("needs a reason for any colour change and a confirming leader to lower a red", () => {
    const mine = scope({ status: "claimed", claimedById: "m1", color: "red" });
    const m1 = actor("mediator", null, "m1");
    expect(canChangeColour(m1, scope({ claimedById: "m1" }), { to: "red", reason: "", confirmLowerRed: false }).ok).toBe(false);
    expect(canChangeColour(m1, mine, { to: "blue", reason: "误报", confirmLowerRed: true }).ok).toBe(false);
    expect(canChangeColour(actor("centre_director"), mine, { to: "blue", reason: "误报", confirmLowerRed: false }).ok).toBe(false);
    expect(canChangeColour(actor("centre_director"), mine, { to: "blue", reason: "误报", confirmLowerRed: true }).ok).toBe(true);
  });

  it("shows contact details only to the handler and the centre director", () => {
    const claimed = scope({ claimedById: "m1" });
    expect(seesContact(actor("mediator", null, "m1"), claimed)).toBe(true);
    expect(seesContact(actor("mediator", null, "m2"), claimed)).toBe(false);
    expect(seesContact(actor("operator"), claimed)).toBe(false);
    expect(seesContact(actor("centre_director"), claimed)).toBe(true);
  });
});
