// One case: the triage and its evidence, the conversation (masked as the role requires),
// the "六个一" record with its progress sheet, messaging the resident, colour, outcome.
import { html } from "hono/html";
import { claimsCases, ROLE_LABELS, type Actor } from "../../../queue/access.js";
import type { CaseView } from "../../../queue/case-service.js";
import { COLOUR_LABELS, RISK_COLORS } from "../../../knowledge/colours.js";
import { isOverdue, minutesLeft } from "../../../queue/escalation.js";
import type { AuditEntry } from "../../../queue/ports.js";
import type { Triage } from "../../../nlp/types.js";
import { confirmedRecord, conversation } from "./case-record.js";
import { machineSuggestions } from "./machine-suggestions.js";
import { csrfField, flash, highlight, layout } from "./layout.js";
import { similarCasesSection, type SimilarSection } from "./similar-cases-section.js";
import { CHANNEL_LABELS, colourBadge, domainLabel, formatDue, formatTime, statusLabel } from "./labels.js";

const AUDIT_LABELS: Record<string, string> = {
  filed: "登记",
  viewed: "查看",
  status_changed: "状态变更",
  claimed: "认领",
  released: "退回队列",
  reassigned: "改派",
  colour_changed: "颜色调整",
  record_updated: "更新六个一",
  contact_updated: "群众补充位置/电话",
  progress_added: "登记进度",
  message_sent: "发消息给群众",
  resident_message: "群众来信",
  evidence_added: "补充材料",
  escalated: "超时升级",
  machine_reading: "机器阅读（仅供参考）",
};

function auditLine(a: AuditEntry) {
  const d = a.detail;
  const extra =
    a.action === "colour_changed"
      ? `${COLOUR_LABELS[d.from as keyof typeof COLOUR_LABELS] ?? d.from} → ${COLOUR_LABELS[d.to as keyof typeof COLOUR_LABELS] ?? d.to}：${String(d.reason ?? "")}`
      : a.action === "status_changed" || a.action === "released"
        ? `${statusLabel(d.from as never) ?? d.from} → ${statusLabel(d.to as never) ?? d.to}${d.outcome ? `：${String(d.outcome)}` : ""}`
        : a.action === "escalated"
          ? `升级至${String(d.ownerTitle ?? "")}`
          : a.action === "machine_reading"
            ? `模型 ${String(d.model ?? "?")}`
            : "";
  const unread = a.unreadable ? "（留痕内容无法读取）" : "";
  return html`<li>${formatTime(a.at)} · ${a.actorName ?? "系统"} · ${AUDIT_LABELS[a.action] ?? a.action}${extra ? html` · ${extra}` : ""}${unread}</li>`;
}

/** The record as it was filed: the triage with its evidence, or, when it cannot be read, why not. */
function triageSection(t: Triage | null) {
  if (t === null) return html`<p class="meta">分诊记录无法读取，风险颜色以上方案件颜色为准。</p>`;
  return html`<p>类别：${domainLabel(t.domain)}（置信度 ${Math.round(t.confidence * 100)}%${t.unsure ? "，需人工确认" : ""}）</p>
  <p>风险：${colourBadge(t.risk.color)} 建议由${t.risk.ownerTitle}负责</p>
  ${t.risk.reasons.length ? html`<ul>${t.risk.reasons.map((r) => html`<li>${COLOUR_LABELS[r.color]}：${r.explanation}${r.words.length ? html`（“${r.words.join("”“")}”）` : ""}</li>`)}</ul>` : ""}
  ${t.services.length ? html`<p>建议服务：${t.services.slice(0, 3).map((s) => s.name).join("、")}</p>` : ""}`;
}

