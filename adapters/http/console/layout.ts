// The console's page frame: Chinese first, readable on a laptop and a phone.
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { COLOUR_LABELS } from "../../../knowledge/colours.js";
import { ROLE_LABELS, type Actor } from "../../../queue/access.js";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.55 system-ui,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#1d2433;background:#f4f6f9}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;background:#123a6b;color:#fff}
header a{color:#fff;text-decoration:none}header .brand{font-weight:700;margin-right:auto}header form{margin:0}
header button{background:transparent;color:#fff;border:1px solid #fff6;padding:.2rem .6rem}
main{max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.2rem 0 .5rem}
.card{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:1rem;margin-bottom:1rem}
table{width:100%;border-collapse:collapse;background:#fff}th,td{padding:.5rem;border-bottom:1px solid #e5e9ef;text-align:left;vertical-align:top}
th{font-weight:600;background:#eef2f7}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.85rem;color:#fff;white-space:nowrap}
.c-red{background:#c62828}.c-orange{background:#b45309}.c-yellow{background:#f9a825;color:#222}.c-blue{background:#1565c0}
.case-no{white-space:nowrap;font-variant-numeric:tabular-nums}button.copy{font-size:.85rem;padding:.15rem .6rem;vertical-align:middle}h3{font-size:1rem;margin:1rem 0 .4rem}
.overdue{background:#fff1f0}.overdue .due{color:#c62828;font-weight:700}
.flash{padding:.6rem 1rem;border-radius:6px;margin-bottom:1rem}.flash.ok{background:#e8f5e9}.flash.err{background:#ffebee;color:#b71c1c}
.live{display:none;background:#fff3cd;padding:.6rem 1rem;border-radius:6px;margin-bottom:1rem}
.urgent{display:none;padding:.6rem 1rem;border-radius:6px;margin-bottom:1rem;font-weight:600}.urgent.raised{background:#c62828;color:#fff}.urgent.cleared{background:#e8f5e9}
.alerts{border:2px solid #c62828}.alerts li{margin:.3rem 0}
form.inline{display:inline}label{display:block;margin:.4rem 0 .15rem;font-weight:600}
input,select,textarea{font:inherit;padding:.4rem;border:1px solid #b8c2cf;border-radius:6px;width:100%;max-width:100%}
textarea{min-height:5rem}button{font:inherit;padding:.45rem 1rem;border-radius:6px;border:1px solid #123a6b;background:#123a6b;color:#fff;cursor:pointer}
button{white-space:nowrap}button.secondary{background:#fff;color:#123a6b}.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}.filters>div{min-width:8rem}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.msgs{max-height:24rem;overflow:auto}
.msg{padding:.4rem .6rem;border-radius:6px;margin:.3rem 0;background:#f1f4f8}.msg.resident{background:#e3f2fd}.msg.staff{background:#e8f5e9}
.meta{color:#5a6577;font-size:.85rem}input.check{width:auto}textarea.tall{min-height:10rem}form.narrow{max-width:24rem}mark{background:#ffe08a;padding:0 .1rem}dl{display:grid;grid-template-columns:7rem 1fr;gap:.2rem .6rem;margin:0}dt{color:#5a6577}dd{margin:0}
@media (max-width:720px){.grid{grid-template-columns:1fr}table.queue thead{display:none}table.queue tr{display:block;border-bottom:2px solid #dde3ea;padding:.4rem 0}table.queue td{display:block;border:0;padding:.15rem .5rem}}
`;

// The colour names come from knowledge/colours.ts, serialised once into the page
// (\u003c-escaped so no label can close the script element).
const LIVE_SCRIPT = `
(function(){
  document.querySelectorAll('button.copy').forEach(function(b){b.addEventListener('click',function(){
    var t=document.getElementById(b.dataset.copy).textContent;
    if(navigator.clipboard)navigator.clipboard.writeText(t).then(function(){b.textContent='已复制';setTimeout(function(){b.textContent='复制';},2000);},function(){});
  });});
  if(!window.EventSource)return;
  var COLOUR_LABELS=${JSON.stringify(COLOUR_LABELS).replace(/</g, "\\u003c")};
  var page=document.body.dataset.page, caseId=document.body.dataset.caseId;
  var banner=document.getElementById('live');
  var es=new EventSource('/api/events');
  var reloadTimer;
  function typing(){var a=document.activeElement;return a&&(a.tagName==='TEXTAREA'||a.tagName==='INPUT'||a.tagName==='SELECT');}
  es.addEventListener('case',function(m){
    var e=JSON.parse(m.data);
    if(e.forMyRole&&(e.color==='red'||e.color==='orange')&&e.type!=='updated'){
      banner.textContent='新的'+COLOUR_LABELS[e.color]+'案件 '+e.number+' 需要您关注。';banner.style.display='block';
    }
    if(page==='queue'){clearTimeout(reloadTimer);reloadTimer=setTimeout(function(){if(!typing())location.reload();},600);}
    if(page==='case'&&e.caseId===caseId){banner.innerHTML='';var a=document.createElement('a');a.href=location.pathname;a.textContent='案件有新动态，点击刷新。';banner.appendChild(a);banner.style.display='block';}
  });
  var urgent=document.getElementById('urgent');
  es.addEventListener('alert',function(m){
    var e=JSON.parse(m.data);
    urgent.textContent=e.text;urgent.className=e.kind==='raised'?'urgent raised':'urgent cleared';urgent.style.display='block';
    if(page==='queue'&&e.kind==='cleared'){clearTimeout(reloadTimer);reloadTimer=setTimeout(function(){if(!typing())location.reload();},600);}
  });
})();
`;

/** The console's inline style and script, allowed by hash in the Content-Security-Policy. */
export const CONSOLE_INLINE = { scripts: [LIVE_SCRIPT], styles: [STYLE] } as const;

export function layout(opts: { title: string; actor?: Actor; csrf?: string; page: string; caseId?: string; body: Html }) {
  const { actor } = opts;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${opts.title} · 一站工作台</title>
<style>${raw(STYLE)}</style>
</head>
<body data-page="${opts.page}" data-case-id="${opts.caseId ?? ""}">
<header>
  <a class="brand" href="/console">一站 · 矛盾纠纷调处工作台</a>
  ${actor
    ? html`<a href="/console">案件队列</a><a href="/console?mine=1">我的案件</a><a href="/console/operator">来电登记</a>
      <span>${ROLE_LABELS[actor.role]} ${actor.displayName}</span>
      <form method="post" action="/console/logout"><input type="hidden" name="_csrf" value="${opts.csrf ?? ""}"><button type="submit">退出</button></form>`
    : ""}
</header>
<main>
<div id="urgent" class="urgent" role="alert"></div>
<div id="live" class="live" role="status" aria-live="polite"></div>
${opts.body}
</main>
${actor ? html`<script>${raw(LIVE_SCRIPT)}</script>` : ""}
</body>
</html>`;
}

export function flash(query: { ok?: string | undefined; error?: string | undefined }) {
  return html`${query.ok ? html`<div class="flash ok" role="status">${query.ok}</div>` : ""}${query.error
    ? html`<div class="flash err" role="alert">${query.error}</div>`
    : ""}`;
}

export function csrfField(token: string) {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** Marks each occurrence of the evidence words; every piece of text is escaped. */
export function highlight(text: string, words: readonly string[]) {
  const wanted = [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return html`${text}`;
  const pattern = new RegExp(wanted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  const parts: (HtmlEscapedString | Promise<HtmlEscapedString>)[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    parts.push(html`${text.slice(last, m.index)}<mark>${m[0]}</mark>`);
    last = m.index + m[0].length;
  }
  parts.push(html`${text.slice(last)}`);
  return html`${parts}`;
}
