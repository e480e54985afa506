// The catalogue through the `yizhan kb` command line and into the database.
import { describe, expect, it } from "vitest";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/cli.js";
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from "../../knowledge/load.js";
import { listServices, syncCatalogue } from "../../adapters/db/catalogue-repository.js";
import { freshPglite } from "../support/services.js";

describe("yizhan kb", () => {
  it("stats --json reports the shipped 23 categories and 188 services", async () => {
    const result = await runCli(["kb", "stats", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ categories: 23, services: 188, studios: 5 });
  });

  it("check passes on the shipped data and fails with file, entry and field on a broken copy", async () => {
    expect((await runCli(["kb", "check"])).code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), "yizhan-kb-"));
    try {
      await cp(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
      const rubric = join(dir, "rubric.yaml");
      await writeFile(rubric, (await readFile(rubric, "utf8")).replace(/color: orange/, "color: purple"));
      const result = await runCli(["kb", "check", dir]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("rubric.yaml");
      expect(result.stdout).toContain("purple");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("KNOWLEDGE_DIR swaps in another catalogue", async () => {
    const result = await runCli(["kb", "stats", "--json"], { KNOWLEDGE_DIR: "/nonexistent-catalogue" });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("nonexistent-catalogue");
  });
});

describe("catalogue in the database", () => {
  it("seeds all 188 services with their agencies, and re-seeding is idempotent", async () => {
    const knowledge = loadKnowledge();
    const { db, dispose } = await freshPglite();
    try {
      await syncCatalogue(db.prisma, knowledge);
      const again = await syncCatalogue(db.prisma, knowledge);
      expect(again.deactivated).toEqual({ categories: 0, agencies: 0, services: 0 });
      const services = await listServices(db.prisma, { activeOnly: true });
      expect(services).toHaveLength(188);
      const noise = knowledge.services[0]!;
      expect(services.find((s) => s.id === noise.id)?.agencyIds).toEqual([...noise.agencyIds].sort());
    } finally {
      await dispose();
    }
  });
});
