/**
 * `npm run chaos`: fault injection against a started Yizhan server, bounded and on loopback only.
 * It starts `serve` itself on 127.0.0.1 (an embedded database in a temporary folder, or DATABASE_URL /
 * REDIS_URL when set), runs each attack or failure once, prints what held, and stops what it started.
 * With PostgreSQL's server binaries on the machine it also stops a PostgreSQL of its own at hand-off.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/database.js";
import { createDialogueDeps } from "../adapters/intake/dialogue-deps.js";
import { createIntake } from "../adapters/intake/intake.js";
import { caseDeskFor } from "../adapters/runtime/queue-runtime.js";
import { serveFeatures } from "../adapters/runtime/features.js";
import { startServing } from "../adapters/runtime/serve.js";
import { MemoryStore } from "../adapters/store/memory-store.js";
import { createLogger } from "../adapters/logger.js";
import { privatePostgresAvailable, startPrivatePostgres } from "../tests/support/private-postgres.js";
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

    // 7. A burst of filings.
    const desk = caseDeskFor(serving.services, serving.services.knowledge);
    const t0 = performance.now();
    const burst = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => desk.fileCase({ ...newCaseFixture({ residentKey: `webchat:chaos${i}` }), filingKey: `chaos-${i}` })));
    const failed = burst.filter((r) => r.status === "rejected").length;
    record("200 个同时确认登记", failed === 0, `失败 ${failed}，共 ${(performance.now() - t0).toFixed(0)} ms`);
  } finally {
    // 8. Stop with requests in flight.
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

  // 9. PostgreSQL stopped at hand-off (a server of our own on another port).
  if (privatePostgresAvailable) {
    const pg = startPrivatePostgres();
    const db = await openDatabase({ databaseUrl: pg.url, dataDir: "unused" });
    try {
      const store = new MemoryStore();
      const { loadKnowledge } = await import("../knowledge/load.js");
      const { createTriager } = await import("../nlp/triage.js");
      const knowledge = loadKnowledge();
      const intake = createIntake({ store, caseDesk: caseDeskFor({ db, store }, knowledge), dialogue: createDialogueDeps({ knowledge, triager: createTriager({ knowledge }) }), logger: createLogger(loadConfig({ LOG_LEVEL: "silent" })) });
      const who = { residentKey: "webchat:chaos-red", channel: "webchat" as const };
      await intake.handle(who, { kind: "text", text: "你好" });
      await intake.handle(who, { kind: "text", text: "同意" });
      pg.stop();
      const said = (await intake.handle(who, { kind: "text", text: "我实在活不下去了，农药已经买好了" })).map((r) => r.text).join("");
      pg.start();
      const retried = await intake.retryPendingFilings();
      const cases = await db.prisma.case.count();
      record("交接时 PostgreSQL 停机", !said.includes("交给中心工作人员") && retried.filed === 1 && cases === 1, `停机时未谎称已交接；恢复后自动登记 ${retried.filed} 件，库中 ${cases} 件`);
    } finally {
      await db.close();
      pg.dispose();
    }
  } else {
    process.stdout.write("（跳过：本机没有 PostgreSQL 服务程序，无法演练数据库停机）\n");
  }

  const held = results.filter((r) => r.held).length;
  process.stdout.write(`\n${held} held, ${results.length - held} did not hold\n`);
  process.exitCode = held === results.length ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`演练中断：${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
