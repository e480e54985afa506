// Catalogue repository round-trip, run against PGlite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../adapters/db/database.js";
import { listServices, syncCatalogue, type CatalogueInput } from "../../adapters/db/catalogue-repository.js";

const catalogue: CatalogueInput = {
  categories: [
    { id: "mediation", name: { zh: "人民调解", en: "People's mediation" }, description: "邻里、家庭纠纷调解" },
    { id: "legal-aid", name: { zh: "法律援助", en: "Legal aid" }, description: "免费法律帮助" },
  ],
  agencies: [
    { id: "judicial-bureau", name: { zh: "司法局", en: "Justice bureau" }, description: "人民调解指导", presence: "stationed" },
    { id: "police", name: { zh: "公安局", en: "Police" }, description: "治安调解", presence: "stationed" },
  ],
  services: [
    {
      id: "neighbour-noise",
      categoryId: "mediation",
      name: { zh: "噪音纠纷调解", en: "Noise dispute mediation" },
      description: "楼上楼下噪音",
      domains: ["neighbor"],
      agencyIds: ["judicial-bureau", "police"],
    },
    {
      id: "legal-aid-wages",
      categoryId: "legal-aid",
      name: { zh: "讨薪法律援助", en: "Legal aid for unpaid wages" },
      description: "农民工讨薪",
      domains: ["other", "financial"],
      agencyIds: ["judicial-bureau"],
    },
  ],
};

export function catalogueRepositoryContract(
  name: string,
  open: () => Promise<{ db: Database; dispose(): Promise<void> }>,
  options: { skip?: boolean } = {},
): void {
  describe.skipIf(options.skip ?? false)(`catalogue repository: ${name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ db, dispose } = await open());
    });
    afterEach(async () => {
      await dispose();
    });

    it("round-trips categories, agencies and services with their links", async () => {
      const report = await syncCatalogue(db.prisma, catalogue);
      expect(report).toMatchObject({ categories: 2, agencies: 2, services: 2 });
      const services = await listServices(db.prisma);
      expect(services).toEqual([
        { id: "legal-aid-wages", nameZh: "讨薪法律援助", categoryId: "legal-aid", domains: ["other", "financial"], agencyIds: ["judicial-bureau"], active: true },
        { id: "neighbour-noise", nameZh: "噪音纠纷调解", categoryId: "mediation", domains: ["neighbor"], agencyIds: ["judicial-bureau", "police"], active: true },
      ]);
    });

    it("re-seeding deactivates removed services instead of deleting them", async () => {
      await syncCatalogue(db.prisma, catalogue);
      const smaller: CatalogueInput = { ...catalogue, services: catalogue.services.slice(0, 1) };
      const report = await syncCatalogue(db.prisma, smaller);
      expect(report.deactivated.services).toBe(1);
      expect((await listServices(db.prisma, { activeOnly: true })).map((s) => s.id)).toEqual(["neighbour-noise"]);
      expect((await listServices(db.prisma)).find((s) => s.id === "legal-aid-wages")?.active).toBe(false);
    });

    it("answers ping and reports what it is", async () => {
      await expect(db.ping()).resolves.toBeUndefined();
      expect(db.kind).toBe(name);
    });
  });
}
