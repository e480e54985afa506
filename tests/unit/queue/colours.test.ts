import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../knowledge/load.js";
import { colourRulesFromRubric, isLower, RISK_COLORS } from "../../../knowledge/colours.js";
import { currentOwner, escalatedColour, firstResponseDue } from "../../../queue/colours.js";
import { escalate, isOverdue, minutesLeft } from "../../../queue/escalation.js";
import { formatCaseNumber, parseCaseNumber } from "../../../queue/case-number.js";

describe("colours and deadlines", () => {
  const shipped = colourRulesFromRubric(loadKnowledge().rubric);

  it("reads owners and deadlines from the shipped rubric", () => {
    expect(shipped.red).toEqual({ owner: "political_legal_secretary", ownerTitle: "政法委书记", firstResponseMinutes: 60 });
    expect(shipped.blue.owner).toBe("mediator");
    expect(RISK_COLORS.map((c) => shipped[c].firstResponseMinutes)).toEqual([...RISK_COLORS.map((c) => shipped[c].firstResponseMinutes)].sort((a, b) => a - b));
  });

  it("fails fast on a rubric without a colour", () => {
    expect(() => colourRulesFromRubric([])).toThrow(/no red level/);
  });

  it("orders and climbs the ladder blue → yellow → orange → red, never past red", () => {
    expect(isLower("blue", "red")).toBe(true);
    expect(isLower("red", "orange")).toBe(false);
    expect([0, 1, 2, 3, 9].map((l) => escalatedColour("blue", l))).toEqual(["blue", "yellow", "orange", "red", "red"]);
    expect(currentOwner(shipped, "yellow", 1).owner).toBe("township_secretary");
    const from = new Date("2026-01-01T00:00:00Z");
    expect(firstResponseDue(shipped, "red", from).toISOString()).toBe("2026-01-01T01:00:00.000Z");
  });

  it("escalates only overdue unclaimed cases, one level, with a fresh deadline", () => {
    const now = new Date("2026-01-02T00:00:00Z");
    const past = new Date("2026-01-01T00:00:00Z");
    const overdue = { status: "queued" as const, color: "blue" as const, escalationLevel: 0, firstResponseDue: past };
    expect(isOverdue(overdue, now)).toBe(true);
    expect(minutesLeft(overdue, now)).toBe(-1440);
    expect(escalate(shipped, overdue, now)).toEqual({
      escalationLevel: 1,
      ownerRole: "centre_director",
      ownerTitle: "中心主任",
      firstResponseDue: new Date(now.getTime() + 1440 * 60_000),
    });
    expect(escalate(shipped, { ...overdue, status: "claimed" }, now)).toBeNull();
    expect(escalate(shipped, { ...overdue, firstResponseDue: new Date(now.getTime() + 1) }, now)).toBeNull();
    expect(escalate(shipped, { ...overdue, color: "red" }, now)).toBeNull();
    expect(escalate(shipped, { ...overdue, color: "yellow", escalationLevel: 2 }, now)).toBeNull();
  });

  it("formats and parses case numbers", () => {
    expect(formatCaseNumber(2026, 123)).toBe("ZZ-2026-000123");
    expect(parseCaseNumber(" zz-2026-000123 ")).toEqual({ prefix: "ZZ", year: 2026, sequence: 123 });
    expect(parseCaseNumber("2026-123")).toBeNull();
  });
});
