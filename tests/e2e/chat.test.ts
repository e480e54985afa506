// A resident completes an intake on /chat in a real browser (Debian Chromium) against
// `yizhan serve` started in-process on a free port; a screenshot is saved under test-results/.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../adapters/config.js";
import { serveFeatures } from "../../adapters/runtime/features.js";
import { startServing, type Serving } from "../../adapters/runtime/serve.js";

import { chromiumAvailable, launchChromium } from "../support/browser.js";

describe.skipIf(!chromiumAvailable)("web chat in a browser", () => {
  let serving: Serving;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "yizhan-e2e-"));
    serving = await startServing(loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent" }), serveFeatures);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await serving?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function say(page: Page, text: string): Promise<void> {
    const before = await page.locator(".msg.bot").count();
    await page.fill("#text", text);
    await page.press("#text", "Enter");
    await page.waitForFunction((n) => document.querySelectorAll(".msg.bot").length > n, before);
  }

  async function press(page: Page, label: string): Promise<void> {
    const before = await page.locator(".msg.bot").count();
    await page.locator(".buttons button", { hasText: label }).last().click();
    await page.waitForFunction((n) => document.querySelectorAll(".msg.bot").length > n, before);
  }

  it("completes an intake and shows the case number", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: "zh-CN" });
    await page.goto(`${serving.http.url}/chat`);
    await page.getByText("个人信息说明").waitFor();
    await press(page, "同意，开始");
    await say(page, "我住马蹄沟镇盐湾村，楼上邻居天天半夜装修，噪音吵得孩子睡不着，已经一个多月了，找过村委会也没用");
    await say(page, "希望他们晚上十点以后别再施工");
    await press(page, "就在这里联系我");
    await page.getByText("请您核对一下").waitFor();
    await press(page, "确认提交");
    const handoff = page.locator(".msg.bot", { hasText: "案件编号" });
    await handoff.waitFor();
    expect(await handoff.textContent()).toMatch(/ZZ-\d{4}-\d+/);
    expect(await handoff.textContent()).toContain("邻里纠纷调解工作室");
    await mkdir("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/chat-intake.png", fullPage: false });
    await page.close();
  }, 120_000);
});
