// A resident on a phone-size screen (390×844): consents, tells the story, sends a photo, closes
// and reopens the page mid-intake (the conversation and the pending question are back, with the
// resume code), finishes; a mediator opens the case and its photo. The colour badges of the chat
// and the console are checked for WCAG AA contrast from their computed styles, and the case
// number stays on one line. Screenshots under test-results/.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
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
import { newCaseFixture } from "../support/queue-fixtures.js";
import { chromiumAvailable, launchChromium } from "../support/browser.js";

// A real 1×1 PNG.
const PHOTO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: "zh-CN" } as const;

interface Contrast {
  what: string;
  ratio: number;
}

/** The WCAG contrast of each matched element's text against its own (or nearest painted) background. */
function contrasts(page: Page, selector: string): Promise<Contrast[]> {
  return page.$$eval(selector, (elements) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3]! > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    return elements.map((el) => {
      const fg = luminance(rgb(getComputedStyle(el).color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      return { what: `${el.className} “${(el.textContent ?? "").trim().slice(0, 12)}”`, ratio: Math.round(ratio * 100) / 100 };
    });
  });
}

/** True when the element's text is laid out on a single line and may not wrap. */
function onOneLine(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set(Array.from({ length: range.getClientRects().length }, (_, i) => Math.round(range.getClientRects()[i]!.top)));
    return getComputedStyle(el).whiteSpace === "nowrap" && tops.size === 1;
  });
}

describe.skipIf(!chromiumAvailable)("web chat on a phone", () => {
  let serving: Serving;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "yizhan-phone-e2e-"));
    serving = await startServing(loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", CENTRE_PHONE: "0912-1234567" }), serveFeatures);
    const staff = createPrismaStaffRepository(serving.services.db.prisma);
    await staff.create({ username: "wangfang", displayName: "王芳", passwordHash: await hashPassword("tiaojie-2026-demo"), role: "mediator", townshipId: null });
    // One case of each colour, so that every badge is on the queue page.
    const desk = caseDeskFor(serving.services, serving.services.knowledge);
    for (const color of ["red", "orange", "yellow", "blue"] as const) await desk.fileCase(newCaseFixture({ color, residentKey: `webchat:colour-${color}` }));
    browser = await launchChromium();
    await mkdir("test-results", { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await serving?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function waitForBot(page: Page, before: number): Promise<void> {
    await page.waitForFunction((n) => document.querySelectorAll(".msg.bot").length > n, before);
  }
  async function say(page: Page, text: string): Promise<void> {
    const before = await page.locator(".msg.bot").count();
    await page.fill("#text", text);
    await page.locator("form#send button[type=submit]").click();
    await waitForBot(page, before);
  }
  async function press(page: Page, label: string): Promise<void> {
    const before = await page.locator(".msg.bot").count();
    await page.locator(".buttons button", { hasText: label }).last().click();
    await waitForBot(page, before);
  }

  it("uploads a photo, reopens mid-intake, continues to a case, and passes the contrast checks", async () => {
    const context = await browser.newContext(PHONE);
    let page = await context.newPage();
    await page.goto(`${serving.http.url}/chat`);
    await page.getByText("个人信息说明").waitFor();
    for (const tel of ["110", "120", "12356", "09121234567"]) expect(await page.locator(`a[href="tel:${tel}"]`).count()).toBe(1);
    await press(page, "同意，开始");
    const code = await page.getByTestId("resume-code").textContent();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    // The input grows with a long, multi-line message.
    const oneLine = (await page.locator("#text").boundingBox())!.height;
    await page.fill("#text", "我住马蹄沟镇盐湾村，\n楼上邻居天天半夜装修，\n噪音吵得孩子睡不着，\n已经一个多月了，找过村委会也没用");
    await page.locator("#text").dispatchEvent("input");
    expect((await page.locator("#text").boundingBox())!.height).toBeGreaterThan(oneLine * 1.8);
    let before = await page.locator(".msg.bot").count();
    await page.locator("form#send button[type=submit]").click();
    await waitForBot(page, before);
    const pending = (await page.locator(".msg.bot").last().textContent())!;

    before = await page.locator(".msg.bot").count();
    await page.setInputFiles("#file", { name: "装修现场.png", mimeType: "image/png", buffer: PHOTO });
    await page.getByText("材料已收到").waitFor();
    await waitForBot(page, before);
    await page.screenshot({ path: "test-results/phone-chat-upload.png" });

    // Closed and opened again: the conversation so far, the question waiting, the resume code.
    await page.close();
    page = await context.newPage();
    await page.goto(`${serving.http.url}/chat`);
    await page.getByText("之前的对话").waitFor();
    expect(await page.getByText("楼上邻居天天半夜装修", { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByText("已发送文件：装修现场.png").count()).toBe(1);
    expect((await page.locator(".msg.bot").last().textContent())!).toBe(pending);
    expect(await page.getByTestId("resume-code").textContent()).toBe(code);
    await page.screenshot({ path: "test-results/phone-chat-reopened.png" });

    await say(page, "希望他们晚上十点以后别再施工");
    await press(page, "就在这里联系我");
    await page.getByText("请您核对一下").waitFor();
    await press(page, "确认提交");
    await page.getByTestId("case-number").filter({ hasText: /ZZ-\d{4}-\d+/ }).waitFor();
    const number = (await page.getByTestId("case-number").textContent())!;
    expect(await onOneLine(page, "[data-testid=case-number]")).toBe(true);
    await page.screenshot({ path: "test-results/phone-chat-filed.png" });

    const chat = await contrasts(page, ".badge, .msg.me, .buttons button, form button, header h1, header p, .bar .label, .bar .code");
    expect(chat.length).toBeGreaterThan(5);
    for (const c of chat) expect(c.ratio, c.what).toBeGreaterThanOrEqual(4.5);
    await context.close();

    // The mediator: every colour badge on the queue, the case with its photo.
    const staff = await browser.newPage(PHONE);
    await staff.goto(`${serving.http.url}/console/login`);
    await staff.fill("#username", "wangfang");
    await staff.fill("#password", "tiaojie-2026-demo");
    await staff.locator("form button[type=submit]").click();
    await staff.waitForURL(/\/console$/);
    const badges = await contrasts(staff, "span.badge");
    for (const colour of ["红", "橙", "黄", "蓝"]) expect(badges.some((b) => b.what.includes(colour)), colour).toBe(true);
    for (const b of badges) expect(b.ratio, b.what).toBeGreaterThanOrEqual(4.5);
    await staff.goto(`${serving.http.url}/console/cases/${number}`);
    expect(await onOneLine(staff, "#case-no")).toBe(true);
    const link = staff.locator("[data-testid=evidence] a", { hasText: "装修现场.png" });
    const response = await staff.request.get(new URL((await link.getAttribute("href"))!, serving.http.url).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    await staff.screenshot({ path: "test-results/phone-console-case.png", fullPage: true });
    await staff.close();
  }, 180_000);
});
