// The resident's chat page at /chat: self-contained, mobile-first, Chinese. Speaks Botkit's
// web protocol over WebSocket (/chat/ws) and falls back to POST /api/messages; photos and PDFs
// go to POST /chat/upload. The inline style and script are constants (the CSP allows them by
// hash, security-headers.ts); only the escaped body varies (the centre's phone).
import { MAX_TEXT_CHARS } from "./translate.js";

export const CHAT_STYLE = `
  :root { --brand: #b3261e; --bg: #f5f5f4; --bot: #ffffff; --me: #1a5fd0; --text: #1c1b1f; --muted: #595959; }
  * { box-sizing: border-box; }
  html, body { height: 100%; margin: 0; }
  body { font-family: "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif;
         background: var(--bg); color: var(--text); display: flex; flex-direction: column; font-size: 17px; }
  header { background: var(--brand); color: #fff; padding: 10px 16px; padding-top: max(10px, env(safe-area-inset-top)); }
  header h1 { margin: 0; font-size: 18px; font-weight: 600; }
  header p { margin: 2px 0 0; font-size: 14px; }
  .hotlines { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
  .badge { display: inline-block; padding: 4px 10px; border-radius: 999px; font-size: 15px; text-decoration: none; white-space: nowrap; }
  .hotlines .badge { background: #fff; color: #8c1d18; font-weight: 600; }
  .bar { display: flex; align-items: center; gap: 8px; padding: 6px 12px; background: #fff; border-bottom: 1px solid #e0e0e0; font-size: 15px; }
  .bar[hidden] { display: none; }
  .bar .code { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 700; letter-spacing: .04em; white-space: nowrap; }
  .bar .label { color: var(--muted); white-space: nowrap; }
  .bar button { margin-left: auto; border: 1px solid var(--me); color: var(--me); background: #fff; border-radius: 14px; padding: 4px 12px; font: inherit; font-size: 14px; }
  #log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
  .msg { max-width: 86%; padding: 10px 12px; border-radius: 14px; line-height: 1.6; white-space: pre-wrap; word-break: break-word; }
  .bot { align-self: flex-start; background: var(--bot); border-top-left-radius: 4px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  .me { align-self: flex-end; background: var(--me); color: #fff; border-top-right-radius: 4px; }
  .earlier { align-self: center; color: var(--muted); font-size: 13px; }
  .buttons { align-self: flex-start; display: flex; flex-wrap: wrap; gap: 6px; max-width: 92%; }
  .buttons button { border: 1px solid var(--me); color: var(--me); background: #fff; border-radius: 18px; padding: 9px 14px;
                    font-size: 16px; font-family: inherit; cursor: pointer; }
  .buttons button:active { background: #e8f0fe; }
  form { display: flex; align-items: flex-end; gap: 6px; padding: 8px; padding-bottom: max(8px, env(safe-area-inset-bottom)); background: #fff; border-top: 1px solid #e0e0e0; }
  textarea { flex: 1; resize: none; border: 1px solid #8a8a8a; border-radius: 18px; padding: 9px 14px; font: inherit; line-height: 1.4; min-height: 44px; max-height: 168px; overflow-y: auto; }
  form button, .attach { flex: none; min-height: 44px; border-radius: 22px; font: inherit; }
  form button { background: var(--me); color: #fff; border: 0; padding: 0 18px; }
  .attach { display: inline-flex; align-items: center; justify-content: center; min-width: 44px; border: 1px solid var(--me); color: var(--me); background: #fff; padding: 0 10px; cursor: pointer; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  #status { font-size: 14px; color: var(--muted); text-align: center; padding: 2px 8px; }
`;

