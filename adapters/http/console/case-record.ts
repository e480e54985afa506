// The confirmed record on the case page: what the resident confirmed at the summary (other party,
// since when, what was tried, the wish, name, contact), each correction against what the story
// first said, the evidence they sent, and the conversation with each summary shown once.
import { html } from "hono/html";
import { en } from "../../../bot/texts.en.js";
import { zh } from "../../../bot/texts.zh.js";
import type { CaseDetail } from "../../../queue/ports.js";
import { RELATION_LABELS } from "../../../nlp/facts.js";
import type { Facts } from "../../../nlp/types.js";
import { formatTime } from "./labels.js";

const AUTHOR_LABELS = { resident: "群众", bot: "一站助手", staff: "工作人员", operator: "坐席" } as const;
const SUMMARY_TITLES = [zh.summaryTitle, en.summaryTitle];

type Shown = (f: Partial<Facts>) => string | undefined;
const FIELDS: { label: string; testId: string; of: Shown }[] = [
  { label: "对方", testId: "other-party", of: (f) => f.otherParty && otherParty(f.otherParty) },
  { label: "开始时间", testId: "since", of: (f) => f.since ?? f.duration?.text },
  { label: "已经找过", testId: "attempts", of: (f) => (f.attempts?.length ? [...new Set(f.attempts.map((a) => a.text))].join("；") : undefined) },
  { label: "群众希望", testId: "wants", of: (f) => f.wants },
  {
    label: "地点",
    testId: "place",
    of: (f) =>
      f.placeText
        ? f.township || f.village
          ? f.placeText
          : `${f.placeText}（群众所说，未在县地名中核对到）`
        : [f.township?.name, f.village?.name].filter(Boolean).join(" ") || undefined,
  },
];

/** "邻居张大海", or the name with its relation when the name does not say it: "张大海（邻居）". */
function otherParty(p: { text: string; relation: string }): string {
  const relation = RELATION_LABELS[p.relation] ?? p.relation;
  return p.text.includes(relation) ? p.text : `${p.text}（${relation}）`;
}

/** The confirmed fields, with "更正" where the confirmed value differs from what the story gave. */
export function confirmedRecord(c: CaseDetail) {
  const confirmed = c.facts ?? {};
  const fromStory = c.triage?.facts ?? {};
  const rows = FIELDS.map((field) => {
    // A place told later (in crisis: 苗家坪镇 我娘家门口的河边) is the case's own place and says more
    // than the township confirmed before: shown, never "未说明".
    const said = field.of(confirmed);
    const later = field.testId === "place" && c.place && (said === undefined || (c.place !== said && c.place.includes(said))) ? c.place : undefined;
    const value = later ?? said;
    const first = field.of(fromStory);
    const corrected = value !== undefined && first !== undefined && first !== value;
    return html`<dt>${field.label}</dt><dd data-testid="${field.testId}">${value ?? html`<span class="meta">（未说明）</span>`}${corrected ? html` <span class="meta" data-testid="corrected">（核对时更正，原记为“${first}”）</span>` : ""}</dd>`;
  });
  return html`<section class="card" aria-labelledby="h-record">
  <h2 id="h-record">群众确认的登记内容</h2>
  <dl data-testid="record">
    <dt>姓名</dt><dd data-testid="name">${c.residentName ?? html`<span class="meta">（未留姓名）</span>`}</dd>
    ${rows}
    <dt>联系方式</dt><dd>${c.preferredContact === "phone" ? "电话联系" : "原渠道回复"}</dd>
  </dl>
  ${evidenceList(c)}
</section>`;
}

/** Each piece of evidence; the web chat's files open through the access-checked route. */
function evidenceList(c: CaseDetail) {
  if (c.evidence.length === 0) return "";
  return html`<h3>群众发来的材料</h3><ul data-testid="evidence">${c.evidence.map(
    (e, i) =>
      html`<li>${e.kind === "photo" ? "照片" : "文件"}：${e.ref.startsWith("webfile:") ? html`<a href="/console/cases/${c.number}/evidence/${i}" target="_blank" rel="noopener">${e.name}</a>` : e.name} <span class="meta">${formatTime(e.at)}</span></li>`,
  )}</ul>`;
}

/** The conversation; a summary read out more than once (a correction, then again) is shown in full only the last time. */
export function conversation(messages: CaseDetail["messages"]) {
  const isSummary = (m: CaseDetail["messages"][number]) => m.author === "bot" && SUMMARY_TITLES.some((t) => m.text.startsWith(t));
  const last = messages.map(isSummary).lastIndexOf(true);
  return messages.map((m, i) =>
    isSummary(m) && i !== last
      ? html`<div class="msg bot meta" data-testid="earlier-summary">${AUTHOR_LABELS.bot} · ${formatTime(m.at)} · 读给群众核对的摘要（之后有更正，以最后一次为准）</div>`
      : html`<div class="msg ${m.author}"><div class="meta">${AUTHOR_LABELS[m.author]}${m.staffName ? html` ${m.staffName}` : ""} · ${formatTime(m.at)}</div>${m.text}</div>`,
  );
}
