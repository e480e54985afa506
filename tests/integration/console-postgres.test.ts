// The console's server-rendered pages on real PostgreSQL: login, form CSRF and origin
// checks, the 403 page across townships, and the operator page filing a transcript.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { ClaimNotices } from "../../adapters/intake/claim-notices.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { freshPostgres, skipPostgres, type TestDatabase } from "../support/services.js";
import { buildQueueApp } from "../support/queue-app.js";
import { MATIGOU, MIAOJIAPING, newCaseFixture } from "../support/queue-fixtures.js";

const ORIGIN = "http://localhost";

describe.skipIf(skipPostgres)("console pages on PostgreSQL", () => {
  let t: TestDatabase;
  let store: MemoryStore;
  let q: ReturnType<typeof buildQueueApp>;
  let app: Hono;

  async function login(username: string): Promise<{ cookie: string; csrf: string }> {
    const res = await app.request("/console/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams({ username, password: "correct horse battery" }).toString(),
    });
    expect(res.status).toBe(303);
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    const page = await (await app.request("/console", { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    expect(csrf).toBeDefined();
    return { cookie, csrf: csrf! };
  }

  const submit = (s: { cookie: string; csrf: string }, path: string, fields: Record<string, string>, origin = ORIGIN) =>
    app.request(path, {
      method: "POST",
      headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded", origin },
      body: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
    });

  beforeAll(async () => {
    t = await freshPostgres();
    store = new MemoryStore();
    q = buildQueueApp(t.db, store);
    app = q.app;
    await q.addStaff("wang", "correct horse battery", "mediator", MIAOJIAPING.id, "王芳");
    await q.addStaff("chen", "correct horse battery", "operator", null, "陈静");
    await q.addStaff("root", "correct horse battery", "admin", null, "管理员");
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await t?.dispose();
  });

  it("sends an anonymous visitor to the login page and refuses a wrong password in Chinese", async () => {
    const res = await app.request("/console");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/console/login");
    const bad = await app.request("/console/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: "username=wang&password=nope",
    });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain("用户名或密码不正确。");
  });

  it("refuses a form without the session token or from another origin", async () => {
    const s = await login("wang");
    const filed = await q.deps.service.fileCase(newCaseFixture({ township: MIAOJIAPING }));
    expect((await submit({ ...s, csrf: "forged" }, `/console/cases/${filed.number}/claim`, {})).status).toBe(403);
    expect((await submit(s, `/console/cases/${filed.number}/claim`, {}, "https://evil.example")).status).toBe(403);
    const ok = await submit(s, `/console/cases/${filed.number}/claim`, {});
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toContain(`/console/cases/${filed.number}?ok=`);
  });

  it("a claim says truthfully what the resident will hear: a chat resident is told (kept until sent), a hotline caller is not", async () => {
    const s = await login("wang");
    const chat = await q.deps.service.fileCase(newCaseFixture({ township: MIAOJIAPING, residentKey: "webchat:claim-console" }));
    const flash = async (number: string) => {
      const res = await submit(s, `/console/cases/${number}/claim`, {});
      return decodeURIComponent(new URL(res.headers.get("location")!, ORIGIN).searchParams.get("ok") ?? "");
    };
    expect(await flash(chat.number)).toContain("一站会在居民的聊天渠道告诉对方您已接手");
    const kept = async (number: string) => (await new ClaimNotices(store).list()).map((k) => k.notice).filter((n) => n.caseNumber === number);
    expect(await kept(chat.number)).toEqual([expect.objectContaining({ residentKey: "webchat:claim-console", fromLabel: "调解员 王芳" })]);

    const fixture = newCaseFixture({ township: MIAOJIAPING, residentKey: "hotline:13812345678" });
    const call = await q.deps.service.fileCase({ ...fixture, channel: "hotline", resident: { ...fixture.resident, key: "hotline:13812345678", channel: "hotline" } });
    const said = await flash(call.number);
    expect(said).toContain("没有在线聊天渠道");
    expect(said).not.toMatch(/已通知|会在居民的聊天渠道/);
    expect(await kept(call.number)).toEqual([]);
  });

  it("offers 认领 only to those who work cases (not an administrator), and a second claim in another tab is no error", async () => {
    const filed = await q.deps.service.fileCase(newCaseFixture({ township: MIAOJIAPING }));
    const admin = await login("root");
    const adminPage = await (await app.request(`/console/cases/${filed.number}`, { headers: { cookie: admin.cookie } })).text();
    expect(adminPage).not.toContain(`action="/console/cases/${filed.number}/claim"`);
    const adminQueue = await (await app.request("/console", { headers: { cookie: admin.cookie } })).text();
    expect(adminQueue).not.toContain(`/console/cases/${filed.number}/claim`);
    const s = await login("wang");
    const mediatorPage = await (await app.request(`/console/cases/${filed.number}`, { headers: { cookie: s.cookie } })).text();
    expect(mediatorPage).toContain(`action="/console/cases/${filed.number}/claim"`);
    expect((await submit(s, `/console/cases/${filed.number}/claim`, {})).status).toBe(303);
    const again = await submit(s, `/console/cases/${filed.number}/claim`, {});
    expect(again.status).toBe(303);
    const after = await (await app.request(again.headers.get("location") ?? `/console/cases/${filed.number}`, { headers: { cookie: s.cookie } })).text();
    expect(after).not.toContain("不能认领");
  });

  it("shows a 403 page for another township's case and escapes what residents wrote", async () => {
    const s = await login("wang");
    const other = await q.deps.service.fileCase(newCaseFixture({ township: MATIGOU }));
    const denied = await app.request(`/console/cases/${other.number}`, { headers: { cookie: s.cookie } });
    expect(denied.status).toBe(403);
    expect(await denied.text()).toContain("该案件不在您的管辖乡镇范围内。");
    const tricky = await q.deps.service.fileCase(newCaseFixture({ township: MIAOJIAPING, story: "<script>alert(1)</script>邻居占了我的路" }));
    const page = await (await app.request(`/console/cases/${tricky.number}`, { headers: { cookie: s.cookie } })).text();
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;");
  });

  it("previews a transcript with highlighted evidence and files it with the chat's domain and colour", async () => {
    const s = await login("chen");
    const story = "我老公喝了酒就打我，昨天晚上又动手了，我现在不敢回家。";
    const transcript = `坐席：您好，这里是县综治中心热线。\n来电人：${story}\n坐席：请您注意安全，我们马上安排。`;
    const preview = await (await submit(s, "/console/operator/preview", { text: transcript })).text();
    expect(preview).toContain('data-testid="preview-colour" data-color="red"');
    expect(preview).toMatch(/<mark>[^<]+<\/mark>/);
    const filed = await submit(s, "/console/operator/file", { text: transcript, domain: "marital", color: "red", townshipId: MATIGOU.id, callerName: "刘女士" });
    expect(filed.status).toBe(303);
    const number = /cases\/(ZZ-\d{4}-\d{6})/.exec(filed.headers.get("location") ?? "")?.[1];
    const stored = await t.db.prisma.case.findUniqueOrThrow({ where: { number: number! } });
    const chat = q.triager.triage(story);
    expect({ domain: stored.domain, color: stored.color }).toEqual({ domain: chat.domain, color: chat.risk.color });
    expect(stored).toMatchObject({ channel: "hotline", townshipId: MATIGOU.id, residentName: "刘女士", ownerRole: "political_legal_secretary" });
    const lowered = await submit(s, "/console/operator/file", { text: transcript, color: "blue" });
    expect(lowered.status).toBe(422);
    expect(await lowered.text()).toContain("登记时只能调高");
  });
});