export const CHAT_SCRIPT = `
(function () {
  var log = document.getElementById("log"), input = document.getElementById("text"), status = document.getElementById("status");
  var fileInput = document.getElementById("file"), form = document.getElementById("send");
  var maxBytes = Number(fileInput.getAttribute("data-max-bytes")) || 10485760;
  var stored = localStorage.getItem("yizhan-user");
  var user = stored || (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2));
  localStorage.setItem("yizhan-user", user);
  var socket = null, useHttp = false, buttonsBox = null;

  function add(cls, text) {
    var div = document.createElement("div"); div.className = "msg " + cls; div.textContent = text;
    log.appendChild(div); log.scrollTop = log.scrollHeight; return div;
  }
  function buttons(list) {
    if (buttonsBox) { buttonsBox.remove(); buttonsBox = null; }
    if (!list || !list.length) return;
    var box = document.createElement("div"); box.className = "buttons"; box.setAttribute("role", "group"); box.setAttribute("aria-label", "可选的回答");
    list.forEach(function (r) {
      var b = document.createElement("button"); b.type = "button"; b.textContent = r.title;
      b.onclick = function () { box.remove(); buttonsBox = null; send({ type: "message", text: r.title, button: r.payload }, r.title); };
      box.appendChild(b);
    });
    log.appendChild(box); buttonsBox = box; log.scrollTop = log.scrollHeight;
  }
  function bar(id, value) {
    var el = document.getElementById(id); if (!value) return;
    el.querySelector(".code").textContent = value; el.hidden = false;
  }
  // The conversation so far, when the page is opened again; buttons only on the last question.
  function history(lines) {
    if (!lines || !lines.length) return;
    var note = document.createElement("div"); note.className = "earlier"; note.textContent = "—— 之前的对话 ——"; log.appendChild(note);
    lines.forEach(function (l, i) {
      add(l.from === "me" ? "me" : "bot", l.text);
      if (i === lines.length - 1 && l.from === "bot" && l.buttons) buttons(l.buttons.map(function (b) { return { title: b.label, payload: b.value }; }));
    });
  }
  function show(message) {
    if (!message) return;
    if (message.state) { bar("resume", message.state.resume_code); bar("case", message.state.case_number); }
    if (message.type === "history") return history(message.lines);
    if (message.type !== "message" || !message.text) return;
    add("bot", message.text);
    buttons(message.quick_replies);
  }
  // Each message carries an id: sent again after a failure, the server handles it once.
  function newId() { return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2); }
  var unsent = null;
  var MAX_TEXT = ${MAX_TEXT_CHARS};
  function send(message, echo) {
    message.user = user;
    if (message.type === "message" && !message.id) message.id = newId();
    if (echo) add("me", echo);
    if (!useHttp && socket && socket.readyState === 1) { socket.send(JSON.stringify(message)); return; }
    fetch("/api/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(message) })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (list) { (Array.isArray(list) ? list : []).forEach(show); })
      .catch(function () {
        // Nothing typed is lost: the text goes back into the box, with its id, to send again.
        if (message.type === "message" && message.text && !message.button && !input.value) { input.value = message.text; unsent = message; grow(); }
        status.textContent = "网络不太好，消息可能没发出去，已放回输入框，请稍后再点发送。";
      });
  }
  function fallback() {
    if (useHttp) return; useHttp = true; status.textContent = "";
    send({ type: stored ? "welcome_back" : "hello" });
    setInterval(function () { send({ type: "poll" }); }, 15000);
  }
  try {
    socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/chat/ws");
    var opened = setTimeout(fallback, 4000);
    socket.onopen = function () { clearTimeout(opened); status.textContent = ""; socket.send(JSON.stringify({ type: stored ? "welcome_back" : "hello", user: user })); };
    socket.onmessage = function (e) { try { show(JSON.parse(e.data)); } catch (err) {} };
    socket.onerror = function () { clearTimeout(opened); fallback(); };
    socket.onclose = function () { if (!useHttp) { status.textContent = "连接已断开，正在改用普通方式发送。"; fallback(); } };
  } catch (e) { fallback(); }

  // The box grows with what is typed, up to about six lines.
  function grow() { input.style.height = "auto"; input.style.height = Math.min(input.scrollHeight + 2, 168) + "px"; }
  input.addEventListener("input", grow);
  form.onsubmit = function (e) {
    e.preventDefault(); var text = input.value.trim(); if (!text) return;
    // Too long for one message: nothing is sent or cleared, the resident is told to send it in parts.
    if (text.length > MAX_TEXT) { status.textContent = "这段话有 " + text.length + " 个字，一次最多能发 " + MAX_TEXT + " 个字。请分成几段，一段一段发，每段我都会记下。"; return; }
    var again = unsent && unsent.text === text ? unsent.id : undefined; unsent = null;
    input.value = ""; grow(); send({ type: "message", text: text, id: again }, text);
  };
  // Enter sends on a keyboard; on a phone (coarse pointer) Enter is a new line and the button sends.
  // Never while an input method is composing (拼音 candidates are confirmed with Enter).
  var phone = window.matchMedia && matchMedia("(pointer: coarse)").matches;
  input.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || e.shiftKey || phone || e.isComposing || e.keyCode === 229) return;
    e.preventDefault(); form.requestSubmit();
  });

  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0]; fileInput.value = "";
    if (!file) return;
    if (file.size > maxBytes) { status.textContent = "文件太大了，请发 " + Math.round(maxBytes / 1048576) + " MB 以内的照片或 PDF。"; return; }
    var data = new FormData(); data.append("user", user); data.append("id", newId()); data.append("file", file);
    add("me", "已发送文件：" + file.name); status.textContent = "正在发送文件…";
    fetch("/chat/upload", { method: "POST", body: data })
      .then(function (r) { return r.json().then(function (body) { if (!r.ok) throw new Error(body && body.error || String(r.status)); return body; }); })
      .then(function (list) { status.textContent = ""; (Array.isArray(list) ? list : []).forEach(show); })
      .catch(function (err) { status.textContent = "文件没有发出去：" + (err && err.message || "请稍后再试"); });
  });

  function copy(id) {
    var text = document.querySelector("#" + id + " .code").textContent, button = document.querySelector("#" + id + " button");
    function done() { button.textContent = "已复制"; setTimeout(function () { button.textContent = "复制"; }, 2000); }
    if (navigator.clipboard && navigator.clipboard.writeText) { navigator.clipboard.writeText(text).then(done, function () {}); return; }
    var range = document.createRange(); range.selectNodeContents(document.querySelector("#" + id + " .code"));
    var sel = getSelection(); sel.removeAllRanges(); sel.addRange(range); try { document.execCommand("copy"); done(); } catch (e) {}
  }
  document.querySelector("#resume button").onclick = function () { copy("resume"); };
  document.querySelector("#case button").onclick = function () { copy("case"); };
})();
`;

