import { describe, expect, it } from "vitest";
import { CASE_EVENTS, CASE_STATUSES, transition, type CaseStatus, type CaseEventType } from "../../../queue/lifecycle.js";

const legal: Record<string, CaseStatus> = {
  "intake/submit": "queued",
  "queued/claim": "claimed",
  "claimed/release": "queued",
  "mediating/release": "queued",
  "claimed/start": "mediating",
  "claimed/resolve": "resolved",
  "mediating/resolve": "resolved",
  "claimed/refer": "referred",
  "mediating/refer": "referred",
  "claimed/fail": "unresolved",
  "mediating/fail": "unresolved",
  "resolved/follow_up": "follow_up",
  "referred/follow_up": "follow_up",
  "unresolved/follow_up": "follow_up",
  "follow_up/close": "closed",
  "resolved/reopen": "queued",
  "referred/reopen": "queued",
  "unresolved/reopen": "queued",
  "follow_up/reopen": "queued",
  "closed/reopen": "queued",
};

describe("case life cycle", () => {
  it("allows exactly the documented moves and refuses every other with a Chinese reason", () => {
    for (const status of CASE_STATUSES) {
      for (const type of CASE_EVENTS) {
        const result = transition(status, { type } as { type: CaseEventType });
        const expected = legal[`${status}/${type}`];
        if (expected) {
          expect(result, `${status} + ${type}`).toEqual({ ok: true, status: expected });
        } else {
          expect(result.ok, `${status} + ${type} should be refused`).toBe(false);
          if (!result.ok) expect(result.reason).toMatch(/^案件当前状态为“.+”，不能.+：.+。$/);
        }
      }
    }
  });

  it("walks the whole path from intake to closed", () => {
    let s: CaseStatus = "intake";
    for (const type of ["submit", "claim", "start", "resolve", "follow_up", "close"] as const) {
      const r = transition(s, { type });
      expect(r.ok).toBe(true);
      if (r.ok) s = r.status;
    }
    expect(s).toBe("closed");
  });

  it("never closes a case that skipped the satisfaction visit", () => {
    for (const s of CASE_STATUSES.filter((x) => x !== "follow_up")) expect(transition(s, { type: "close" }).ok).toBe(false);
  });
});
