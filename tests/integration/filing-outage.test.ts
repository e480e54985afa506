// Fault test: PostgreSQL stops at hand-off. A resident who wrote about ending their life hears the
// hotlines at once and that the registration is being retried (never "交给工作人员" before the case
// exists); when the database is back, the runner files the case with no resident action and sends
// the number. Runs on a PostgreSQL server of its own (another port), stopped and started here only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../adapters/db/database.js";
import { createDialogueDeps } from "../../adapters/intake/dialogue-deps.js";
import { createIntake, type Intake } from "../../adapters/intake/intake.js";
import { RESIDENT_NOTICE_CHANNEL } from "../../adapters/intake/resident-notices.js";
import type { OutboundMessage } from "../../bot/types.js";

type ResidentReplies = { residentKey: string; replies: OutboundMessage[] };
import { caseDeskFor } from "../../adapters/runtime/queue-runtime.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { nlp, silentLogger } from "../support/conversations.js";
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from "../support/private-postgres.js";

describe.skipIf(!privatePostgresAvailable)("filing while PostgreSQL is down", () => {
  let pg: PrivatePostgres;
  let db: Database;
  let store: MemoryStore;
  let intake: Intake;

  beforeAll(async () => {
    pg = startPrivatePostgres();
    db = await openDatabase({ databaseUrl: pg.url, dataDir: "unused" });
    store = new MemoryStore();
    const { knowledge, triager } = nlp();
    intake = createIntake({ store, caseDesk: caseDeskFor({ db, store }, knowledge), dialogue: createDialogueDeps({ knowledge, triager }), logger: silentLogger() });
  });
  afterAll(async () => {
    await db?.close();
    pg?.dispose();
  });

  it("files the red case on recovery, once, and tells the resident its number", async () => {
    const who = { residentKey: "webchat:pg-outage", channel: "webchat" as const };
    const published: ResidentReplies[] = [];
    await store.subscribe(RESIDENT_NOTICE_CHANNEL, (raw) => published.push(JSON.parse(raw) as ResidentReplies));
    await intake.handle(who, { kind: "text", text: "你好" });
    await intake.handle(who, { kind: "text", text: "同意" });

    pg.stop();
    const said = (await intake.handle(who, { kind: "text", text: "他们天天上门逼债，我实在活不下去了，农药已经买好了" })).map((r) => r.text).join("\n");
    expect(said).toContain("110");
    expect(said).toContain("自动重试");
    expect(said).not.toContain("交给中心工作人员");
    expect(await intake.retryPendingFilings()).toEqual({ filed: 0, pending: 1 });

    pg.start();
    expect(await intake.retryPendingFilings()).toEqual({ filed: 1, pending: 0 });
    const rows = await db.prisma.case.findMany({ select: { number: true, color: true, residentKey: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ color: "red", residentKey: who.residentKey });
    await new Promise((r) => setTimeout(r, 10));
    const told = published.flatMap((p) => p.replies.map((r) => r.text)).join("\n");
    expect(told).toContain(rows[0]!.number);
    expect(told).toContain("交给中心工作人员");
    expect(await intake.retryPendingFilings()).toEqual({ filed: 0, pending: 0 });
    expect(await db.prisma.case.count()).toBe(1);
  });
});
