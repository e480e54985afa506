import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KnowledgeError } from "../../../knowledge/errors.js";
import { DEFAULT_KNOWLEDGE_DIR, checkKnowledge, knowledgeStats, loadKnowledge } from "../../../knowledge/load.js";

const temps: string[] = [];
function brokenCopy(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "yizhan-kb-"));
  temps.push(dir);
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return dir;
}
afterEach(() => { for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe("shipped catalogue", () => {
  const k = loadKnowledge();
  it("has 23 categories and 188 services, and the other counts", () => {
    const s = knowledgeStats(k);
    expect(s.categories).toBe(23);
    expect(s.services).toBe(188);
    expect(s.studios).toBe(5);
    expect(s.agenciesByPresence).toMatchObject({ stationed: 13, rotating: 8, judicial: 3 });
    expect(s.areas).toBe(10);
    expect(s.windows).toBe(13);
    expect(s.places).toBeGreaterThan(20);
  });
  it("passes the check", () => {
    const r = checkKnowledge(DEFAULT_KNOWLEDGE_DIR);
    expect(r.ok ? [] : r.problems).toEqual([]);
  });
  it("has a studio for every domain but other, and lookups that resolve", () => {
    for (const d of ["medical", "marital", "neighbor", "financial", "campus"]) expect(k.studioByDomain.get(d)?.domain).toBe(d);
    expect(k.serviceById.get("neighbour.noise")?.categoryId).toBe("neighbour");
    expect(k.agencyById.get("court_docking_centre")?.presence).toBe("judicial");
  });
  it("keeps the risk rubric contract", () => {
    const byColor = new Map(k.rubric.map((l) => [l.color, l]));
    expect(byColor.get("red")?.owner).toBe("political_legal_secretary");
    expect(byColor.get("red")?.criteria.map((c) => c.id)).toEqual(
      ["self_harm", "violence_threat", "weapon", "extreme_behavior", "group_incident", "domestic_violence"]);
    expect(byColor.get("blue")?.firstResponseMinutes).toBe(4320);
    expect(byColor.get("orange")?.ownerTitle).toBe("乡镇书记");
  });
  it("gives every service at least 3 examples and a plain-Chinese description", () => {
    for (const s of k.services) {
      expect(s.examples.length, s.id).toBeGreaterThanOrEqual(3);
      expect(s.description, s.id).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe("broken copies fail with precise messages", () => {
  it("missing reference: names file, entry, field and the unknown id", () => {
    const dir = brokenCopy("services/14-neighbour.yaml", (t) =>
      t.replace("agencyIds: [justice, township_government, ecology_environment]", "agencyIds: [justice, no_such_bureau]"));
    const r = checkKnowledge(dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual({
      file: "services/14-neighbour.yaml", entry: "neighbour.noise", field: "agencyIds[1]", message: "引用的单位「no_such_bureau」不存在",
    });
    expect(() => loadKnowledge(dir)).toThrow(KnowledgeError);
    expect(() => loadKnowledge(dir)).toThrow(/services\/14-neighbour\.yaml › neighbour\.noise › agencyIds\[1\]/);
  });
  it("duplicate id", () => {
    const dir = brokenCopy("services/14-neighbour.yaml", (t) => t.replace("id: neighbour.water_leak", "id: neighbour.noise"));
    const r = checkKnowledge(dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual(expect.objectContaining({
      file: "services/14-neighbour.yaml", entry: "neighbour.noise", field: "id", message: expect.stringContaining("id 重复"),
    }));
  });
  it("bad colour", () => {
    const dir = brokenCopy("rubric.yaml", (t) => t.replace("color: orange", "color: purple"));
    const r = checkKnowledge(dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual(expect.objectContaining({
      file: "rubric.yaml", entry: "purple", field: "color", message: expect.stringContaining("purple"),
    }));
    expect(r.problems).toContainEqual(expect.objectContaining({ file: "rubric.yaml", entry: "orange", message: expect.stringContaining("orange") }));
  });
  it("collects every problem, not only the first; a category without services is reported", () => {
    const dir = brokenCopy("services/17-water.yaml", (t) => t.replace("category: water", "category: waterx"));
    const r = checkKnowledge(dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.filter((p) => p.field === "categoryId").length).toBe(6);
    expect(r.problems).toContainEqual(expect.objectContaining({ file: "categories.yaml", entry: "water", message: "该类别下没有任何服务" }));
  });
  it("schema errors name the field in Chinese (too few examples, unknown field)", () => {
    const dir = brokenCopy("services/17-water.yaml", (t) =>
      t.replace("examples: [村里自来水停了好几天, 水龙头出来的水是黄的, 吃水要跑几里路去挑]", "examples: [村里自来水停了好几天]\n    exampels: []"));
    const r = checkKnowledge(dir);
    if (r.ok) throw new Error("expected problems");
    expect(r.problems).toContainEqual({ file: "services/17-water.yaml", entry: "water.drinking_water", field: "examples", message: "至少需要 3 条群众说法示例" });
    expect(r.problems).toContainEqual(expect.objectContaining({ entry: "water.drinking_water", message: expect.stringContaining("exampels") }));
  });
});
