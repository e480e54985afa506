// The pages still work under the Content-Security-Policy, in Debian's Chromium against
// `yizhan serve` on the embedded default: the web chat runs its script over a WebSocket,
// the console logs in and opens its live-update stream, and the browser reports no
// CSP violation on any page.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../adapters/config.js";
import { createPrismaStaffRepository } from "../../adapters/db/staff-repository.js";
import { hashPassword } from "../../adapters/http/auth/passwords.js";
import { caseDeskFor } from "../../adapters/runtime/queue-runtime.js";
import { serveFeatures } from "../../adapters/runtime/features.js";
import { startServing, type Serving } from "../../adapters/runtime/serve.js";
import { chromiumAvailable, launchChromium } from "../support/browser.js";
import { newCaseFixture } from "../support/queue-fixtures.js";

async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction("__cspViolation", (v: string) => void violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

describe.skipIf(!chromiumAvailable)("pages under the security headers, in a browser", () => {
  let serving: Serving;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "yizhan-csp-e2e-"));
    serving = await startServing(loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent" }), serveFeatures);
    await createPrismaStaffRepository(serving.services.db.prisma).create({
      username: "csp-mediator",
      displayName: "王芳",
      passwordHash: await hashPassword("tiaojie-2026-demo"),
      role: "mediator",
      townshipId: null,
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await serving?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("runs the web chat over its WebSocket with no violation", async () => {
    const page = await browser.newPage({ locale: "zh-CN" });
    const violations = await watchViolations(page);
    const socket = page.waitForEvent("websocket");
    const response = await page.goto(`${serving.http.url}/chat`);
    expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect((await socket).url()).toMatch(/\/chat\/ws$/);
    await page.getByText("个人信息说明").waitFor();
    const before = await page.locator(".msg.bot").count();
    await page.locator(".buttons button", { hasText: "同意，开始" }).last().click();
    await page.waitForFunction((n) => document.querySelectorAll(".msg.bot").length > n, before);
    expect(violations).toEqual([]);
    await page.close();
  }, 60_000);

  it("logs in, shows the queue and a case, and opens the live updates with no violation", async () => {
    const filed = await caseDeskFor(serving.services, serving.services.knowledge).fileCase(newCaseFixture({ color: "orange", residentKey: "webchat:csp-1" }));
    const page = await browser.newPage({ locale: "zh-CN" });
    const violations = await watchViolations(page);
    await page.goto(`${serving.http.url}/console/login`);
    await page.fill("#username", "csp-mediator");
    await page.fill("#password", "tiaojie-2026-demo");
    const live = page.waitForRequest((r) => r.url().endsWith("/api/events"));
    await page.click("button[type=submit]");
    await page.waitForURL(/\/console$/);
    await live;
    expect(await page.locator(`tr[data-number="${filed.number}"]`).count()).toBe(1);
    // The stylesheet applied: the badge is coloured by the inline style block.
    const badge = await page.locator("span.badge.c-orange").first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(badge).toBe("rgb(180, 83, 9)"); // #b45309: 5.0:1 with white (WCAG AA)
    await page.goto(`${serving.http.url}/console/cases/${filed.number}`);
    await page.getByText(`案件 ${filed.number}`).first().waitFor();
    await page.goto(`${serving.http.url}/console/operator`);
    await page.locator("#transcript").waitFor();
    expect(violations).toEqual([]);
    await page.close();
  }, 60_000);
});
