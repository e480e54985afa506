/**
 * `npm run chaos`: fault injection against a started Yizhan server, bounded and on loopback only.
 * It starts `serve` itself on 127.0.0.1 (an embedded database in a temporary folder, or DATABASE_URL /
 * REDIS_URL when set), runs each attack or failure once, prints what held, and stops what it started.
 * With PostgreSQL's and Redis's server binaries it also stops a PostgreSQL of its own at hand-off and
 * restarts a Redis of its own (no persistence) mid-intake.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/database.js";
import { createDialogueDeps } from "../adapters/intake/dialogue-deps.js";
import { createIntake } from "../adapters/intake/intake.js";
import { caseDeskFor } from "../adapters/runtime/queue-runtime.js";
import { serveFeatures } from "../adapters/runtime/features.js";
import { startServing } from "../adapters/runtime/serve.js";
import { RedisStore } from "../adapters/store/redis-store.js";
import { createPrismaSessionBackup } from "../adapters/db/session-backup-repository.js";
import { createStaffAlerts } from "../adapters/runtime/staff-alerts.js";
import { loadKnowledge } from "../knowledge/load.js";
import { createTriager } from "../nlp/triage.js";
import { createLogger } from "../adapters/logger.js";
import { privatePostgresAvailable, startPrivatePostgres } from "../tests/support/private-postgres.js";
import { privateRedisAvailable, startPrivateRedis } from "../tests/support/private-redis.js";
import { newCaseFixture } from "../tests/support/queue-fixtures.js";

type Result = { check: string; held: boolean; detail: string };
const results: Result[] = [];
const record = (check: string, held: boolean, detail: string) => {
  results.push({ check, held, detail });
  process.stdout.write(`${held ? "✓ 守住" : "✗ 未守住"}  ${check}：${detail}\n`);
};

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "yizhan-chaos-"));
  const config = loadConfig({ ...process.env, HOST: "127.0.0.1", PORT: "0", DATA_DIR: dir, LOG_LEVEL: "silent" });
  const serving = await startServing(config, serveFeatures);
  const base = serving.http.url.replace(/\/$/, "");
  const origin = new URL(base).origin;
  try {
    // 1. Password guessing.
    let first429 = 0;
    for (let i = 1; i <= 41 && first429 === 0; i++) {
      const r = await fetch(`${base}/api/login`, { method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify({ username: "admin", password: `wrong-${i}` }) });
      if (r.status === 429) first429 = i;
    }
    record("40 次错误密码", first429 > 0 && first429 <= 41, first429 ? `第 ${first429} 次起答 429` : "从未限制");

    // 2. A 5 MB body.
    const started = performance.now();
    const big = await fetch(`${base}/api/login`, { method: "POST", headers: { "content-type": "application/json", origin }, body: "x".repeat(5 * 1024 * 1024) }).catch((e: Error) => ({ status: 0, statusText: e.message }));
    const ms = performance.now() - started;
    record("5 MB 请求体", big.status === 413 && ms < 1000, `${big.status}，${ms.toFixed(0)} ms`);

    // 3. Login CSRF: a cross-origin text/plain body.
    const csrf = await fetch(`${base}/api/login`, { method: "POST", headers: { "content-type": "text/plain", origin: "https://evil.example" }, body: '{"username":"admin","password":"x"}' });
    record("跨站 text/plain 登录", csrf.status === 403 || csrf.status === 415, `${csrf.status}`);

    // 4. Security headers.
    const page = await fetch(`${base}/chat`);
    const csp = page.headers.get("content-security-policy") ?? "";
    record("安全响应头", csp.includes("frame-ancestors 'none'") && page.headers.get("x-content-type-options") === "nosniff", csp ? "CSP、nosniff 齐全" : "缺少 CSP");

    // 5. NUL and a lone surrogate in a web-chat message.
    const nul = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify({ type: "message", user: "chaos-nul-0001", text: "你好\u0000\ud800" }) });
    record("NUL 与孤立代理字符", nul.status === 200, `${nul.status}`);

    // 6. Resume-code guessing from one conversation.
    const say = (user: string, text: string) =>
      fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify({ type: "message", user, text }) }).then((r) => r.json() as Promise<{ text?: string }[]>);
    await say("chaos-victim-01", "你好");
    const consent = await say("chaos-victim-01", "同意");
    const code = consent.map((m) => m.text ?? "").join("\n").match(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/)?.[0];
    for (let i = 0; i < 30; i++) await say("chaos-guesser-1", `/resume ZZZZ-ZZZZ-${String(i).padStart(4, "Z").slice(0, 4)}`);
    const after = code ? (await say("chaos-guesser-1", `/resume ${code}`)).map((m) => m.text ?? "").join("") : "";
    record("30 次错误续接代码", Boolean(code) && !after.includes("代码正确") && !after.includes("接着"), code ? after.slice(0, 40) : "没有拿到续接代码");

    // 7. The same web chat message sent twice (a page retrying after a network error).
    const once = (text: string) =>
      fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify({ type: "message", user: "chaos-retry-01", text, id: "chaos-msg-000001" }) }).then((r) => r.json() as Promise<unknown[]>);
    await say("chaos-retry-01", "你好");
    const firstTime = await once("同意");
    const secondTime = await once("同意");
    record("同一条消息发送两次", firstTime.length > 0 && secondTime.length === 0, `第一次 ${firstTime.length} 条回复，第二次 ${secondTime.length} 条（只处理一次）`);

    // 8. A burst of filings.
    const desk = caseDeskFor(serving.services, serving.services.knowledge);
    const t0 = performance.now();
    const burst = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => desk.fileCase({ ...newCaseFixture({ residentKey: `webchat:chaos${i}` }), filingKey: `chaos-${i}` })));
    const failed = burst.filter((r) => r.status === "rejected").length;
    record("200 个同时确认登记", failed === 0, `失败 ${failed}，共 ${(performance.now() - t0).toFixed(0)} ms`);
  } finally {
    // 9. Stop with requests in flight.
    // Requests already sent must get their answer; ones that arrive after the stop began may be refused
    // (ECONNREFUSED), never cut half-way (ECONNRESET / "other side closed").
    const inflight = Array.from({ length: 50 }, () =>
      fetch(`${base}/readyz`).then(
        (r) => String(r.status),
        (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message,
      ),
    );
    await new Promise((r) => setTimeout(r, 20));
    await serving.stop();
    const outcomes = await Promise.all(inflight);
    const answered = outcomes.filter((o) => /^\d+$/.test(o)).length;
    const refused = outcomes.filter((o) => o === "ECONNREFUSED").length;
    const cut = outcomes.length - answered - refused;
    record("停止时 50 个进行中的请求", cut === 0, `已答复 ${answered}，停止后被拒绝连接 ${refused}，被中途切断 ${cut}`);
    await rm(dir, { recursive: true, force: true });
  }

  // 10–13. PostgreSQL stopped, Redis restarted: servers of our own on other ports.
  if (privatePostgresAvailable && privateRedisAvailable) await databaseAndRedisFaults();
  else process.stdout.write("（跳过：本机没有 PostgreSQL 或 Redis 服务程序，无法演练停机）\n");

  const held = results.filter((r) => r.held).length;
  process.stdout.write(`\n${held} held, ${results.length - held} did not hold\n`);
  process.exitCode = held === results.length ? 0 : 1;
}

async function databaseAndRedisFaults(): Promise<void> {
  const pg = startPrivatePostgres();
  const redis = await startPrivateRedis();
  const db = await openDatabase({ databaseUrl: pg.url, dataDir: "unused" });
  const store = new RedisStore({ url: redis.url, prefix: "chaos:" });
  await store.connect();
  const robot: string[] = [];
  const robotServer = createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => (raw += d));
    req.on("end", () => {
      robot.push(raw);
      res.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0}');
    });
  });
  await new Promise<void>((resolve) => robotServer.listen(0, "127.0.0.1", resolve));
  try {
    const knowledge = loadKnowledge();
    const logger = createLogger(loadConfig({ LOG_LEVEL: "silent" }));
    const intake = createIntake({
      store,
      caseDesk: caseDeskFor({ db, store }, knowledge),
      dialogue: createDialogueDeps({ knowledge, triager: createTriager({ knowledge }) }),
      logger,
      sessionBackup: createPrismaSessionBackup(db.prisma),
      alerts: createStaffAlerts({ store, logger, webhookUrl: `http://127.0.0.1:${(robotServer.address() as AddressInfo).port}/robot` }),
    });
    const say = async (who: { residentKey: string; channel: "webchat" }, text: string) =>
      (await intake.handle(who, { kind: "text", text })).map((r) => r.text).join("");

    // 10. PostgreSQL stopped at hand-off of a red case; 11. staff alerted.
    const red = { residentKey: "webchat:chaos-red", channel: "webchat" as const };
    await say(red, "你好");
    await say(red, "同意");
    pg.stop();
    const said = await say(red, "我实在活不下去了，农药已经买好了");
    const alerted = robot.length;
    pg.start();
    const retried = await intake.recover(0);
    const cases = await db.prisma.case.count();
    record("交接时 PostgreSQL 停机", !said.includes("交给中心工作人员") && retried.filed === 1 && cases === 1, `停机时未谎称已交接；恢复后自动登记 ${retried.filed} 件，库中 ${cases} 件`);
    record("红色案件登记失败时通知工作人员", alerted === 1 && robot.length === 2, `群机器人收到 ${alerted} 条紧急提醒，登记成功后又收到 ${robot.length - alerted} 条带编号的通知`);

    // 12. A message written after hand-off while PostgreSQL is down.
    pg.stop();
    const kept = await say(red, "他们刚才又来砸门了");
    pg.start();
    const replayed = await intake.recover(0);
    const copies = await db.prisma.caseMessage.count({ where: { text: "他们刚才又来砸门了" } });
    record("交接后 PostgreSQL 停机时的留言", kept.includes("已经记下了") && replayed.replayed === 1 && copies === 1, `告诉居民“已经记下”；恢复后补进案件 ${copies} 次`);

    // 13. Redis (no persistence) restarted mid-intake.
    const mid = { residentKey: "webchat:chaos-redis", channel: "webchat" as const };
    await say(mid, "你好");
    await say(mid, "同意");
    await say(mid, "邻居家每天晚上装修到十二点，吵得孩子没法睡觉");
    await redis.restart();
    for (let i = 0; i < 100; i++) {
      if (await store.ping().then(() => true, () => false)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await say(mid, "在马蹄沟镇");
    const session = (await intake.sessions.load(mid.residentKey)).session;
    record("Redis（未持久化）在登记中途重启", Boolean(session?.story.includes("装修")), session?.story.includes("装修") ? "对话从数据库副本接着进行" : "对话丢失");

    // 14. Redis down (not coming back yet): an honest answer, soon.
    await redis.stop();
    const t0 = performance.now();
    const reply = await say(mid, "对方的电话我也有");
    const waited = performance.now() - t0;
    await redis.start();
    record("Redis 停机时居民发来消息", reply.includes("没能收到") && waited < 10_000, `${(waited / 1000).toFixed(1)} 秒内如实回复“没能收到，请稍后再发”`);
  } finally {
    robotServer.close();
    await store.close();
    await db.close();
    await redis.dispose();
    pg.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`演练中断：${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
