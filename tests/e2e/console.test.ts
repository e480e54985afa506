// The mediator console in a real browser (Debian Chromium) against `yizhan serve` started
// in-process on PostgreSQL: a resident reports domestic violence in the web chat; a mediator
// logs in, sees the red case at the top, claims it, records progress, messages the resident
// (who receives it in the web chat), and closes it. Screenshots go to test-results/.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../adapters/config.js";
import { createPrismaStaffRepository } from "../../adapters/db/staff-repository.js";
import { hashPassword } from "../../adapters/http/auth/passwords.js";
import { caseDeskFor } from "../../adapters/runtime/queue-runtime.js";
import { serveFeatures } from "../../adapters/runtime/features.js";
import { startServing, type Serving } from "../../adapters/runtime/serve.js";
import { RESIDENT_OUTBOX_CHANNEL, type ResidentOutboxMessage } from "../../queue/case-desk.js";
import { newCaseFixture } from "../support/queue-fixtures.js";
import { postgresUrl } from "../support/services.js";

import { chromiumAvailable, launchChromium } from "../support/browser.js";
import { runAdminSql } from "../../adapters/db/admin-sql.js";

const admin = (sql: string) => runAdminSql(postgresUrl!, sql);

describe.skipIf(!chromiumAvailable || !postgresUrl)("mediator console in a browser", () => {
  let serving: Serving;
  let browser: Browser;
  let dataDir: string;
  const dbName = `yizhan_e2e_${randomBytes(4).toString("hex")}`;
  const outbox: ResidentOutboxMessage[] = [];

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${dbName}`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${dbName}`;
    dataDir = await mkdtemp(join(tmpdir(), "yizhan-console-e2e-"));
    serving = await startServing(
      loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: url.toString() }),
      serveFeatures,
    );
    const staff = createPrismaStaffRepository(serving.services.db.prisma);
    await staff.create({ username: "wangfang", displayName: "王芳", passwordHash: await hashPassword("tiaojie-2026-demo"), role: "mediator", townshipId: null });
    // Older, less urgent cases already waiting: the red one must still come first.
    const desk = caseDeskFor(serving.services, serving.services.knowledge);
    await desk.fileCase(newCaseFixture({ color: "blue", residentKey: "webchat:older-1", story: "邻居家的树枝伸到我家院子里，说了几次没修剪。" }));
    await desk.fileCase(newCaseFixture({ color: "yellow", residentKey: "webchat:older-2", story: "借给同村人两万元，到期不还，找过村委会也没用。" }));
    await serving.services.store.subscribe(RESIDENT_OUTBOX_CHANNEL, (m) => outbox.push(JSON.parse(m) as ResidentOutboxMessage));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await serving?.stop();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await rm(dataDir, { recursive: true, force: true });
  });

  async function say(page: Page, text: string): Promise<void> {
    const before = await page.locator(".msg.bot").count();
    await page.fill("#text", text);
    await page.press("#text", "Enter");
    await page.waitForFunction((n) => document.querySelectorAll(".msg.bot").length > n, before);
  }

  it("red case at the top → claim → progress → message the resident → close", async () => {
    await mkdir("test-results", { recursive: true });
    const base = serving.http.url;

    // The resident, in the web chat.
    const resident = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await resident.goto(`${base}/chat`);
    await resident.getByText("个人信息说明").waitFor();
    await resident.locator(".buttons button", { hasText: "同意，开始" }).last().click();
    await resident.getByText("请用自己的话说说").waitFor();
    await say(resident, "我老公喝了酒就打我，昨天晚上又动手了，我现在不敢回家，我住马蹄沟镇盐湾村");
    const handoff = resident.locator(".msg.bot", { hasText: "登记编号" });
    await handoff.waitFor();
    const caseNumber = /ZZ-\d{4}-\d{6}/.exec((await handoff.textContent()) ?? "")?.[0];
    expect(caseNumber).toBeDefined();

    // The mediator, on a laptop.
    const console = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    await console.goto(`${base}/console`);
    await console.waitForURL(/\/console\/login/);
    await console.fill("#username", "wangfang");
    await console.fill("#password", "wrong password");
    await console.click("button[type=submit]");
    await console.getByText("用户名或密码不正确。").waitFor();
    await console.fill("#password", "tiaojie-2026-demo");
    await console.click("button[type=submit]");
    await console.waitForURL(/\/console$/);

    const firstRow = console.locator("table.queue tbody tr").first();
    expect(await firstRow.getAttribute("data-color")).toBe("red");
    expect(await firstRow.getAttribute("data-number")).toBe(caseNumber);
    expect(await console.locator("table.queue tbody tr").count()).toBe(3);
    await console.screenshot({ path: "test-results/console-queue.png", fullPage: true });

    await firstRow.getByRole("button", { name: "认领" }).click();
    await console.getByText("认领成功").waitFor();
    expect(await console.getByTestId("status").textContent()).toContain("已认领（王芳）");

    await console.fill("#progress", "已电话联系当事人，确认其暂住娘家，安全；已通知镇妇联和派出所。");
    await console.getByRole("button", { name: "登记进度" }).click();
    await console.getByText("进度已登记。").waitFor();
    expect(await console.getByTestId("progress").textContent()).toContain("已电话联系当事人");
    expect(await console.getByTestId("status").textContent()).toContain("调解中");

    await console.fill("#r-leadLeader", "马蹄沟镇 副镇长");
    await console.fill("#r-mediationOrg", "婚恋家庭纠纷调解工作室");
    await console.getByRole("button", { name: "保存", exact: true }).click();
    await console.getByText("“六个一”已保存。").waitFor();

    const reply = "您好，我是调解员王芳。您的情况我们已经知道了，今天下午我和妇联同志一起去看您。";
    await console.fill("#message", reply);
    await console.getByRole("button", { name: "发送" }).click();
    await console.getByText("消息已发出。").waitFor();
    // First the notice that she took the case, then her words.
    expect(outbox).toEqual([
      expect.objectContaining({ kind: "claimed", caseNumber, fromLabel: "调解员 王芳" }),
      expect.objectContaining({ caseNumber, text: reply, fromLabel: "调解员 王芳" }),
    ]);
    await resident.locator(".msg", { hasText: "已经接手" }).waitFor({ timeout: 15_000 });
    // The resident receives it through the web chat adapter.
    await resident.locator(".msg", { hasText: "今天下午我和妇联同志一起去看您" }).waitFor({ timeout: 15_000 });
    await resident.screenshot({ path: "test-results/console-resident-received.png" });

    await console.selectOption("#outcome-event", "resolve");
    await console.fill("#outcome", "双方签订调解协议，男方书面保证不再动手，镇妇联定期回访。");
    await console.getByRole("button", { name: "登记结果" }).click();
    await console.getByText("状态已更新。").waitFor();
    expect(await console.getByTestId("status").textContent()).toContain("调解成功");
    await console.selectOption("#satisfaction", "4");
    await console.fill("#close-note", "电话回访，当事人表示满意。");
    await console.getByRole("button", { name: "结案" }).click();
    await console.getByText("状态已更新。").waitFor();
    expect(await console.getByTestId("status").textContent()).toContain("已结案");
    await console.locator("details summary").click();
    await console.screenshot({ path: "test-results/console-case.png", fullPage: true });

    // Closed cases leave the working queue.
    await console.goto(`${base}/console`);
    expect(await console.locator(`tr[data-number="${caseNumber}"]`).count()).toBe(0);

    // On a phone, the queue still reads as cards.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN", storageState: await console.context().storageState() });
    await phone.goto(`${base}/console`);
    await phone.screenshot({ path: "test-results/console-queue-phone.png", fullPage: true });
    await phone.close();
    await console.close();
    await resident.close();
  }, 180_000);
});
