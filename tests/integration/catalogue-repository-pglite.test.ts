import { describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshPglite } from "../support/services.js";
import { catalogueRepositoryContract } from "../support/catalogue-contract.js";
import { openDatabase } from "../../adapters/db/database.js";

catalogueRepositoryContract("pglite", () => freshPglite());

describe("embedded PGlite across restarts", () => {
  it("keeps its data and applies migrations only once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "yizhan-restart-"));
    try {
      const first = await openDatabase({ dataDir: dir });
      expect(first.appliedMigrations.length).toBeGreaterThan(0);
      await first.prisma.category.create({ data: { id: "kept", nameZh: "保留", nameEn: "Kept", description: "重启后仍在" } });
      await first.close();

      const second = await openDatabase({ dataDir: dir });
      expect(second.appliedMigrations).toEqual([]);
      expect(await second.prisma.category.findUnique({ where: { id: "kept" } })).toMatchObject({ nameZh: "保留" });
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
