/** Cross-reference rules of a catalogue: unique ids, every reference resolves, coverage. */
import { COLOUR_OWNERS, RISK_COLORS } from "./colours.js";
import type { KnowledgeProblem } from "./errors.js";
import type { RawCatalogue } from "./read.js";
import type { RiskColor, OwnerRole } from "./types.js";

type Sink = (p: KnowledgeProblem) => void;

/** The rubric contract that nlp/risk and the queue code against: each colour's owner (one place: knowledge/colours.ts) and criteria. */
export const REQUIRED_RUBRIC: Readonly<Record<RiskColor, { owner: OwnerRole; criteria: readonly string[] }>> = {
  red: { owner: COLOUR_OWNERS.red, criteria: ["self_harm", "violence_threat", "weapon", "extreme_behavior", "group_incident", "domestic_violence"] },
  orange: { owner: COLOUR_OWNERS.orange, criteria: ["collective_dispute", "vulnerable_party", "repeated_escalation", "large_sum", "intense_conflict"] },
  yellow: { owner: COLOUR_OWNERS.yellow, criteria: ["complex_dispute", "prior_attempts_failed"] },
  blue: { owner: COLOUR_OWNERS.blue, criteria: ["ordinary"] },
};
const STUDIO_DOMAINS = ["medical", "marital", "neighbor", "financial", "campus"] as const;

function uniqueIds(items: readonly { id: string; file: string }[], what: string, report: Sink): Set<string> {
  const seen = new Map<string, string>();
  for (const it of items) {
    const first = seen.get(it.id);
    if (first !== undefined) report({ file: it.file, entry: it.id, field: "id", message: `${what} id 重复（首次出现在 ${first}）` });
    else seen.set(it.id, it.file);
  }
  return new Set(seen.keys());
}

function refs(file: string, entry: string, field: string, ids: readonly string[], known: Set<string>, what: string, report: Sink): void {
  ids.forEach((id, i) => {
    const where = ids.length === 1 && !field.endsWith("s") ? field : `${field}[${i}]`;
    if (!known.has(id)) report({ file, entry, field: where, message: `引用的${what}「${id}」不存在` });
  });
}

/** Check every rule that spans entries or files; reports each problem found. */
export function validateCatalogue(c: RawCatalogue, report: Sink): void {
  const categoryIds = uniqueIds(c.categories, "类别", report);
  const forceIds = uniqueIds(c.forces, "解纷力量", report);
  const areaIds = uniqueIds(c.areas, "功能区", report);
  const windowIds = uniqueIds(c.windows, "窗口", report);
  const agencyIds = uniqueIds(c.agencies, "单位", report);
  uniqueIds(c.studios, "工作室", report);
  const placeIds = uniqueIds(c.places, "地名", report);
  const serviceIds = uniqueIds(c.services, "服务", report);

  for (const w of c.windows) refs(w.file, w.id, "areaId", [w.areaId], areaIds, "功能区", report);
  for (const a of c.agencies) {
    refs(a.file, a.id, "areaIds", a.areaIds, areaIds, "功能区", report);
    refs(a.file, a.id, "windowIds", a.windowIds, windowIds, "窗口", report);
  }
  for (const s of c.services) {
    refs(s.file, s.id, "categoryId", [s.categoryId], categoryIds, "类别", report);
    refs(s.file, s.id, "agencyIds", s.agencyIds, agencyIds, "单位", report);
    refs(s.file, s.id, "forces", s.forces, forceIds, "解纷力量", report);
    const prefix = s.id.split(".")[0];
    if (s.id.includes(".") && prefix !== s.categoryId) {
      report({ file: s.file, entry: s.id, field: "id", message: `服务 id 前缀「${prefix}」与所在类别「${s.categoryId}」不一致` });
    }
  }
  const perCategory = new Map<string, number>();
  for (const s of c.services) perCategory.set(s.categoryId, (perCategory.get(s.categoryId) ?? 0) + 1);
  for (const cat of c.categories) {
    if (!perCategory.get(cat.id)) report({ file: cat.file, entry: cat.id, field: "services", message: "该类别下没有任何服务" });
  }

  const studioDomains = new Map<string, string>();
  for (const st of c.studios) {
    refs(st.file, st.id, "forces", st.forces, forceIds, "解纷力量", report);
    refs(st.file, st.id, "serviceIds", st.serviceIds, serviceIds, "服务", report);
    const other = studioDomains.get(st.domain);
    if (other !== undefined) report({ file: st.file, entry: st.id, field: "domain", message: `领域「${st.domain}」已由工作室 ${other} 负责` });
    else studioDomains.set(st.domain, st.id);
  }
  for (const d of STUDIO_DOMAINS) {
    if (!studioDomains.has(d)) report({ file: "studios.yaml", entry: "", field: "studios", message: `领域「${d}」没有对应的品牌工作室` });
  }

  for (const p of c.places) {
    if (p.parentId !== undefined) refs(p.file, p.id, "parentId", [p.parentId], placeIds, "上级地名", report);
    if (p.kind === "village" && p.parentId === undefined) report({ file: p.file, entry: p.id, field: "parentId", message: "村（社区）必须写明所属镇街" });
  }

  validateRubric(c, report);
}

function validateRubric(c: RawCatalogue, report: Sink): void {
  const seen = new Set<string>();
  const criterionIds = new Set<string>();
  for (const level of c.levels) {
    if (seen.has(level.color)) report({ file: level.file, entry: level.color, field: "color", message: "颜色重复" });
    seen.add(level.color);
    const want = REQUIRED_RUBRIC[level.color];
    if (level.owner !== want.owner) {
      report({ file: level.file, entry: level.color, field: "owner", message: `${level.color} 的负责人应为 ${want.owner}，实际为 ${level.owner}` });
    }
    const ids = new Set(level.criteria.map((k) => k.id));
    for (const k of level.criteria) {
      if (criterionIds.has(k.id)) report({ file: level.file, entry: level.color, field: `criteria.${k.id}`, message: "风险标准 id 重复" });
      criterionIds.add(k.id);
    }
    for (const id of want.criteria) {
      if (!ids.has(id)) report({ file: level.file, entry: level.color, field: "criteria", message: `缺少约定的风险标准「${id}」` });
    }
  }
  for (const color of RISK_COLORS) {
    if (!seen.has(color)) report({ file: "rubric.yaml", entry: color, field: "levels", message: `缺少「${color}」等级` });
  }
}
