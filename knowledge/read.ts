/** Reads a catalogue folder: YAML → schema-checked entries, collecting every problem (no throwing). */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import type { KnowledgeProblem } from "./errors.js";
import * as S from "./schema.js";

export type Parsed<T extends z.ZodType> = z.output<T> & { file: string };
export interface RawCatalogue {
  categories: Parsed<typeof S.categoryEntry>[];
  forces: Parsed<typeof S.forceEntry>[];
  areas: Parsed<typeof S.areaEntry>[];
  windows: Parsed<typeof S.windowEntry>[];
  agencies: Parsed<typeof S.agencyEntry>[];
  studios: Parsed<typeof S.studioEntry>[];
  places: Parsed<typeof S.placeEntry>[];
  levels: Parsed<typeof S.levelEntry>[];
  services: (Parsed<typeof S.service> & { categoryId: string })[];
}

type Sink = (p: KnowledgeProblem) => void;

function readYaml(dir: string, file: string, report: Sink): unknown {
  const path = join(dir, file);
  if (!existsSync(path)) {
    report({ file, entry: "", field: "", message: "文件不存在" });
    return undefined;
  }
  try {
    return parseYaml(readFileSync(path, "utf8"));
  } catch (e) {
    report({ file, entry: "", field: "", message: `YAML 语法错误：${(e as Error).message.split("\n")[0]}` });
    return undefined;
  }
}

function entryName(item: unknown, index: number): string {
  const o = item as Record<string, unknown> | null;
  const key = o && typeof o === "object" ? (o["id"] ?? o["color"]) : undefined;
  return typeof key === "string" ? key : `第${index + 1}项`;
}

function parseEntries<T extends z.ZodType>(
  file: string, doc: unknown, key: string, schema: T, report: Sink,
): Parsed<T>[] {
  const list = (doc as Record<string, unknown> | undefined)?.[key];
  if (!Array.isArray(list)) {
    report({ file, entry: "", field: key, message: "缺少此列表或不是列表" });
    return [];
  }
  const out: Parsed<T>[] = [];
  list.forEach((item, i) => {
    const r = schema.safeParse(item, { error: S.zhError });
    if (r.success) out.push({ ...(r.data as object), file } as Parsed<T>);
    else for (const iss of r.error.issues) {
      report({ file, entry: entryName(item, i), field: iss.path.map(String).join(".") || "(整体)", message: iss.message });
    }
  });
  return out;
}

function checkTopKeys(file: string, doc: unknown, keys: readonly string[], report: Sink): void {
  if (doc === undefined) return;
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    report({ file, entry: "", field: "", message: "文件内容应为一个对象（键: 值）" });
    return;
  }
  for (const k of Object.keys(doc)) {
    if (!keys.includes(k)) report({ file, entry: "", field: k, message: `未知字段（应为：${keys.join("、")}）` });
  }
}

function readServices(dir: string, report: Sink): RawCatalogue["services"] {
  const folder = join(dir, "services");
  if (!existsSync(folder)) {
    report({ file: "services/", entry: "", field: "", message: "服务目录不存在" });
    return [];
  }
  const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
  const out: RawCatalogue["services"] = [];
  for (const name of files) {
    const file = `services/${name}`;
    const doc = readYaml(dir, file, report);
    if (doc === undefined) continue;
    const env = S.servicesEnvelope.safeParse(doc, { error: S.zhError });
    if (!env.success) {
      for (const iss of env.error.issues) {
        report({ file, entry: "", field: iss.path.map(String).join(".") || "(整体)", message: iss.message });
      }
      continue;
    }
    const { category, defaults, services } = env.data;
    services.forEach((item, i) => {
      const merged = item && typeof item === "object" ? { ...defaults, ...(item as object) } : item;
      const r = S.service.safeParse(merged, { error: S.zhError });
      if (r.success) out.push({ ...r.data, categoryId: category, file });
      else for (const iss of r.error.issues) {
        report({ file, entry: entryName(item, i), field: iss.path.map(String).join(".") || "(整体)", message: iss.message });
      }
    });
  }
  return out;
}

/** Read and schema-check every file of a catalogue folder. */
export function readCatalogue(dir: string, report: Sink): RawCatalogue {
  const docs = {
    categories: readYaml(dir, "categories.yaml", report),
    forces: readYaml(dir, "forces.yaml", report),
    agencies: readYaml(dir, "agencies.yaml", report),
    studios: readYaml(dir, "studios.yaml", report),
    places: readYaml(dir, "places.yaml", report),
    rubric: readYaml(dir, "rubric.yaml", report),
  };
  checkTopKeys("categories.yaml", docs.categories, ["categories"], report);
  checkTopKeys("forces.yaml", docs.forces, ["forces"], report);
  checkTopKeys("agencies.yaml", docs.agencies, ["areas", "windows", "agencies"], report);
  checkTopKeys("studios.yaml", docs.studios, ["studios"], report);
  checkTopKeys("places.yaml", docs.places, ["places"], report);
  checkTopKeys("rubric.yaml", docs.rubric, ["levels"], report);
  const p = <T extends z.ZodType>(file: string, doc: unknown, key: string, schema: T) =>
    doc === undefined ? [] : parseEntries(file, doc, key, schema, report);
  return {
    categories: p("categories.yaml", docs.categories, "categories", S.categoryEntry),
    forces: p("forces.yaml", docs.forces, "forces", S.forceEntry),
    areas: p("agencies.yaml", docs.agencies, "areas", S.areaEntry),
    windows: p("agencies.yaml", docs.agencies, "windows", S.windowEntry),
    agencies: p("agencies.yaml", docs.agencies, "agencies", S.agencyEntry),
    studios: p("studios.yaml", docs.studios, "studios", S.studioEntry),
    places: p("places.yaml", docs.places, "places", S.placeEntry),
    levels: p("rubric.yaml", docs.rubric, "levels", S.levelEntry),
    services: readServices(dir, report),
  };
}
