// Graceful shutdown on a real socket: 50 requests in flight when the stop begins all get
// their answer (none reset), new connections are refused, WebSocket clients get a close
// frame (1001), and `serve`'s stop closes the database and store only after that.
import { Agent, request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../adapters/config.js";
import { startServing } from "../../adapters/runtime/serve.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { createWebChatChannel, WEBCHAT_SOCKET_PATH } from "../../adapters/webchat/channel.js";
import { silentLogger, testIntake } from "../support/conversations.js";

const WebSocketClient = createRequire(createRequire(import.meta.url).resolve("botbuilder-adapter-web"))("ws") as new (url: string) => {
  on(event: "open" | "close" | "error", listener: (...args: unknown[]) => void): void;
};

type Outcome = { status: number; body: string; connection: string | undefined } | { error: string };

function get(url: string, agent: Agent): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      res.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end();
  });
}

describe("graceful shutdown", () => {
  // Generous: opening the embedded database takes most of it on a loaded machine.
  it("finishes 50 in-flight requests, resets none, refuses new connections and says goodbye on WebSockets", { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "yizhan-stop-"));
    const config = loadConfig({ PORT: "0", DATA_DIR: dir, LOG_LEVEL: "silent", NODE_ENV: "test", SHUTDOWN_TIMEOUT_MS: "10000" });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let arrived = 0;
    const { intake } = testIntake(new MemoryStore());
    const webchat = createWebChatChannel({ intake, store: new MemoryStore(), logger: silentLogger() });
    const serving = await startServing(config, () => ({
      modules: [
        (app) =>
          app.get("/slow", async (c) => {
            arrived++;
            await gate;
            return c.text("完成");
          }),
        webchat.mount,
      ],
      jobs: [],
    }));
    const agent = new Agent({ keepAlive: true, maxSockets: 60 });
    try {
      const base = serving.http.url;
      // Idle keep-alive sockets too: they must be closed, not left to time out.
      await Promise.all(Array.from({ length: 5 }, () => get(`${base}/healthz`, agent)));
      const ws = new WebSocketClient(`${base.replace("http", "ws")}${WEBCHAT_SOCKET_PATH}`);
      await new Promise((resolve) => ws.on("open", resolve));
      const wsClosed = new Promise<unknown>((resolve) => ws.on("close", (code) => resolve(code)));

      const inFlight = Array.from({ length: 50 }, () => get(`${base}/slow`, agent));
      while (arrived < 50) await new Promise((r) => setTimeout(r, 10));

      const stopped = serving.stop();
      expect(await wsClosed).toBe(1001);
      const refused = await get(`${base}/healthz`, new Agent());
      // A new connection is refused, or — while the listener drains the kernel's queue — answered
      // "503, retry later"; it never reaches a route.
      expect(String("error" in refused ? refused.error : refused.status)).toMatch(/^(ECONNREFUSED|503)$/);
      release();

      const outcomes = await Promise.all(inFlight);
      expect(outcomes.filter((o) => "error" in o)).toEqual([]);
      for (const o of outcomes) expect(o).toEqual({ status: 200, body: "完成", connection: "close" });
      await stopped;
      // The database was closed after the requests: a second stop is the same, finished promise.
      await serving.stop();
    } finally {
      release();
      agent.destroy();
      await serving.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
