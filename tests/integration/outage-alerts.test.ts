// Fault test, PostgreSQL stopped (a server of the test's own, on another port):
//  - a red case whose filing fails alerts staff on every channel configured: the console (live
//    and on the queue page), the staff Telegram chat (a fake Bot API on 127.0.0.1) and a group
//    robot webhook (a fake one on 127.0.0.1), with no personal data; the alert clears with the
//    case number once the retry files it;
//  - after hand-off, a message written while the database is down is kept and reaches the case
//    exactly once when the database is back, with no resident action.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../adapters/db/database.js";
import { STAFF_ALERTS_CHANNEL, openStaffAlerts } from "../../adapters/http/staff-alert-feed.js";
import { createDialogueDeps } from "../../adapters/intake/dialogue-deps.js";
import { createIntake, type Intake } from "../../adapters/intake/intake.js";
import { caseDeskFor } from "../../adapters/runtime/queue-runtime.js";
import { createStaffAlerts } from "../../adapters/runtime/staff-alerts.js";
import { telegramSender } from "../../adapters/runtime/staff-notices.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { nlp, silentLogger } from "../support/conversations.js";
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from "../support/private-postgres.js";

const text = (t: string) => ({ kind: "text" as const, text: t });
const PHONE = "13912345678";

/** Records every JSON body POSTed to it; answers as the robot or the Bot API would. */
async function recorder(answer: (path: string) => unknown): Promise<{ url: string; bodies: { path: string; body: Record<string, unknown> }[]; server: Server }> {
  const bodies: { path: string; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => (raw += d));
    req.on("end", () => {
      bodies.push({ path: req.url ?? "", body: JSON.parse(raw || "{}") as Record<string, unknown> });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer(req.url ?? "")));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, server };
}

describe.skipIf(!privatePostgresAvailable)("PostgreSQL down: staff alerts and kept messages", () => {
  let pg: PrivatePostgres;
  let db: Database;
  let store: MemoryStore;
  let intake: Intake;
  let robot: Awaited<ReturnType<typeof recorder>>;
  let telegram: Awaited<ReturnType<typeof recorder>>;

  beforeAll(async () => {
    pg = startPrivatePostgres();
    db = await openDatabase({ databaseUrl: pg.url, dataDir: "unused" });
    store = new MemoryStore();
    robot = await recorder(() => ({ errcode: 0, errmsg: "ok" }));
    telegram = await recorder(() => ({ ok: true, result: { message_id: 1, date: 0, chat: { id: -100, type: "group" } } }));
    const { knowledge, triager } = nlp();
    intake = createIntake({
      store,
      caseDesk: caseDeskFor({ db, store }, knowledge),
      dialogue: createDialogueDeps({ knowledge, triager }),
      logger: silentLogger(),
      alerts: createStaffAlerts({
        store,
        logger: silentLogger(),
        telegram: { chatId: "-100", send: telegramSender("42:FAKE", telegram.url) },
        webhookUrl: `${robot.url}/cgi-bin/webhook/send?key=test`,
      }),
    });
  });
  afterAll(async () => {
    await db?.close();
    pg?.dispose();
    robot?.server.close();
    telegram?.server.close();
  });

  it("a red filing that fails alerts staff everywhere, once, without personal data; the alert clears with the number", async () => {
    const live: string[] = [];
    await store.subscribe(STAFF_ALERTS_CHANNEL, (m) => live.push(m));
    const who = { residentKey: "webchat:alert-red", channel: "webchat" as const };
    await intake.handle(who, text("你好"));
    await intake.handle(who, text("同意"));

    pg.stop();
    await intake.handle(who, text(`我电话${PHONE}，他们天天逼债，我不想活了，农药已经买好了`));
    expect(await intake.retryPendingFilings()).toEqual({ filed: 0, pending: 1 });

    const robotTexts = robot.bodies.map((b) => (b.body.text as { content: string }).content);
    const telegramTexts = telegram.bodies.filter((b) => b.path.endsWith("/sendMessage")).map((b) => String(b.body.text));
    // Once, though the filing was tried three times.
    expect(robotTexts).toHaveLength(1);
    expect(telegramTexts).toHaveLength(1);
    expect(live).toHaveLength(1);
    for (const alert of [robotTexts[0]!, telegramTexts[0]!, live[0]!]) {
      expect(alert).toContain("红色紧急");
      expect(alert).toContain("网页聊天");
      expect(alert).not.toContain(PHONE);
      expect(alert).not.toContain("农药已经买好");
    }
    expect(robot.bodies[0]!.body.msgtype).toBe("text");
    expect(await openStaffAlerts(store)).toHaveLength(1);

    pg.start();
    expect(await intake.retryPendingFilings()).toEqual({ filed: 1, pending: 0 });
    const [row] = await db.prisma.case.findMany({ where: { residentKey: who.residentKey }, select: { number: true } });
    const cleared = robot.bodies.map((b) => (b.body.text as { content: string }).content).at(-1)!;
    expect(cleared).toContain(row!.number);
    expect(await openStaffAlerts(store)).toEqual([]);
  });

  it("after hand-off, a message written while the database is down reaches the case once when it is back", async () => {
    const who = { residentKey: "webchat:kept-append", channel: "webchat" as const };
    await intake.handle(who, text("你好"));
    await intake.handle(who, text("同意"));
    const filed = (await intake.handle(who, text("他拿着刀在门口说要砍死我全家"))).map((r) => r.text).join("\n");
    expect(filed).toContain("交给中心工作人员");

    pg.stop();
    const kept = (await intake.handle(who, text("他刚才把我家的门踹坏了"), { messageId: "page-1" })).map((r) => r.text).join("\n");
    expect(kept).toContain("已经记下了");
    // The page sends it again (same id) while the database is still down: nothing more happens.
    expect(await intake.handle(who, text("他刚才把我家的门踹坏了"), { messageId: "page-1" })).toEqual([]);
    expect(await intake.recover(0)).toMatchObject({ replayed: 0, waiting: 1 });

    pg.start();
    // A pooled connection from before the stop may fail once more after it (the job runs every 5 s):
    // a few rounds, counted, not timed.
    let replayed = 0;
    for (let round = 0; round < 3 && replayed === 0; round++) replayed = (await intake.recover(0)).replayed;
    expect(replayed).toBe(1);
    expect(await intake.recover(0)).toMatchObject({ replayed: 0, waiting: 0 });
    const messages = await db.prisma.caseMessage.findMany({ where: { text: "他刚才把我家的门踹坏了" } });
    expect(messages).toHaveLength(1);
  });
});
