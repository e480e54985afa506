import { describe, expect, it } from "vitest";
import { HTTPException } from "hono/http-exception";
import { createHttpApp } from "../../../adapters/http/app.js";
import { createLogger } from "../../../adapters/logger.js";

const logger = createLogger({ log: { level: "silent", format: "json" } });

describe("health endpoints", () => {
  it("/healthz answers while the process is up", async () => {
    const app = createHttpApp({ logger, probes: [] });
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/favicon.ico is an empty answer, not a 404 on every page", async () => {
    const res = await createHttpApp({ logger, probes: [] }).request("/favicon.ico");
    expect(res.status).toBe(204);
  });

  it("/readyz is 200 when every probe passes and 503 naming the one that fails", async () => {
    const ok = createHttpApp({ logger, probes: [{ name: "database", check: async () => {} }] });
    expect((await ok.request("/readyz")).status).toBe(200);

    const failing = createHttpApp({
      logger,
      probes: [
        { name: "database", check: async () => {} },
        { name: "store", check: async () => Promise.reject(new Error("connection refused")) },
      ],
      probeTimeoutMs: 100,
    });
    const res = await failing.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: "not_ready",
      checks: [{ name: "database", ok: true }, { name: "store", ok: false, error: "connection refused" }],
    });
  });

  it("/readyz fails a probe that hangs", async () => {
    const app = createHttpApp({ logger, probes: [{ name: "db", check: () => new Promise(() => {}) }], probeTimeoutMs: 50 });
    expect((await app.request("/readyz")).status).toBe(503);
  });

  it("keeps the status of a deliberate HTTP refusal", async () => {
    const app = createHttpApp({ logger, probes: [] }, [
      (a) => a.post("/guarded", () => {
        throw new HTTPException(403, { message: "来源不被允许" });
      }),
    ]);
    const res = await app.request("/guarded", { method: "POST" });
    expect(res.status).toBe(403);
  });

  it("turns an unexpected error into a Chinese message without a stack trace", async () => {
    const app = createHttpApp({ logger, probes: [] }, [
      (a) => a.get("/boom", () => {
        throw new Error("secret internals");
      }),
    ]);
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain("服务器出了点问题");
    expect(body).not.toContain("secret internals");
  });
});
