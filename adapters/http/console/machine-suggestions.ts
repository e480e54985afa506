// The case page's machine suggestions: the latest machine reading of the case (an LLM, when the
// centre configured one), every line labelled as a machine draft for staff to check. Chinese first;
// the English labels are the second locale. Nothing here is ever sent to the resident.
import { html } from "hono/html";
import { COLOUR_LABELS, RISK_COLORS, type RiskColor } from "../../../knowledge/colours.js";
import type { AuditEntry } from "../../../queue/ports.js";

export const MACHINE_LABELS = {
  zh: {
    title: "机器建议（仅供参考）",
    byModel: (model: string) => `由模型 ${model} 生成的机器草稿，未经人工审核，请核实后再用；不会发给群众。`,
    summary: "案情摘要",
    signals: "机器发现的风险信号（原话）",
    plan: "化解方案草稿（“一套化解方案”，机器草稿）",
    basis: "法律政策依据草稿（“一份法律政策说明”，取自服务目录，机器草稿）",
    cleaned: "通话记录整理稿（已纠正语音识别错误，机器整理）",
    facts: "机器读出的要素",
    factNames: { place: "地点", otherParty: "对方", since: "开始时间", attempts: "已找过", wants: "诉求" } as Record<string, string>,
  },
  en: {
    title: "Machine suggestions (for reference only)",
    byModel: (model: string) => `Machine draft by model ${model}, not reviewed by a person; check before use. Never sent to the resident.`,
    summary: "Case summary",
    signals: "Risk signals the machine found (resident's words)",
    plan: "Draft resolution plan (machine draft)",
    basis: "Draft legal and policy basis (from the service catalogue, machine draft)",
    cleaned: "Cleaned call transcript (speech-recognition errors corrected, machine reading)",
    facts: "Facts the machine read",
    factNames: { place: "Place", otherParty: "Other party", since: "Since", attempts: "Tried", wants: "Wants" } as Record<string, string>,
  },
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const colour = (v: unknown): RiskColor | undefined => (RISK_COLORS as readonly unknown[]).includes(v) ? (v as RiskColor) : undefined;

/** The latest machine reading in the trail, or nothing. */
export function machineSuggestions(audit: readonly AuditEntry[], locale: "zh" | "en" = "zh") {
  const entry = [...audit].reverse().find((a) => a.action === "machine_reading" && !a.unreadable);
  if (!entry) return "";
  const d = entry.detail;
  const l = MACHINE_LABELS[locale];
  const signals = Array.isArray(d.signals) ? (d.signals as { color?: unknown; quote?: unknown; explanation?: unknown }[]) : [];
  const basis = Array.isArray(d.basis) ? (d.basis as { serviceName?: unknown; law?: unknown; article?: unknown; why?: unknown }[]) : [];
  const facts = typeof d.facts === "object" && d.facts !== null ? Object.entries(d.facts as Record<string, unknown>).filter(([, v]) => typeof v === "string") : [];
  const summary = strings(d.summary);
  const plan = strings(d.plan);
  return html`<section class="card machine" aria-labelledby="h-machine" data-testid="machine-suggestions">
  <h2 id="h-machine">${l.title}</h2>
  <p class="meta">${l.byModel(String(d.model ?? "?"))}</p>
  ${summary.length ? html`<h3>${l.summary}</h3><ol data-testid="machine-summary">${summary.map((s) => html`<li>${s}</li>`)}</ol>` : ""}
  ${signals.length ? html`<h3>${l.signals}</h3><ul>${signals.map((s) => html`<li>${COLOUR_LABELS[colour(s.color) ?? "blue"]}：“${String(s.quote ?? "")}”——${String(s.explanation ?? "")}</li>`)}</ul>` : ""}
  ${facts.length ? html`<h3>${l.facts}</h3><ul>${facts.map(([k, v]) => html`<li>${l.factNames[k] ?? k}：${String(v)}</li>`)}</ul>` : ""}
  ${plan.length ? html`<h3>${l.plan}</h3><ol data-testid="machine-plan">${plan.map((s) => html`<li>${s}</li>`)}</ol>` : ""}
  ${basis.length ? html`<h3>${l.basis}</h3><ul data-testid="machine-basis">${basis.map((b) => html`<li>《${String(b.law ?? "")}》${String(b.article ?? "")}（${String(b.serviceName ?? "")}）：${String(b.why ?? "")}</li>`)}</ul>` : ""}
  ${typeof d.cleaned === "string" && d.cleaned ? html`<h3>${l.cleaned}</h3><p data-testid="machine-cleaned">${d.cleaned}</p>` : ""}
</section>`;
}
