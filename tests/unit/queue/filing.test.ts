import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../knowledge/load.js";
import { caseRecordFor } from "../../../queue/filing.js";
import { colourRulesFromRubric } from "../../../knowledge/colours.js";
import { MATIGOU, newCaseFixture } from "../../support/queue-fixtures.js";

describe("filing a case", () => {
  const k = loadKnowledge();
  const rules = colourRulesFromRubric(k.rubric);
  const service = k.services.find((s) => s.legalBasis.length > 0 && s.domains.includes("marital"))!;

  it("takes colour, owner and deadline from the rubric and the briefing from the first service's legal basis", () => {
    const input = newCaseFixture({ color: "orange", township: MATIGOU });
    input.triage = {
      ...input.triage,
      domain: "marital",
      services: [{ id: service.id, name: service.name.zh, score: 1, categoryId: service.categoryId, agencyIds: service.agencyIds, evidence: [] }],
    };
    input.confirmedFacts = { otherParty: { text: "她丈夫", relation: "spouse" } };
    const now = new Date("2026-03-01T08:00:00Z");
    const { record, about, ownerTitle } = caseRecordFor(input, { rules, now, catalogue: k });
    expect(record).toMatchObject({ status: "queued", color: "orange", ownerRole: "township_secretary", townshipId: "matigou" });
    expect(record.firstResponseDue.getTime() - now.getTime()).toBe(240 * 60_000);
    expect(ownerTitle).toBe("乡镇书记");
    expect(record.parties).toEqual([{ role: "applicant", text: "张先生" }, { role: "respondent", text: "她丈夫", relation: "spouse" }]);
    expect(about.studioName).toBe(k.studioByDomain.get("marital")?.name.zh);
    expect(about.agencyNames.length).toBe(service.agencyIds.length);
    expect(record.briefing).toContain(`《${service.legalBasis[0]!.law}》`);
  });
});
