// Staff security on real PostgreSQL and Redis, two app instances sharing one Redis as two
// processes would: 40 wrong passwords → 429 with Retry-After (for the right password too,
// and in the other process), JSON-only login behind the origin check, Secure cookies in
// production, masking by role in the API and on the console page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { loadConfig } from "../../adapters/config.js";
import { createHttpApp } from "../../adapters/http/app.js";
import { hashPassword } from "../../adapters/http/auth/passwords.js";
import { createLoginThrottle } from "../../adapters/http/auth/login-throttle.js";
import { createPrismaStaffRepository } from "../../adapters/db/staff-repository.js";
import { createLogger } from "../../adapters/logger.js";
import { queueHttpDeps, queueHttpModules } from "../../adapters/runtime/queue-runtime.js";
import type { RedisStore } from "../../adapters/store/redis-store.js";
import { freshPostgres, freshRedis, skipPostgres, skipRedis, type TestDatabase } from "../support/services.js";
import { sharedTriage } from "../support/queue-app.js";
import { MIAOJIAPING, newCaseFixture } from "../support/queue-fixtures.js";

const PASSWORD = "correct horse battery";
const json = { "content-type": "application/json" };

describe.skipIf(skipPostgres || skipRedis)("staff security on PostgreSQL and Redis", () => {
  let t: TestDatabase;
  let redis: Awaited<ReturnType<typeof freshRedis>>;
  let store: RedisStore;
  let one: Hono;
  let two: Hono;
  let prod: Hono;
  let deps: ReturnType<typeof queueHttpDeps>;

  function appFor(env: Record<string, string>) {
    const { knowledge, triager } = sharedTriage();
    const logger = createLogger({ log: { level: "silent", format: "json" } });
    const services = { db: t.db, store, logger, config: loadConfig(env) };
    return { app: createHttpApp({ logger, probes: [] }, queueHttpModules(services, { knowledge, triager })), deps: queueHttpDeps(services, { knowledge, triager }) };
  }

  const login = (app: Hono, username: string, password: string, headers: Record<string, string> = {}) =>
    app.request("/api/login", { method: "POST", headers: { ...json, ...headers }, body: JSON.stringify({ username, password }) });

  beforeAll(async () => {
    t = await freshPostgres();
    redis = await freshRedis();
    store = redis.store;
    const built = appFor({});
    one = built.app;
    deps = built.deps;
    two = appFor({}).app;
    prod = appFor({ NODE_ENV: "production" }).app;
    const staff = createPrismaStaffRepository(t.db.prisma);
    const hash = await hashPassword(PASSWORD);
    for (const [username, role] of [["wang", "mediator"], ["li", "mediator"], ["op", "operator"], ["pl", "political_legal_secretary"], ["admin2", "admin"], ["zhou", "mediator"]] as const) {
      await staff.create({ username, displayName: username, passwordHash: hash, role, townshipId: role === "mediator" ? MIAOJIAPING.id : null });
    }
  }, 60_000);
  afterAll(async () => {
    await redis?.dispose();
    await t?.dispose();
  });

  it("answers 429 with a Chinese message and Retry-After after 40 wrong passwords, in every process, right password included", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await login(i % 2 ? one : two, "wang", `wrong password ${i}`)).status);
    expect(statuses.slice(0, 39).every((s) => s === 401)).toBe(true);
    expect(statuses[39]).toBe(429);
    for (const app of [one, two]) {
      const res = await login(app, "wang", PASSWORD);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await res.json()) as { error: string }).error).toMatch(/登录失败次数过多.*请 \d+ 分钟后再试/);
    }
    // A colleague from elsewhere is not affected by wang's lockout… but this test client is one
    // address ("unknown" in app.request), which the per-address count also locked.
    const other = await login(one, "li", PASSWORD);
    expect(other.status).toBe(429);
    // The console's form login goes through the same throttle.
    const page = await two.request("/console/login", { method: "POST", body: new URLSearchParams({ username: "wang", password: PASSWORD }) });
    expect(page.status).toBe(429);
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await page.text()).toContain("登录失败次数过多");
  });

  it("lifts the lockout after the cool-off (a short one here, counted in Redis)", async () => {
    const throttle = createLoginThrottle(store, { maxFailures: 3, windowSeconds: 60, lockSeconds: 1 });
    for (let i = 0; i < 3; i++) await throttle.recordFailure("cooloff-user", "192.0.2.1");
    expect(await throttle.check("cooloff-user", "192.0.2.2")).toMatchObject({ locked: true });
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await throttle.check("cooloff-user", "192.0.2.2")).toEqual({ locked: false });
  });

  it("takes JSON only and refuses a cross-origin login", async () => {
    await redis.dispose(); // a clean slate after the lockout above
    redis = await freshRedis();
    store = redis.store;
    const built = appFor({});
    one = built.app;
    deps = built.deps;
    prod = appFor({ NODE_ENV: "production" }).app;
    const asText = await one.request("/api/login", { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ username: "zhou", password: PASSWORD }) });
    expect(asText.status).toBe(415);
    expect(((await asText.json()) as { error: string }).error).toContain("JSON");
    const asForm = await one.request("/api/login", { method: "POST", body: new URLSearchParams({ username: "zhou", password: PASSWORD }) });
    expect(asForm.status).toBe(415);
    expect((await login(one, "zhou", PASSWORD, { origin: "https://evil.example" })).status).toBe(403);
    expect((await login(one, "zhou", PASSWORD, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    const ok = await login(one, "zhou", PASSWORD, { origin: "http://localhost" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(ok.headers.get("set-cookie")).not.toMatch(/Secure/i);
  });

  it("sets a Secure, HttpOnly, SameSite cookie in production", async () => {
    const res = await login(prod, "zhou", PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/yizhan_session=.+/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("masks the resident's phone and ID everywhere for roles without need, in the API and on the console page", async () => {
    const PHONE = "13912345678";
    const ID = "11010519491231002X";
    const base = newCaseFixture({ township: MIAOJIAPING });
    const filed = await deps.service.fileCase({
      ...base,
      channel: "hotline",
      resident: { ...base.resident, key: `hotline:${PHONE}`, channel: "hotline", phone: PHONE },
      story: `邻居堵路，我电话${PHONE}`,
    });
    const session = async (username: string) => {
      const res = await login(one, username, PASSWORD);
      expect(res.status).toBe(200);
      return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    const wang = await session("wang");
    const post = (s: { cookie: string; csrf: string }, path: string, body: unknown) =>
      one.request(path, { method: "POST", headers: { ...json, cookie: s.cookie, "x-csrf-token": s.csrf }, body: JSON.stringify(body) });
    expect((await post(wang, `/api/cases/${filed.number}/claim`, {})).status).toBe(200);
    expect((await post(wang, `/api/cases/${filed.number}/progress`, { text: `已回电${PHONE}，核对身份证${ID}` })).status).toBe(200);
    expect((await post(wang, `/api/cases/${filed.number}/colour`, { color: "orange", reason: `来电人${PHONE}情绪激动` })).status).toBe(200);
    const own = await (await one.request(`/api/cases/${filed.number}`, { headers: { cookie: wang.cookie } })).text();
    expect(own).toContain(PHONE);
    for (const username of ["li", "op", "pl", "admin2"]) {
      const s = await session(username);
      const api = await one.request(`/api/cases/${filed.number}`, { headers: { cookie: s.cookie } });
      expect(api.status, username).toBe(200);
      const text = await api.text();
      expect(text, username).not.toContain(PHONE);
      expect(text, username).not.toContain(ID);
      expect(text, username).toContain("139****5678");
      const page = await one.request(`/console/cases/${filed.number}`, { headers: { cookie: s.cookie } });
      expect(page.status, username).toBe(200);
      const html = await page.text();
      expect(html, username).not.toContain(PHONE);
      expect(html, username).not.toContain(ID);
    }
  });
});
