/** A readable Chinese summary of a triage (CLI, operator notes). */
import { ATTEMPT_LABELS, RELATION_LABELS } from "./facts.js";
import { COLOUR_LABELS } from "../knowledge/colours.js";
import { DOMAIN_LABELS, type Triage } from "./types.js";

/** `agencyName` turns agency ids into names (the catalogue's); ids are shown without it. */
export function formatTriageSummary(t: Triage, agencyName: (id: string) => string = (id) => id): string {
  const lines: string[] = [];
  const conf = `${Math.round(t.confidence * 100)}%`;
  if (t.unsure) {
    const cands = t.candidates.map((c) => `${DOMAIN_LABELS[c.domain]}（${Math.round(c.probability * 100)}%）`).join("、");
    lines.push(`领域：暂不确定，可能是 ${cands || "其他纠纷"}，需要再问一句`);
  } else {
    lines.push(`领域：${DOMAIN_LABELS[t.domain]}（把握 ${conf}）${t.domainEvidence.length ? `，依据：${t.domainEvidence.join("、")}` : ""}`);
  }
  const sure = t.risk.certainty === undefined ? "" : `（把握 ${Math.round(t.risk.certainty * 100)}%）`;
  lines.push(`风险：${COLOUR_LABELS[t.risk.color]}${sure}，由${t.risk.ownerTitle}跟踪`);
  for (const r of t.risk.reasons) lines.push(`  · ${r.explanation}${r.words.length ? `，原话：${r.words.map((w) => `“${w}”`).join("、")}` : ""}`);
  if (t.risk.ask) lines.push(`  · 有危险信号但不明确，需直接问一句：${t.risk.ask.kind === "self_harm" ? "您现在有伤害自己的想法吗？" : "现在有没有人有危险？"}`);
  if (t.services.length) {
    lines.push("推荐服务：");
    t.services.forEach((s, i) => lines.push(`  ${i + 1}. ${s.name}（承办单位：${s.agencyIds.map(agencyName).join("、") || "中心"}）${s.evidence.length ? `，匹配：${s.evidence.join("、")}` : ""}`));
  }
  const f = t.facts;
  const facts: string[] = [];
  if (f.township || f.village) facts.push(`地点：${[f.township?.name, f.village?.name].filter(Boolean).join(" ")}`);
  if (f.otherParty) facts.push(`对方：${f.otherParty.text}（${RELATION_LABELS[f.otherParty.relation] ?? f.otherParty.relation}）`);
  if (f.money) facts.push(`涉及金额：约 ${f.money.amount} 元（“${f.money.text}”）`);
  if (f.duration) facts.push(`持续时间：约 ${f.duration.days} 天（“${f.duration.text}”）`);
  if (f.peopleCount) facts.push(`涉及人数：约 ${f.peopleCount.count}（“${f.peopleCount.text}”）`);
  if (f.attempts.length) facts.push(`此前做过：${f.attempts.map((a) => ATTEMPT_LABELS[a.kind] ?? a.kind).join("、")}`);
  if (f.wants) facts.push(`诉求：${f.wants}`);
  if (facts.length) lines.push("要素：", ...facts.map((x) => `  · ${x}`));
  if (t.pii.length) lines.push(`已隐去个人信息 ${t.pii.length} 处`);
  return lines.join("\n");
}
