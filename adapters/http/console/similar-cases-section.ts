// 相似案件 on the case page: past cases near this one with how they ended (queue/similar-cases.ts
// decides which and masks them as the viewer's role requires). Absent when the reader is off.
import { html } from "hono/html";
import type { SimilarCasesAnswer } from "../../../queue/case-service.js";
import { colourBadge, domainLabel, formatTime, statusLabel } from "./labels.js";

export type SimilarSection = SimilarCasesAnswer | { enabled: true; unavailable: true };

export function similarCasesSection(s: SimilarSection | undefined) {
  if (s === undefined || !s.enabled) return "";
  const body = "unavailable" in s
    ? html`<p class="meta">相似案件暂时无法检索（向量模型正在加载或不可用），请稍后刷新。</p>`
    : s.cases.length === 0
      ? html`<p class="meta">暂未找到已有处理结果的相似案件。</p>`
      : html`<ol data-testid="similar-cases">${s.cases.map((c) => html`<li>
          <a href="/console/cases/${c.number}">${c.number}</a> ${colourBadge(c.color)} ${domainLabel(c.domain)} · ${statusLabel(c.status)} · 相似度 ${Math.round(c.similarity * 100)}%
          <div>${c.headline}</div>
          <div class="meta">处理结果：${c.outcome ?? "（未填写）"}${c.satisfaction !== null ? html` · 满意度 ${c.satisfaction} / 5` : ""} · 登记于 ${formatTime(c.createdAt)}${c.closedAt ? html` · 结案于 ${formatTime(c.closedAt)}` : ""}</div>
        </li>`)}</ol>`;
  return html`<section class="card" aria-labelledby="h-similar">
  <h2 id="h-similar">相似案件</h2>
  <p class="meta">按案情语义检索的以往案件，仅供参考；只列出您有权查看的案件，个人信息按权限打码。</p>
  ${body}
</section>`;
}
