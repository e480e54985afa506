// Bad input at the edge, on a real listening socket: body limits (declared and chunked),
// text cleaning in JSON, form and text bodies, and the web chat's WebSocket frame limit.
import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpApp } from "../../adapters/http/app.js";
import { edgeLimits } from "../../adapters/http/edge-limits.js";
import { listen, type RunningServer } from "../../adapters/http/server.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { createWebChatChannel, WEBCHAT_SOCKET_PATH } from "../../adapters/webchat/channel.js";
import { silentLogger, testIntake } from "../support/conversations.js";

const WebSocketClient = createRequire(createRequire(import.meta.url).resolve("botbuilder-adapter-web"))("ws") as new (url: string) => {
  on(event: "open" | "close" | "error" | "message", listener: (...args: unknown[]) => void): void;
  send(data: string): void;
};

const LIMIT = 64 * 1024;
const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});

async function start(): Promise<{ url: string; seen: unknown[] }> {
  const seen: unknown[] = [];
  const logger = silentLogger();
  const { intake } = testIntake(new MemoryStore());
  const webchat = createWebChatChannel({ intake, store: new MemoryStore(), logger });
  const app = createHttpApp({ logger, probes: [] }, [
    edgeLimits({ maxBodyBytes: LIMIT, exempt: ["/exempt"] }),
    (a) => {
      a.post("/json", async (c) => (seen.push(await c.req.json()), c.json({ ok: true })));
      a.post("/form", async (c) => (seen.push(await c.req.parseBody()), c.json({ ok: true })));
      a.post("/text", async (c) => (seen.push(await c.req.text()), c.json({ ok: true })));
    },
    webchat.mount,
  ]);
  const server = await listen(app, { host: "127.0.0.1", port: 0 });
  servers.push(server);
  return { url: server.url, seen };
}

/** Sends `total` bytes in 64 KB chunks (declared or chunked) and resolves on the response, whatever the upload does. */
function upload(url: string, total: number, declared: boolean): Promise<{ status: number; body: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/json`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(declared ? { "content-length": String(total) } : {}) },
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - started }));
    });
    // The server may close the connection mid-upload once it has answered: that is the point.
    req.on("error", (error) => (Date.now() - started > 10_000 ? reject(error) : undefined));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("body limits", () => {
  it("answers a declared 5 MB body with 413 and a Chinese sentence within 1 s, without reading it", async () => {
    const { url, seen } = await start();
    const res = await upload(url, 5 * 1024 * 1024, true);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toContain("提交的内容太大了（上限 64 KB）");
    expect(res.ms).toBeLessThan(1_000);
    expect(seen).toEqual([]);
  });

  it("stops a chunked body (no Content-Length) as soon as it passes the limit", async () => {
    const { url, seen } = await start();
    const res = await upload(url, 5 * 1024 * 1024, false);
    expect(res.status).toBe(413);
    expect(res.ms).toBeLessThan(1_000);
    expect(seen).toEqual([]);
  });

  it("lets a body under the limit through", async () => {
    const { url, seen } = await start();
    const res = await fetch(`${url}/json`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "x".repeat(LIMIT - 100) }) });
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("answers a browser form with a readable page", async () => {
    const { url } = await start();
    const res = await fetch(`${url}/form`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: `a=${"x".repeat(LIMIT + 1)}`,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("请删减后再发送");
  });
});

describe("text cleaned at the edge", () => {
  it("removes NUL and replaces lone surrogates in JSON (escaped or raw), forms and plain text", async () => {
    const { url, seen } = await start();
    const json = '{"note":"门口\\u0000有人\\ud800","list":["\\udc00好"],"n":3}';
    expect((await fetch(`${url}/json`, { method: "POST", headers: { "content-type": "application/json" }, body: json })).status).toBe(200);
    expect(seen[0]).toEqual({ note: "门口有人\uFFFD", list: ["\uFFFD好"], n: 3 });

    const form = "note=%E9%97%A8%00%E5%8F%A3&x=1";
    expect((await fetch(`${url}/form`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form })).status).toBe(200);
    expect(seen[1]).toEqual({ note: "门口", x: "1" });

    expect((await fetch(`${url}/text`, { method: "POST", headers: { "content-type": "text/plain" }, body: "甲\u0000乙" })).status).toBe(200);
    expect(seen[2]).toBe("甲乙");
  });

  it("leaves a malformed JSON body for the route to refuse", async () => {
    const { url } = await start();
    const res = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "消息格式不正确。" });
  });
});

describe("a web chat message longer than the page takes", () => {
  const long = { type: "message", user: "abcdefgh9999", text: "邻居天天吵".repeat(1200) };

  it("is refused over HTTP with what to do, in Chinese first (413), not as a malformed message", async () => {
    const { url } = await start();
    const res = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(long) });
    expect(res.status).toBe(413);
    const { error } = (await res.json()) as { error: string };
    expect(error).toContain("这段话有 6000 个字，一次最多能发 4000 个字，这一条没有记下来。请分成几段");
  });

  it("is answered over the WebSocket with the same words, never silently dropped", async () => {
    const { url } = await start();
    const ws = new WebSocketClient(`${url.replace("http", "ws")}${WEBCHAT_SOCKET_PATH}`);
    const reply = new Promise<string>((resolve) => ws.on("message", (data) => resolve(String(data))));
    await new Promise((resolve) => ws.on("open", resolve));
    ws.send(JSON.stringify(long));
    expect(JSON.parse(await reply).text).toContain("请分成几段，一段一段发");
  });
});

describe("web chat WebSocket", () => {
  it("closes a socket that sends a frame above the limit (1009) and keeps serving others", async () => {
    const { url } = await start();
    const ws = new WebSocketClient(`${url.replace("http", "ws")}${WEBCHAT_SOCKET_PATH}`);
    await new Promise((resolve) => ws.on("open", resolve));
    const closed = new Promise<unknown>((resolve) => ws.on("close", (code) => resolve(code)));
    ws.on("error", () => undefined);
    ws.send(JSON.stringify({ type: "message", user: "abcdefgh1234", text: "x".repeat(1024 * 1024) }));
    expect(await closed).toBe(1009);

    const other = new WebSocketClient(`${url.replace("http", "ws")}${WEBCHAT_SOCKET_PATH}`);
    const reply = new Promise<string>((resolve) => other.on("message", (data) => resolve(String(data))));
    await new Promise((resolve) => other.on("open", resolve));
    other.send(JSON.stringify({ type: "hello", user: "abcdefgh5678" }));
    expect(JSON.parse(await reply).text).toBeTruthy();
  });
});
