// What the resident confirmed goes on the case as told: a start time without a day count is kept.
import { describe, expect, it } from "vitest";
import { newSession } from "../../../bot/session.js";
import { confirmedFacts } from "../../../bot/summary.js";

describe("confirmedFacts", () => {
  it("keeps a start time told without a day count, and the day count when there is one", () => {
    const session = newSession({ residentKey: "webchat:since", channel: "webchat" }, new Date("2026-12-01T00:00:00Z"));
    expect(confirmedFacts({ ...session, answers: { since: { text: "去年秋天" } } })).toMatchObject({ since: "去年秋天" });
    expect(confirmedFacts({ ...session, answers: { since: { text: "去年秋天" } } }).duration).toBeUndefined();
    expect(confirmedFacts({ ...session, answers: { since: { text: "三个月了", days: 90 } } })).toMatchObject({ since: "三个月了", duration: { days: 90 } });
    expect(confirmedFacts({ ...session, answers: { since: { text: "（居民未说明）" } } }).since).toBeUndefined();
  });
});
