// The JSON API on real PostgreSQL: login, CSRF, jurisdiction (403), claims, colour audit,
// transcript filing, live events, OpenAPI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { freshPostgres, skipPostgres, type TestDatabase } from "../support/services.js";
import { buildQueueApp } from "../support/queue-app.js";
import { createStaffAlerts } from "../../adapters/runtime/staff-alerts.js";
import { silentLogger } from "../support/conversations.js";
import { MATIGOU, MIAOJIAPING, newCaseFixture } from "../support/queue-fixtures.js";

interface Session {
  cookie: string;
  csrf: string;
}

/** Reads a server-sent event stream until a needle shows up (the test's timeout bounds the wait). */
function eventStream(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  return {
    async readUntil(needle: string): Promise<string> {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
      return text;
    },
    cancel: () => reader.cancel(),
  };
}

describe.skipIf(skipPostgres)("queue API on PostgreSQL", () => {
  let t: TestDatabase;
  let store: MemoryStore;
  let q: ReturnType<typeof buildQueueApp>;
  let app: Hono;

  async function login(username: string, password = "correct horse battery"): Promise<Session> {
    const res = await app.request("/api/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/yizhan_session=.+HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = (await res.json()) as { csrfToken: string };
    return { cookie: cookie.split(";")[0]!, csrf: body.csrfToken };
  }

  const get = (s: Session, path: string) => app.request(path, { headers: { cookie: s.cookie } });
  const post = (s: Session, path: string, body: unknown = {}, csrf = s.csrf) =>
    app.request(path, { method: "POST", headers: { cookie: s.cookie, "content-type": "application/json", "x-csrf-token": csrf }, body: JSON.stringify(body) });

  beforeAll(async () => {
    t = await freshPostgres();
    store = new MemoryStore();
    q = buildQueueApp(t.db, store);
    app = q.app;
    await q.addStaff("wang", "correct horse battery", "mediator", MIAOJIAPING.id, "王芳");
    await q.addStaff("li", "correct horse battery", "mediator", MIAOJIAPING.id, "李强");
    await q.addStaff("zhao", "correct horse battery", "mediator", MATIGOU.id, "赵敏");
    await q.addStaff("op", "correct horse battery", "operator", null, "坐席小陈");
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await t?.dispose();
  });

  it("refuses a wrong password the same way as an unknown user, and anonymous requests", async () => {
    for (const username of ["wang", "nobody"]) {
      const res = await app.request("/api/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: "wrong password!" }) });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "用户名或密码不正确。" });
    }
    expect((await app.request("/api/queue")).status).toBe(401);
  });

  it("needs the session's CSRF token on every state-changing request", async () => {
    const s = await login("wang");
    const filed = await q.deps.service.fileCase(newCaseFixture({ township: MIAOJIAPING }));
    expect((await post(s, `/api/cases/${filed.number}/claim`, {}, "forged")).status).toBe(403);
    const noHeader = await app.request(`/api/cases/${filed.number}/claim`, { method: "POST", headers: { cookie: s.cookie } });
    expect(noHeader.status).toBe(403);
    expect((await post(s, `/api/cases/${filed.number}/claim`)).status).toBe(200);
  });

  it("gives a mediator of one township 403 on another township's case, through every route", async () => {
    const zhao = await login("zhao");
    const other = await q.deps.service.fileCase(newCaseFixture({ township: MIAOJIAPING }));
    expect((await get(zhao, `/api/cases/${other.number}`)).status).toBe(403);
    expect((await post(zhao, `/api/cases/${other.number}/claim`)).status).toBe(403);
    expect((await post(zhao, `/api/cases/${other.number}/progress`, { text: "越权" })).status).toBe(403);
    expect((await get(zhao, `/api/queue?township=${MIAOJIAPING.id}`)).status).toBe(403);
    const listed = (await (await get(zhao, "/api/queue")).json()) as { cases: { number: string }[] };
    expect(listed.cases.some((c) => c.number === other.number)).toBe(false);
  });

  it("claims once; a colleague gets 409 naming who has it; the queue is most urgent first", async () => {
    const wang = await login("wang");
    const li = await login("li");
    const blue = await q.deps.service.fileCase(newCaseFixture({ color: "blue", township: MIAOJIAPING }));
    const red = await q.deps.service.fileCase(newCaseFixture({ color: "red", township: MIAOJIAPING }));
    const queue = (await (await get(wang, "/api/queue?status=queued")).json()) as { cases: { number: string; color: string; headline: string }[] };
    expect(queue.cases[0]?.color).toBe("red");
    expect(queue.cases.findIndex((c) => c.number === red.number)).toBeLessThan(queue.cases.findIndex((c) => c.number === blue.number));
    expect(queue.cases.every((c) => !c.headline.includes("13812345678"))).toBe(true);

    expect((await post(wang, `/api/cases/${red.number}/claim`)).status).toBe(200);
    const lost = await post(li, `/api/cases/${red.number}/claim`);
    expect(lost.status).toBe(409);
    expect(await lost.json()).toEqual({ error: "该案件已被王芳认领。" });
    const mine = (await (await get(wang, "/api/queue?mine=1")).json()) as { cases: { number: string; claimedByName: string }[] };
    expect(mine.cases.map((c) => c.number)).toContain(red.number);
    expect(mine.cases.every((c) => c.claimedByName === "王芳")).toBe(true);
    const lisQueue = (await (await get(li, "/api/queue?mine=1")).json()) as { cases: unknown[] };
    expect(lisQueue.cases).toEqual([]);
  });

  it("masks the resident's phone for a colleague who is not handling the case", async () => {
    const wang = await login("wang");
    const li = await login("li");
    const filed = await q.deps.service.fileCase(newCaseFixture({ township: MIAOJIAPING }));
    await post(wang, `/api/cases/${filed.number}/claim`);
    const own = (await (await get(wang, `/api/cases/${filed.number}`)).json()) as { case: { residentPhone: string; story: string }; contactVisible: boolean };
    const colleague = (await (await get(li, `/api/cases/${filed.number}`)).json()) as { case: { residentPhone: string; story: string }; contactVisible: boolean };
    expect(own.case.residentPhone).toBe("13812345678");
    expect(own.contactVisible).toBe(true);
    expect(colleague.contactVisible).toBe(false);
    expect(colleague.case.residentPhone).not.toContain("12345678");
    expect(colleague.case.story).not.toContain("13812345678");
  });

  it("validates bodies, moves through the life cycle and refuses illegal moves with a reason", async () => {
    const wang = await login("wang");
    const filed = await q.deps.service.fileCase(newCaseFixture({ township: MIAOJIAPING }));
    expect((await post(wang, `/api/cases/${filed.number}/status`, { event: "close" })).status).toBe(422);
    await post(wang, `/api/cases/${filed.number}/claim`);
    const early = await post(wang, `/api/cases/${filed.number}/status`, { event: "follow_up" });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: string }).error).toContain("请先登记处理结果");
    expect((await post(wang, `/api/cases/${filed.number}/progress`, { text: "已约双方到村委会面谈" })).status).toBe(200);
    expect((await post(wang, `/api/cases/${filed.number}/record`, { leadLeader: "副镇长 刘某", plan: "现场查看后调解" })).status).toBe(200);
    expect((await post(wang, `/api/cases/${filed.number}/status`, { event: "resolve", outcome: "签订调解协议" })).status).toBe(200);
    expect((await post(wang, `/api/cases/${filed.number}/status`, { event: "close", satisfaction: 5 })).status).toBe(200);
    const closed = (await (await get(wang, `/api/cases/${filed.number}`)).json()) as { case: { status: string; leadLeader: string; progress: unknown[] } };
    expect(closed.case).toMatchObject({ status: "closed", leadLeader: "副镇长 刘某" });
    expect(closed.case.progress).toHaveLength(1);
  });

  it("audits a colour change made through the API", async () => {
    const wang = await login("wang");
    const filed = await q.deps.service.fileCase(newCaseFixture({ color: "blue", township: MIAOJIAPING }));
    await post(wang, `/api/cases/${filed.number}/claim`);
    expect((await post(wang, `/api/cases/${filed.number}/colour`, { color: "orange" })).status).toBe(422);
    expect((await post(wang, `/api/cases/${filed.number}/colour`, { color: "orange", reason: "涉及五户村民" })).status).toBe(200);
    const view = (await (await get(wang, `/api/cases/${filed.number}`)).json()) as { case: { color: string }; audit: { action: string; actorName: string; detail: Record<string, unknown> }[] };
    expect(view.case.color).toBe("orange");
    expect(view.audit.find((a) => a.action === "colour_changed")).toMatchObject({ actorName: "王芳", detail: { from: "blue", to: "orange", reason: "涉及五户村民" } });
  });

  it("sends a staff message to the resident over the outbox channel", async () => {
    const wang = await login("wang");
    const filed = await q.deps.service.fileCase(newCaseFixture({ township: MIAOJIAPING, residentKey: "webchat:outbox-test" }));
    await post(wang, `/api/cases/${filed.number}/claim`);
    const received: string[] = [];
    const unsubscribe = await store.subscribe("resident-outbox", (m) => received.push(m));
    expect((await post(wang, `/api/cases/${filed.number}/messages`, { text: "您好，我是调解员王芳，明天上午到村里了解情况。" })).status).toBe(200);
    await unsubscribe();
    expect(received.map((m) => JSON.parse(m))).toEqual([
      expect.objectContaining({ residentKey: "webchat:outbox-test", caseNumber: filed.number, fromLabel: "调解员 王芳", text: "您好，我是调解员王芳，明天上午到村里了解情况。" }),
    ]);
  });

  it("files a hotline transcript with the same domain and colour as the same story told in chat", async () => {
    const op = await login("op");
    const stories = [
      "我和隔壁邻居因为宅基地边界吵了好几年，他把围墙往我家这边砌了半米，村里调解过两次也没用。",
      "我老公喝了酒就打我，昨天晚上又动手了，我现在不敢回家，孩子还小。",
      "工地老板拖欠我们十几个工人三个月的工资，一共二十多万，再不给我们就去堵县政府大门。",
    ];
    for (const story of stories) {
      const chat = q.triager.triage(story);
      const transcript = `坐席：您好，这里是县综治中心热线，请讲。\n来电人：${story}\n坐席：好的，我们已经记录，会尽快安排工作人员联系您。`;
      const res = await post(op, "/api/transcripts", { text: transcript, corrections: {} });
      expect(res.status).toBe(201);
      const filed = (await res.json()) as { case: { number: string; color: string } };
      const fromChat = await q.deps.service.fileCase({ ...newCaseFixture(), story, triage: chat });
      const a = await t.db.prisma.case.findUniqueOrThrow({ where: { number: filed.case.number } });
      const b = await t.db.prisma.case.findUniqueOrThrow({ where: { number: fromChat.number } });
      expect({ domain: a.domain, color: a.color, ownerRole: a.ownerRole }).toEqual({ domain: b.domain, color: b.color, ownerRole: b.ownerRole });
      // Same colour, same first-response deadline from filing time.
      expect(a.firstResponseDue.getTime() - a.createdAt.getTime()).toBe(b.firstResponseDue.getTime() - b.createdAt.getTime());
      expect(a.channel).toBe("hotline");
    }
  });

  it("an operator may raise the suggested colour with a reason but not lower it", async () => {
    const op = await login("op");
    const transcript = "坐席：您好，请讲。\n来电人：我老公喝了酒就打我，昨天晚上又动手了，我不敢回家。";
    const suggested = q.triager.triageTranscript(transcript).risk.color;
    expect(suggested).toBe("red");
    const lower = await post(op, "/api/transcripts", { text: transcript, corrections: { color: "blue" } });
    expect(lower.status).toBe(422);
    const neighbour = "坐席：您好，请讲。\n来电人：邻居家的狗天天叫，晚上睡不好觉。";
    const raised = await post(op, "/api/transcripts", { text: neighbour, corrections: { color: "orange", colorReason: "来电人情绪激动" } });
    expect(raised.status).toBe(201);
    expect(((await raised.json()) as { case: { color: string } }).case.color).toBe("orange");
  });

  it("streams live case events to a console that may see them", async () => {
    const wang = await login("wang");
    const res = await get(wang, "/api/events");
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const stream = eventStream(res);
    await stream.readUntil("event: ready");
    await q.deps.service.fileCase(newCaseFixture({ township: MATIGOU }));
    const visible = await q.deps.service.fileCase(newCaseFixture({ color: "orange", township: MIAOJIAPING }));
    const text = await stream.readUntil(visible.number);
    await stream.cancel();
    expect(text).toContain(visible.number);
    expect(text.match(/event: case/g)).toHaveLength(1);
  });

  it("streams an urgent staff alert to every console, and the queue page lists it until it clears", async () => {
    const alerts = createStaffAlerts({ store, logger: silentLogger() });
    const zhao = await login("zhao");
    const res = await get(zhao, "/api/events");
    const stream = eventStream(res);
    await stream.readUntil("event: ready");
    const draft = newCaseFixture({ color: "red", township: MIAOJIAPING, residentKey: "webchat:sse-alert" });
    await alerts.redFilingFailed({ residentKey: "webchat:sse-alert", channel: "webchat", draft });
    const text = await stream.readUntil("event: alert");
    await stream.cancel();
    expect(text).toContain("红色紧急");
    const page = await (await get(zhao, "/console")).text();
    expect(page).toContain("紧急提醒：1 件红色情况尚未登记成功");
    await alerts.redFiledAfterRetry({ residentKey: "webchat:sse-alert", channel: "webchat", caseNumber: "YZ-2026-000123" });
    expect(await (await get(zhao, "/console")).text()).not.toContain("紧急提醒");
  });

  it("describes the API in OpenAPI", async () => {
    const doc = (await (await app.request("/api/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    for (const path of ["/api/login", "/api/queue", "/api/cases/{ref}", "/api/cases/{ref}/claim", "/api/cases/{ref}/progress", "/api/cases/{ref}/status", "/api/transcripts"]) {
      expect(doc.paths).toHaveProperty([path]);
    }
  });
});
