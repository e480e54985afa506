// The Telegram webhook against a fake Bot API server on 127.0.0.1 (TELEGRAM_API_ROOT):
// secret first, no waiting on an unreachable Bot API, one effect per update_id (shared
// across processes through the key-value store, Redis when configured), no token in any log.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../adapters/config.js";
import { createHttpApp } from "../../adapters/http/app.js";
import { edgeLimits } from "../../adapters/http/edge-limits.js";
import { createLogger } from "../../adapters/logger.js";
import type { KeyValueStore } from "../../adapters/store/key-value-store.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { createTelegramChannel } from "../../adapters/telegram/bot.js";
import { telegramTransport } from "../../adapters/telegram/transport.js";
import { TELEGRAM_WEBHOOK_PATH } from "../../adapters/telegram/webhook.js";
import { freshRedis, skipRedis } from "../support/services.js";
import { testIntake } from "../support/conversations.js";

const TOKEN = "8123456789:AAHfakeTokenForTests_abcdefghijklmno";
const SECRET = "s3cret-webhook-token";

interface FakeBotApi {
  root: string;
  calls: { method: string; payload: Record<string, unknown> }[];
  close(): Promise<void>;
}

async function fakeBotApi(): Promise<FakeBotApi> {
  const calls: FakeBotApi["calls"] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const method = (req.url ?? "").split("/").pop() ?? "";
      const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      calls.push({ method, payload });
      const result =
        method === "getMe"
          ? { id: 8123456789, is_bot: true, first_name: "一站", username: "yizhan_test_bot" }
          : method === "sendMessage"
            ? { message_id: calls.length, date: 0, chat: { id: payload.chat_id, type: "private" }, text: payload.text }
            : true;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { root: `http://127.0.0.1:${port}`, calls, close: () => new Promise((r) => server.close(() => r())) };
}

/** A loopback port nothing listens on: the Bot API is unreachable there. */
async function deadRoot(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}`;
}

function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { lines, logger: createLogger({ log: { level: "debug", format: "json" } }, sink) };
}

function webhookApp(apiRoot: string, store: KeyValueStore, logger = capturedLogger().logger) {
  const { intake } = testIntake(store);
  const config = loadConfig({ TELEGRAM_API_ROOT: apiRoot, LOG_LEVEL: "silent" });
  const channel = createTelegramChannel({ token: TOKEN, intake, logger, apiRoot: config.telegram.apiRoot });
  const transport = telegramTransport(channel, { publicUrl: "https://yizhan.example.gov.cn", secret: SECRET, maxBodyBytes: 64 * 1024 });
  const app = createHttpApp({ logger, probes: [] }, [edgeLimits({ maxBodyBytes: 64 * 1024, exempt: [TELEGRAM_WEBHOOK_PATH] }), ...transport.modules]);
  return { app, channel, transport };
}

let updateId = 500;
function textUpdate(text: string, id = updateId++) {
  return { update_id: id, message: { message_id: id, date: 1_700_000_000, chat: { id: 9001, type: "private", first_name: "王芳" }, from: { id: 9001, is_bot: false, first_name: "王芳" }, text } };
}

function post(app: ReturnType<typeof webhookApp>["app"], body: unknown, secret: string | null = SECRET) {
  return app.request(TELEGRAM_WEBHOOK_PATH, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("Telegram webhook", () => {
  it("checks the secret before anything else, and answers at once when the Bot API is unreachable", async () => {
    const { lines, logger } = capturedLogger();
    const { app } = webhookApp(await deadRoot(), new MemoryStore(), logger);
    expect((await post(app, textUpdate("你好"), null)).status).toBe(401);
    expect((await post(app, "not even json", "wrong-secret")).status).toBe(401);
    // Wrong secret with a huge declared body: refused on the header, the body is never read.
    expect((await post(app, "x".repeat(200 * 1024), "wrong")).status).toBe(401);

    const started = Date.now();
    const res = await post(app, textUpdate("你好"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await post(app, "{bad json")).status).toBe(400);
    expect((await post(app, "x".repeat(200 * 1024))).status).toBe(413);

    // The failed getMe was logged (without the token), once per attempt.
    await new Promise((r) => setTimeout(r, 200));
    const all = lines.join("\n");
    expect(all).toContain("not reachable");
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(TOKEN.split(":")[1]);
  });

  it("handles an update once the bot is ready, through the configured API root", async () => {
    const api = await fakeBotApi();
    cleanups.push(api.close);
    const { lines, logger } = capturedLogger();
    const { app, channel } = webhookApp(api.root, new MemoryStore(), logger);
    const update = textUpdate("/start");
    expect((await post(app, update)).status).toBe(503); // not ready yet: Telegram delivers it again
    expect(await channel.ensureReady()).toBe(true);
    expect((await post(app, update)).status).toBe(200);
    const sent = api.calls.filter((c) => c.method === "sendMessage");
    expect(sent.length).toBeGreaterThan(0);
    expect(String(sent[0]!.payload.text)).toContain("您好");
    expect(api.calls[0]!.method).toBe("getMe");
    expect(lines.join("\n")).not.toContain(TOKEN.split(":")[1]);
  });

  it("cleans NUL and lone surrogates out of the update before the dialogue sees it", async () => {
    const api = await fakeBotApi();
    cleanups.push(api.close);
    const { app, channel } = webhookApp(api.root, new MemoryStore());
    await channel.ensureReady();
    const raw = JSON.stringify(textUpdate("/start")).replace("/start", "/start\\u0000\\ud800");
    expect((await post(app, raw)).status).toBe(200);
  });

  const stores: [string, () => Promise<{ store: KeyValueStore; dispose(): Promise<void> }>, boolean][] = [
    ["memory", async () => ({ store: new MemoryStore(), dispose: async () => undefined }), false],
    ["redis", freshRedis, skipRedis],
  ];
  for (const [name, open, skip] of stores) {
    it.skipIf(skip)(`a replayed update_id has one effect, across two processes sharing the ${name} store`, async () => {
      const api = await fakeBotApi();
      cleanups.push(api.close);
      const { store, dispose } = await open();
      cleanups.push(dispose);
      const one = webhookApp(api.root, store);
      const two = webhookApp(api.root, store);
      await one.channel.ensureReady();
      await two.channel.ensureReady();
      const update = textUpdate("/start");
      expect((await post(one.app, update)).status).toBe(200);
      const afterFirst = api.calls.filter((c) => c.method === "sendMessage").length;
      expect(afterFirst).toBeGreaterThan(0);
      expect((await post(one.app, update)).status).toBe(200);
      expect((await post(two.app, update)).status).toBe(200);
      expect(api.calls.filter((c) => c.method === "sendMessage").length).toBe(afterFirst);
      // A new update still works.
      expect((await post(two.app, textUpdate("/help"))).status).toBe(200);
      expect(api.calls.filter((c) => c.method === "sendMessage").length).toBeGreaterThan(afterFirst);
    });
  }

  it("sets the webhook in the background and never logs the token when that fails", async () => {
    const { lines, logger } = capturedLogger();
    const { transport } = webhookApp(await deadRoot(), new MemoryStore(), logger);
    for (const job of transport.jobs) job.start();
    await new Promise((r) => setTimeout(r, 300));
    for (const job of transport.jobs) await job.stop();
    const all = lines.join("\n");
    expect(all).not.toContain(TOKEN.split(":")[1]);
  });
});