export function casePage(p: {
  actor: Actor;
  csrf: string;
  view: CaseView;
  /** 相似案件; absent or disabled: no section. */
  similar?: SimilarSection;
  townshipName: string | null;
  ownerTitle: string;
  notice: { ok?: string; error?: string };
  now: Date;
}) {
  const c = p.view.case;
  const t = c.triage;
  const base = `/console/cases/${c.number}`;
  const open = c.status === "claimed" || c.status === "mediating";
  const ended = c.status === "resolved" || c.status === "referred" || c.status === "unresolved" || c.status === "follow_up";
  const words = t ? [...t.domainEvidence, ...t.risk.reasons.flatMap((r) => r.words)] : [];
  const field = (name: string, label: string, value: string | null, multiline = false) =>
    html`<label for="r-${name}">${label}</label>${multiline
      ? html`<textarea id="r-${name}" name="${name}">${value ?? ""}</textarea>`
      : html`<input id="r-${name}" name="${name}" value="${value ?? ""}">`}`;

  const body = html`
<h1>${colourBadge(c.color)} 案件 <span class="case-no" id="case-no">${c.number}</span> <button type="button" class="secondary copy" data-copy="case-no" aria-label="复制案件编号">复制</button></h1>
${flash(p.notice)}
${c.unreadable.map((u) => html`<div class="flash err" role="alert" data-testid="unreadable">${u.notice}</div>`)}
<div class="card">
  <dl>
    <dt>状态</dt><dd data-testid="status">${statusLabel(c.status)}${c.claimedByName ? html`（${c.claimedByName}）` : ""}</dd>
    <dt>类别</dt><dd>${domainLabel(c.domain)}</dd>
    <dt>渠道</dt><dd>${CHANNEL_LABELS[c.channel] ?? c.channel} · ${formatTime(c.createdAt)}</dd>
    <dt>地点</dt><dd>${c.place ?? p.townshipName ?? "未识别"}</dd>
    <dt>负责层级</dt><dd>${p.ownerTitle}${c.escalationLevel > 0 ? html`（超时已升级 ${c.escalationLevel} 级）` : ""}</dd>
    <dt>首次响应</dt><dd class="${isOverdue(c, p.now) ? "overdue due" : ""}">${formatTime(c.firstResponseDue)}${c.status === "queued" ? html` · ${formatDue(minutesLeft(c, p.now))}` : ""}</dd>
    <dt>群众</dt><dd>${c.residentName ?? "（未留姓名）"}${c.residentPhone ? html` · ${c.residentPhone}` : ""}${p.view.contactVisible ? "" : html` <span class="meta">（联系方式已按权限打码）</span>`}</dd>
    ${c.outcome ? html`<dt>处理结果</dt><dd>${c.outcome}</dd>` : ""}
    ${c.satisfaction !== null ? html`<dt>满意度</dt><dd>${c.satisfaction} / 5</dd>` : ""}
  </dl>
  <p>
  ${c.status === "queued" && claimsCases(p.actor.role) ? html`<form class="inline" method="post" action="${base}/claim">${csrfField(p.csrf)}<button type="submit">认领</button></form>` : ""}
  ${c.status === "claimed" ? html`<form class="inline" method="post" action="${base}/status">${csrfField(p.csrf)}<input type="hidden" name="event" value="start"><button type="submit">开始调解</button></form>` : ""}
  ${open ? html` <form class="inline" method="post" action="${base}/status">${csrfField(p.csrf)}<input type="hidden" name="event" value="release"><button class="secondary" type="submit">退回队列</button></form>` : ""}
  </p>
</div>

${confirmedRecord(c)}

${machineSuggestions(p.view.audit)}

<div class="grid">
<section class="card" aria-labelledby="h-triage">
  <h2 id="h-triage">智能分流与依据</h2>
  ${triageSection(t)}
  <h2>群众陈述</h2>
  <p data-testid="story">${highlight(c.story, words)}</p>
</section>

<section class="card" aria-labelledby="h-colour">
  <h2 id="h-colour">确认或调整风险颜色</h2>
  <form method="post" action="${base}/colour">${csrfField(p.csrf)}
    <label for="colour">颜色</label>
    <select id="colour" name="color">${RISK_COLORS.map((col) => html`<option value="${col}" ${col === c.color ? "selected" : ""}>${COLOUR_LABELS[col]}</option>`)}</select>
    <label for="colour-reason">理由（必填，将留痕）</label>
    <input id="colour-reason" name="reason" required minlength="2">
    ${c.color === "red" ? html`<label><input type="checkbox" name="confirmLowerRed" value="1" class="check"> 我确认降低${COLOUR_LABELS.red}案件的风险等级</label>` : ""}
    <p><button type="submit">保存颜色</button></p>
  </form>
</section>
</div>

${similarCasesSection(p.similar)}

<div class="grid">
<section class="card" aria-labelledby="h-conv">
  <h2 id="h-conv">对话记录</h2>
  <div class="msgs" data-testid="messages">
  ${conversation(c.messages)}
  </div>
  <form method="post" action="${base}/message">${csrfField(p.csrf)}
    <label for="message">通过群众原渠道发消息</label>
    <textarea id="message" name="text" required></textarea>
    <p><button type="submit">发送</button></p>
  </form>
</section>

<section class="card" aria-labelledby="h-six">
  <h2 id="h-six">“六个一”</h2>
  <form method="post" action="${base}/record">${csrfField(p.csrf)}
    ${field("leadLeader", "一名包案领导", c.leadLeader)}
    ${field("mediationOrg", "一个调解组织", c.mediationOrg)}
    ${field("liaisonUnit", "一个联系单位", c.liaisonUnit)}
    ${field("plan", "一套化解方案", c.plan, true)}
    ${field("briefing", "一份法律政策说明", c.briefing, true)}
    <p><button type="submit">保存</button></p>
  </form>
  <h2>一张进度表</h2>
  <ol data-testid="progress">${c.progress.map((e) => html`<li>${e.text}<div class="meta">${e.staffName} · ${formatTime(e.at)}</div></li>`)}</ol>
  <form method="post" action="${base}/progress">${csrfField(p.csrf)}
    <label for="progress">新的进度</label>
    <textarea id="progress" name="text" required></textarea>
    <p><button type="submit">登记进度</button></p>
  </form>
</section>
</div>

${open ? html`<section class="card" aria-labelledby="h-outcome">
  <h2 id="h-outcome">登记处理结果</h2>
  <form method="post" action="${base}/status">${csrfField(p.csrf)}
    <label for="outcome-event">结果</label>
    <select id="outcome-event" name="event"><option value="resolve">调解成功</option><option value="refer">移送相关部门</option><option value="fail">调解未果</option></select>
    <label for="outcome">结果说明</label>
    <textarea id="outcome" name="outcome" required minlength="2"></textarea>
    <p><button type="submit">登记结果</button></p>
  </form>
</section>` : ""}

${ended ? html`<section class="card" aria-labelledby="h-close">
  <h2 id="h-close">回访并结案</h2>
  <form method="post" action="${base}/status">${csrfField(p.csrf)}
    <input type="hidden" name="event" value="close">
    <label for="satisfaction">群众满意度</label>
    <select id="satisfaction" name="satisfaction"><option value="5">非常满意</option><option value="4">满意</option><option value="3">基本满意</option><option value="2">不满意</option><option value="1">非常不满意</option></select>
    <label for="close-note">回访记录</label>
    <textarea id="close-note" name="note"></textarea>
    <p><button type="submit">结案</button></p>
  </form>
</section>` : ""}

${ended || c.status === "closed" ? html`<section class="card"><h2>重新办理</h2>
  <form method="post" action="${base}/status">${csrfField(p.csrf)}<input type="hidden" name="event" value="reopen">
  <label for="reopen-reason">原因（如回访不满意）</label><input id="reopen-reason" name="reason" required minlength="2">
  <p><button class="secondary" type="submit">重新办理</button></p></form></section>` : ""}

<details class="card"><summary>操作留痕（${p.view.audit.length} 条）</summary><ul>${p.view.audit.map(auditLine)}</ul></details>
<p class="meta">当前身份：${ROLE_LABELS[p.actor.role]} ${p.actor.displayName}</p>`;
  return layout({ title: `案件 ${c.number}`, actor: p.actor, csrf: p.csrf, page: "case", caseId: c.id, body });
}
