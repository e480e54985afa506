// The embeddings reader on the tiny fixture model (tests/fixtures/embeddings-model/): the real
// loading code (transformers.js, onnxruntime CPU, the tokenizer), the hybrid service search and
// the re-ranking of a triage's suggestions.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../knowledge/load.js";
import { loadEmbedder, type Embedder } from "../../../adapters/embeddings/model.js";
import { createEmbeddingsReader, withRefinedServices, type EmbeddingsReader } from "../../../adapters/embeddings/reader.js";
import { memoryEmbeddingStore } from "../../../adapters/embeddings/vector-store.js";
import { dot } from "../../../adapters/embeddings/vectors.js";
import { createTriager } from "../../../nlp/triage.js";
import { buildFixture, FIXTURE_DIR } from "../../../scripts/embeddings-fixture/build.js";

const k = loadKnowledge();
const triager = createTriager({ knowledge: k });

describe("the fixture model", () => {
  let e: Embedder;
  beforeAll(async () => {
    e = await loadEmbedder(FIXTURE_DIR);
  }, 60_000);

  it("loads from the folder with remote loading off and gives unit vectors", async () => {
    expect(e.dimensions).toBe(16);
    expect(e.model).toMatch(/^tiny-bert-zh@[0-9a-f]{12}$/);
    const [a, b] = await e.embedQueries(["楼上邻居半夜吵闹", "楼上邻居半夜吵闹"]);
    expect(dot(a!, a!)).toBeCloseTo(1, 5);
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  it("puts texts that share words nearer than texts that do not", async () => {
    const [q, near, far] = await e.embedPassages(["楼上邻居噪音扰民", "邻居楼上噪音太大", "工资被拖欠"]);
    expect(dot(q!, near!)).toBeGreaterThan(dot(q!, far!));
  });

  it("is rebuilt byte for byte by its script", () => {
    const dir = mkdtempSync(join(tmpdir(), "yizhan-fixture-"));
    try {
      buildFixture(dir);
      for (const f of ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx"]) {
        expect(readFileSync(join(dir, f)).equals(readFileSync(join(FIXTURE_DIR, f))), f).toBe(true);
      }
      expect(readdirSync(join(dir, "onnx"))).toEqual(["model.onnx"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("hybrid service search on the fixture", () => {
  const store = memoryEmbeddingStore();
  let reader: EmbeddingsReader;
  beforeAll(async () => {
    reader = createEmbeddingsReader({ modelDir: FIXTURE_DIR, knowledge: k, store });
    await reader.warmUp();
  }, 60_000);

  it("embeds every service once and keeps the vectors of an unchanged catalogue", async () => {
    const first = await reader.index();
    expect(first.services.embedded + first.services.kept).toBe(k.services.length);
    const again = createEmbeddingsReader({ modelDir: FIXTURE_DIR, knowledge: k, store });
    const second = await again.index();
    expect(second.services).toEqual({ embedded: 0, kept: k.services.length, removed: 0 });
  });

  it("fuses keyword and meaning hits by rank, each hit saying which found it", async () => {
    const hits = await reader.search("楼上天天半夜蹦迪，吵得睡不着", { limit: 5 });
    expect(hits).toHaveLength(5);
    expect(hits[0]!.service.id).toBe("neighbour.noise");
    expect(hits[0]!.via).toEqual(["keywords", "meaning"]);
    expect(hits.some((h) => h.via.includes("meaning") && h.similarity !== undefined)).toBe(true);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("re-ranks a triage's suggestions: same count, one per category, catalogue ids only", async () => {
    for (const text of ["楼上天天半夜蹦迪，吵得睡不着", "工地老板欠了我们八个月工资", "孩子在学校被同学打了，老师不管"]) {
      const t = triager.triage(text);
      const refined = await reader.refineServices(text, t);
      expect(refined).toHaveLength(t.services.length);
      expect(new Set(refined.map((s) => s.categoryId)).size).toBe(refined.length);
      for (const s of refined) expect(k.serviceById.get(s.id)?.categoryId).toBe(s.categoryId);
    }
  });

  it("keeps the offline first service of a red case (the crisis route)", async () => {
    const text = "我不想活了，药都买好了，今晚就吃";
    const t = triager.triage(text);
    expect(t.risk.color).toBe("red");
    const refined = await withRefinedServices(reader.refineServices, text, t);
    expect(refined.services[0]!.id).toBe(t.services[0]!.id);
  });

  it("falls back to the offline suggestions when the reader fails or is slow", async () => {
    const t = triager.triage("楼上天天半夜蹦迪");
    expect(await withRefinedServices(async () => { throw new Error("boom"); }, "x", t)).toBe(t);
    const slow = await withRefinedServices(() => new Promise(() => {}), "x", t, { timeoutMs: 20 });
    expect(slow).toBe(t);
    expect(await withRefinedServices(undefined, "x", t)).toBe(t);
  });
});

