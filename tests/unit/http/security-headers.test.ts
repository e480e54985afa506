// Security headers on every response, and a CSP that lets the pages' own inline blocks run:
// each inline <script>/<style> of the chat page and the console is allowed by its hash, and
// no page uses what such a policy blocks (inline handlers, style attributes).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import { createHttpApp } from "../../../adapters/http/app.js";
import { layout } from "../../../adapters/http/console/layout.js";
import { loginPage } from "../../../adapters/http/console/operator-page.js";
import { inlineBlocksOf } from "../../../adapters/http/security-headers.js";
import { createLogger } from "../../../adapters/logger.js";
import { CHAT_PAGE } from "../../../adapters/webchat/page.js";
import { html } from "hono/html";

const logger = createLogger({ log: { level: "silent", format: "json" } });
const hashOf = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

function appWithPages() {
  return createHttpApp({ logger, probes: [] }, [
    (app: Hono) => {
      app.get("/chat", (c) => c.html(CHAT_PAGE));
      app.get("/console/login", async (c) => c.html(await loginPage({})));
      app.get("/console/page", async (c) =>
        c.html(await layout({ title: "测试", page: "queue", actor: { id: "m1", role: "mediator", displayName: "王芳", townshipId: null }, csrf: "t", body: html`<p>内容</p>` })),
      );
      app.get("/boom", () => {
        throw new Error("boom");
      });
    },
  ]);
}

function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get("content-security-policy") ?? "";
  return new Map(header.split(";").map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([name, ...values]) => [name!, values]));
}

describe("security headers", () => {
  it("are on every response: pages, JSON, 404 and 500", async () => {
    const app = appWithPages();
    for (const path of ["/healthz", "/chat", "/console/login", "/nowhere", "/boom"]) {
      const res = await app.request(path);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      const policy = csp(res);
      expect(policy.get("frame-ancestors"), path).toEqual(["'none'"]);
      expect(policy.get("default-src"), path).toEqual(["'self'"]);
      expect(policy.get("object-src"), path).toEqual(["'none'"]);
      expect(policy.get("script-src")?.includes("'unsafe-inline'"), path).toBe(false);
    }
  });

  it("allows each inline block of the chat page and the console by its hash, and nothing inline besides", async () => {
    const app = appWithPages();
    for (const path of ["/chat", "/console/login", "/console/page"]) {
      const res = await app.request(path);
      const page = await res.text();
      const policy = csp(res);
      const blocks = inlineBlocksOf(page);
      expect(blocks.styles.length, path).toBeGreaterThan(0);
      for (const s of blocks.scripts) expect(policy.get("script-src"), path).toContain(hashOf(s));
      for (const s of blocks.styles) expect(policy.get("style-src"), path).toContain(hashOf(s));
      // Every <script>/<style> element is a plain one the hashes cover (none with attributes).
      expect(page.match(/<script\b/g)?.length ?? 0, path).toBe(blocks.scripts.length);
      expect(page.match(/<style\b/g)?.length ?? 0, path).toBe(blocks.styles.length);
      expect(page, path).not.toMatch(/\sstyle="/);
      expect(page, path).not.toMatch(/\son[a-z]+="/);
    }
  });
});
