/**
 * What every HTTP request passes before a route sees it: a body size limit (413 with a
 * clear sentence, decided from Content-Length without reading the body) and the edge
 * cleaning of text (NUL, lone surrogates; see edge-text.ts) in JSON, form and plain-text
 * bodies, so no route ever stores what the database refuses.
 * Mount it first: Hono runs middleware only for routes registered after it.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cleanDeep, cleanText } from "../edge-text.js";
import type { HttpModule } from "./app.js";

export interface EdgeLimits {
  maxBodyBytes: number;
  /** Paths that check their own credentials before reading a byte (the Telegram webhook). */
  exempt?: string[];
}

export function edgeLimits(limits: EdgeLimits): HttpModule {
  const exempt = new Set(limits.exempt ?? []);
  const limit = bodyLimit({ maxSize: limits.maxBodyBytes, onError: (c) => tooLarge(c, limits.maxBodyBytes) });
  return (app) => {
    app.use("*", async (c, next) => {
      if (exempt.has(c.req.path)) return next();
      return limit(c, () => cleanBody(c, next));
    });
  };
}

/** The 413 answer; the connection is closed so the rest of an oversized upload is never read. */
export function tooLarge(c: Context, maxBytes: number): Response {
  const message = `提交的内容太大了（上限 ${formatBytes(maxBytes)}），请删减后再发送。`;
  c.header("Connection", "close");
  const wantsPage = (c.req.header("accept") ?? "").includes("text/html");
  return wantsPage ? c.html(`<!doctype html><meta charset="utf-8"><title>内容太大</title><p>${message}</p>`, 413) : c.json({ error: message }, 413);
}

const cleanBody: (c: Context, next: () => Promise<void>) => Promise<void> = async (c, next) => {
  const raw = c.req.raw;
  if (!raw.body || raw.method === "GET" || raw.method === "HEAD") return next();
  const type = (raw.headers.get("content-type") ?? "").toLowerCase();
  let cleaned: string | undefined;
  if (type.includes("json")) {
    const text = await raw.text();
    try {
      cleaned = JSON.stringify(cleanDeep(JSON.parse(text)));
    } catch {
      cleaned = text; // not JSON after all: the route answers its own 400
    }
  } else if (type.startsWith("application/x-www-form-urlencoded")) {
    const form = new URLSearchParams(await raw.text());
    cleaned = new URLSearchParams([...form].map(([k, v]) => [cleanText(k), cleanText(v)])).toString();
  } else if (type.startsWith("text/")) {
    cleaned = cleanText(await raw.text());
  }
  if (cleaned !== undefined) {
    const headers = new Headers(raw.headers);
    headers.delete("content-length");
    c.req.raw = new Request(raw, { body: cleaned, headers });
  }
  return next();
};

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}
