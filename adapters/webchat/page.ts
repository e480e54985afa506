// The resident's chat page at /chat: self-contained, mobile-first, Chinese. Speaks Botkit's
// web protocol over WebSocket (/chat/ws) and falls back to POST /api/messages.
export const CHAT_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>一站 · 矛盾纠纷在线登记</title>
<style>
  :root { --brand: #b3261e; --bg: #f5f5f4; --bot: #ffffff; --me: #1f6feb; --text: #1c1b1f; --muted: #6b6b6b; }
  * { box-sizing: border-box; }
  html, body { height: 100%; margin: 0; }
  body { font-family: "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif;
         background: var(--bg); color: var(--text); display: flex; flex-direction: column; font-size: 16px; }
  header { background: var(--brand); color: #fff; padding: 12px 16px; padding-top: max(12px, env(safe-area-inset-top)); }
  header h1 { margin: 0; font-size: 18px; font-weight: 600; }
  header p { margin: 2px 0 0; font-size: 13px; opacity: .9; }
  #log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
  .msg { max-width: 86%; padding: 10px 12px; border-radius: 14px; line-height: 1.55; white-space: pre-wrap; word-break: break-word; }
  .bot { align-self: flex-start; background: var(--bot); border-top-left-radius: 4px; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
  .me { align-self: flex-end; background: var(--me); color: #fff; border-top-right-radius: 4px; }
  .buttons { align-self: flex-start; display: flex; flex-wrap: wrap; gap: 6px; max-width: 92%; }
  .buttons button { border: 1px solid var(--me); color: var(--me); background: #fff; border-radius: 18px; padding: 8px 14px;
                    font-size: 15px; font-family: inherit; cursor: pointer; }
  .buttons button:active { background: #e8f0fe; }
  form { display: flex; gap: 8px; padding: 8px; padding-bottom: max(8px, env(safe-area-inset-bottom)); background: #fff; border-top: 1px solid #e5e5e5; }
  textarea { flex: 1; resize: none; border: 1px solid #d0d0d0; border-radius: 18px; padding: 9px 14px; font: inherit; height: 42px; max-height: 120px; }
  form button { background: var(--me); color: #fff; border: 0; border-radius: 18px; padding: 0 18px; font: inherit; }
  #status { font-size: 12px; color: var(--muted); text-align: center; padding: 2px; }
</style>
</head>
<body>
<header>
  <h1>一站 · 县综治中心</h1>
  <p>矛盾纠纷在线登记，由工作人员跟进处理</p>
</header>
<main id="log" aria-live="polite"></main>
<div id="status"></div>
<form id="send">
  <textarea id="text" placeholder="请输入您想说的话…" aria-label="消息" rows="1"></textarea>
  <button type="submit">发送</button>
</form>
<script>
(function () {
  var log = document.getElementById("log"), input = document.getElementById("text"), status = document.getElementById("status");
  var stored = localStorage.getItem("yizhan-user");
  var user = stored || (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2));
  localStorage.setItem("yizhan-user", user);
  var socket = null, useHttp = false;

  function add(cls, text) {
    var div = document.createElement("div"); div.className = "msg " + cls; div.textContent = text;
    log.appendChild(div); log.scrollTop = log.scrollHeight; return div;
  }
  function show(message) {
    if (!message || message.type !== "message" || !message.text) return;
    add("bot", message.text);
    var replies = message.quick_replies || [];
    if (replies.length) {
      var box = document.createElement("div"); box.className = "buttons";
      replies.forEach(function (r) {
        var b = document.createElement("button"); b.type = "button"; b.textContent = r.title;
        b.onclick = function () { box.remove(); send({ type: "message", text: r.title, button: r.payload }, r.title); };
        box.appendChild(b);
      });
      log.appendChild(box); log.scrollTop = log.scrollHeight;
    }
  }
  // Each message carries an id: sent again after a failure, the server handles it once.
  function newId() { return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2); }
  var unsent = null;
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
        if (message.type === "message" && message.text && !message.button && !input.value) { input.value = message.text; unsent = message; }
        status.textContent = "网络不太好，消息可能没发出去，已放回输入框，请稍后再点发送。";
      });
  }
  function fallback() {
    if (useHttp) return; useHttp = true; status.textContent = "";
    send({ type: stored ? "poll" : "hello" });
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

  document.getElementById("send").onsubmit = function (e) {
    e.preventDefault(); var text = input.value.trim(); if (!text) return;
    var again = unsent && unsent.text === text ? unsent.id : undefined; unsent = null;
    input.value = ""; send({ type: "message", text: text, id: again }, text);
  };
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); document.getElementById("send").requestSubmit(); }
  });
})();
</script>
</body>
</html>
`;
