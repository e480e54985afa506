// Operator intake: paste a hotline transcript → triage preview with highlighted evidence →
// correct any field → file the case in one click.
import { html } from "hono/html";
import type { Actor } from "../../../queue/access.js";
import { COLOUR_LABELS, RISK_COLORS } from "../../../knowledge/colours.js";
import { DOMAINS, DOMAIN_LABELS, type TranscriptTriage } from "../../../nlp/types.js";
import { csrfField, flash, highlight, layout } from "./layout.js";
import { colourBadge } from "./labels.js";

export function operatorPage(p: {
  actor: Actor;
  csrf: string;
  text: string;
  preview: TranscriptTriage | null;
  townships: { id: string; name: string }[];
  notice: { ok?: string; error?: string };
}) {
  const t = p.preview;
  const words = t ? [...t.domainEvidence, ...t.risk.reasons.flatMap((r) => r.words)] : [];
  const phone = t?.pii.find((f) => f.kind === "mobile" || f.kind === "landline")?.raw ?? "";
  const body = html`
<h1>来电登记</h1>
${flash(p.notice)}
<form class="card" method="post" action="/console/operator/preview">${csrfField(p.csrf)}
  <label for="transcript">粘贴通话记录（每行一句，如“来电人：……”“坐席：……”）</label>
  <textarea id="transcript" name="text" class="tall" required>${p.text}</textarea>
  <p><button type="submit">分流预览</button></p>
</form>
${t ? html`
<section class="card" aria-labelledby="h-preview">
  <h2 id="h-preview">分流预览</h2>
  <p>类别：<strong data-testid="preview-domain">${DOMAIN_LABELS[t.domain]}</strong>（置信度 ${Math.round(t.confidence * 100)}%${t.unsure ? "，请核实" : ""}）</p>
  <p>风险：<span data-testid="preview-colour" data-color="${t.risk.color}">${colourBadge(t.risk.color)}</span> 由${t.risk.ownerTitle}负责</p>
  ${t.risk.reasons.length ? html`<ul>${t.risk.reasons.map((r) => html`<li>${r.explanation}</li>`)}</ul>` : ""}
  ${t.services.length ? html`<p>建议服务：${t.services.slice(0, 3).map((s) => s.name).join("、")}</p>` : ""}
  <h2>来电人陈述（高亮为判断依据）</h2>
  <p>${highlight(t.callerAccount || p.text, words)}</p>
  ${t.operatorNotes ? html`<p class="meta">坐席备注：${t.operatorNotes}</p>` : ""}
</section>
<form class="card" method="post" action="/console/operator/file">${csrfField(p.csrf)}
  <input type="hidden" name="text" value="${p.text}">
  <h2>核对并登记</h2>
  <label for="c-domain">类别</label>
  <select id="c-domain" name="domain">${DOMAINS.map((d) => html`<option value="${d}" ${d === t.domain ? "selected" : ""}>${DOMAIN_LABELS[d]}</option>`)}</select>
  <label for="c-colour">风险颜色（只能调高；调低请在案件页由负责人确认）</label>
  <select id="c-colour" name="color">${RISK_COLORS.map((c) => html`<option value="${c}" ${c === t.risk.color ? "selected" : ""}>${COLOUR_LABELS[c]}</option>`)}</select>
  <label for="c-reason">调整理由（改动颜色时必填）</label>
  <input id="c-reason" name="colorReason">
  <label for="c-township">乡镇</label>
  <select id="c-township" name="townshipId"><option value="">未识别</option>${p.townships.map((tw) => html`<option value="${tw.id}" ${tw.id === t.facts.township?.id ? "selected" : ""}>${tw.name}</option>`)}</select>
  <label for="c-name">来电人姓名</label>
  <input id="c-name" name="callerName">
  <label for="c-phone">联系电话</label>
  <input id="c-phone" name="callerPhone" value="${phone}">
  <label for="c-party">对方当事人</label>
  <input id="c-party" name="otherParty" value="${t.facts.otherParty?.text ?? ""}">
  <p><button type="submit">一键登记</button></p>
</form>` : ""}`;
  return layout({ title: "来电登记", actor: p.actor, csrf: p.csrf, page: "operator", body });
}

export function loginPage(p: { error?: string; username?: string }) {
  const body = html`
<h1>工作人员登录</h1>
${flash({ error: p.error })}
<form class="card narrow" method="post" action="/console/login">
  <label for="username">用户名</label>
  <input id="username" name="username" autocomplete="username" value="${p.username ?? ""}" required>
  <label for="password">密码</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <p><button type="submit">登录</button></p>
</form>`;
  return layout({ title: "登录", page: "login", body });
}
