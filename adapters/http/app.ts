// The HTTP application: health probes here; channels, console and API plug in as
// modules. Built without I/O (see STYLE: createApp builds, main listens).
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "../logger.js";
import { securityHeaders } from "./security-headers.js";

export interface Probe {
  name: string;
  check(): Promise<void>;
}

export interface HttpDeps {
  logger: Logger;
  /** Checked by /readyz: typically the database and the key-value store. */
  probes: Probe[];
  probeTimeoutMs?: number;
}

/** A group of routes mounted on the app (web chat, console, API…). */
export type HttpModule = (app: Hono) => void;

export function createHttpApp(deps: HttpDeps, modules: HttpModule[] = []): Hono {
  const app = new Hono();
  app.use("*", securityHeaders());

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  // Browsers ask for it on every page; no icon is better than a 404 in every console log.
  app.get("/favicon.ico", (c) => c.body(null, 204));

  app.get("/readyz", async (c) => {
    const results = await Promise.all(
      deps.probes.map(async (probe) => {
        try {
          await withTimeout(probe.check(), deps.probeTimeoutMs ?? 2_000);
          return { name: probe.name, ok: true as const };
        } catch (error) {
          deps.logger.warn({ probe: probe.name, err: error }, "readiness probe failed");
          return { name: probe.name, ok: false as const, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const ready = results.every((r) => r.ok);
    return c.json({ status: ready ? "ready" : "not_ready", checks: results }, ready ? 200 : 503);
  });

  for (const mount of modules) mount(app);

  app.notFound((c) => c.json({ error: "未找到该页面或接口。" }, 404));
  app.onError((error, c) => {
    // Hono's own refusals (CSRF origin check, body limit…) keep their status.
    if (error instanceof HTTPException) return error.getResponse();
    deps.logger.error({ err: error, method: c.req.method, path: c.req.path }, "unhandled error in HTTP request");
    return c.json({ error: "服务器出了点问题，请稍后再试。您提交的内容没有丢失。" }, 500);
  });
  return app;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`超过 ${ms} 毫秒未响应`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
