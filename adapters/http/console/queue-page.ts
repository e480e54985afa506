// The queue: most urgent first, filters, overdue cases highlighted, claim in one click.
import { html } from "hono/html";
import { claimsCases, type Actor } from "../../../queue/access.js";
import { COLOUR_LABELS, RISK_COLORS } from "../../../knowledge/colours.js";
import { isOverdue, minutesLeft } from "../../../queue/escalation.js";
import { CASE_STATUSES, STATUS_LABELS } from "../../../queue/lifecycle.js";
import type { CaseSummary } from "../../../queue/ports.js";
import { DOMAINS, DOMAIN_LABELS } from "../../../nlp/types.js";
import { csrfField, flash, layout } from "./layout.js";
import { CHANNEL_LABELS, colourBadge, domainLabel, formatDue, formatTime, statusLabel } from "./labels.js";

export interface QueuePageInput {
  actor: Actor;
  csrf: string;
  cases: CaseSummary[];
  townships: { id: string; name: string }[];
  filter: { color?: string; status?: string; domain?: string; township?: string; mine?: boolean };
  notice: { ok?: string; error?: string };
  now: Date;
  /** Urgent alerts still open (a red case not yet filed: adapters/http/staff-alert-feed.ts). */
  alerts?: { text: string; at: string }[];
}

export function queuePage(p: QueuePageInput) {
  const townshipName = (id: string | null) => (id ? (p.townships.find((t) => t.id === id)?.name ?? id) : "未识别");
  const option = (value: string, label: string, current?: string) =>
    html`<option value="${value}" ${value === current ? "selected" : ""}>${label}</option>`;
  const body = html`
<h1>${p.filter.mine ? "我的案件" : "案件队列"}</h1>
${flash(p.notice)}
${p.alerts && p.alerts.length > 0
  ? html`<section class="card alerts" role="alert"><h2>紧急提醒：${p.alerts.length} 件红色情况尚未登记成功</h2><ul>${p.alerts.map(
      (a) => html`<li>${formatTime(new Date(a.at))}　${a.text}</li>`,
    )}</ul></section>`
  : ""}
<form class="card filters" method="get" action="/console">
  <div><label for="f-color">颜色</label><select id="f-color" name="color">${option("", "全部")}${RISK_COLORS.map((c) => option(c, COLOUR_LABELS[c], p.filter.color))}</select></div>
  <div><label for="f-domain">类别</label><select id="f-domain" name="domain">${option("", "全部")}${DOMAINS.map((d) => option(d, DOMAIN_LABELS[d], p.filter.domain))}</select></div>
  <div><label for="f-township">乡镇</label><select id="f-township" name="township">${option("", "全部")}${p.townships.map((t) => option(t.id, t.name, p.filter.township))}</select></div>
  <div><label for="f-status">状态</label><select id="f-status" name="status">${option("", "办理中")}${CASE_STATUSES.map((s) => option(s, STATUS_LABELS[s], p.filter.status))}</select></div>
  <div><label><input type="checkbox" name="mine" value="1" ${p.filter.mine ? "checked" : ""} class="check"> 只看我的</label></div>
  <div><button type="submit">筛选</button></div>
</form>
${p.cases.length === 0
  ? html`<div class="card">当前没有符合条件的案件。</div>`
  : html`<table class="queue" aria-label="案件队列">
<thead><tr><th>颜色</th><th>案件编号</th><th>类别 / 概要</th><th>乡镇</th><th>状态</th><th>首次响应时限</th><th></th></tr></thead>
<tbody>
${p.cases.map((c) => {
  const overdue = isOverdue(c, p.now);
  return html`<tr class="${overdue ? "overdue" : ""}" data-number="${c.number}" data-color="${c.color}">
  <td>${colourBadge(c.color)}${c.urgent ? html` <span class="meta">紧急</span>` : ""}</td>
  <td><a href="/console/cases/${c.number}">${c.number}</a><div class="meta">${CHANNEL_LABELS[c.channel] ?? c.channel} · ${formatTime(c.createdAt)}</div></td>
  <td>${domainLabel(c.domain)}<div class="meta">${c.headline}</div></td>
  <td>${townshipName(c.townshipId)}</td>
  <td>${statusLabel(c.status)}${c.claimedByName ? html`<div class="meta">${c.claimedByName}</div>` : ""}${c.escalationLevel > 0 ? html`<div class="meta">已升级 ${c.escalationLevel} 级</div>` : ""}</td>
  <td class="due">${c.status === "queued" ? formatDue(minutesLeft(c, p.now)) : "—"}</td>
  <td>${c.status === "queued" && claimsCases(p.actor.role)
    ? html`<form class="inline" method="post" action="/console/cases/${c.number}/claim">${csrfField(p.csrf)}<button type="submit">认领</button></form>`
    : ""}</td>
</tr>`;
})}
</tbody></table>`}`;
  return layout({ title: "案件队列", actor: p.actor, csrf: p.csrf, page: "queue", body });
}

export { CHANNEL_LABELS };