/** The hotlines residents can tap; the centre's own number is added when configured. */
const HOTLINES = [
  { number: "110", label: "报警 110" },
  { number: "120", label: "急救 120" },
  { number: "12356", label: "心理援助 12356" },
];

export function chatPage(opts: { centrePhone?: string; uploadLimitBytes?: number } = {}): string {
  const lines = [...HOTLINES, ...(opts.centrePhone ? [{ number: opts.centrePhone.replace(/[\s-]/g, ""), label: `中心电话 ${opts.centrePhone}` }] : [])];
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>一站 · 矛盾纠纷在线登记</title>
<style>${CHAT_STYLE}</style>
</head>
<body>
<header>
  <h1>一站 · 县综治中心</h1>
  <p>矛盾纠纷在线登记，由工作人员跟进处理</p>
  <nav class="hotlines" aria-label="求助电话，点击即可拨打">${lines.map((l) => `<a class="badge" href="tel:${escapeHtml(l.number)}">${escapeHtml(l.label)}</a>`).join(" ")}</nav>
</header>
<div class="bar" id="case" hidden><span class="label">案件编号</span><span class="code" data-testid="case-number"></span><button type="button" aria-label="复制案件编号">复制</button></div>
<div class="bar" id="resume" hidden><span class="label">续接码</span><span class="code" data-testid="resume-code"></span><button type="button" aria-label="复制续接码">复制</button></div>
<main id="log" role="log" aria-live="polite" aria-label="对话记录"></main>
<div id="status" role="status" aria-live="polite"></div>
<form id="send" aria-label="发送消息">
  <label class="attach" for="file" title="发送照片或文件"><span aria-hidden="true">照片</span><span class="visually-hidden">发送照片或 PDF 文件</span></label>
  <input id="file" class="visually-hidden" type="file" accept="image/jpeg,image/png,image/webp,image/gif,application/pdf" data-max-bytes="${opts.uploadLimitBytes ?? 10 * 1024 * 1024}">
  <label class="visually-hidden" for="text">消息</label>
  <textarea id="text" placeholder="请输入您想说的话…" rows="1" enterkeyhint="enter"></textarea>
  <button type="submit">发送</button>
</form>
<script>${CHAT_SCRIPT}</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The page without the centre's phone (its inline blocks are the same for every setting). */
export const CHAT_PAGE = chatPage();
