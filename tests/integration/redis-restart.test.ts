// Fault test: Redis without persistence restarts mid-intake. With the database copy of sessions
// (session-backup.ts) the intake goes on where it was, and a red filing that was waiting is still
// filed; without the copy the same restart loses the conversation (which is why the copy exists).
// Runs on a Redis server of its own (another port, no persistence) and a fresh PostgreSQL database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaSessionBackup } from "../../adapters/db/session-backup-repository.js";
import { createDialogueDeps } from "../../adapters/intake/dialogue-deps.js";
import { createIntake, type Intake } from "../../adapters/intake/intake.js";
import { caseDeskFor } from "../../adapters/runtime/queue-runtime.js";
import { RedisStore } from "../../adapters/store/redis-store.js";
import type { CaseDesk } from "../../queue/case-desk.js";
import { nlp, silentLogger } from "../support/conversations.js";
import { privateRedisAvailable, startPrivateRedis, type PrivateRedis } from "../support/private-redis.js";
import { freshPostgres, skipPostgres, type TestDatabase } from "../support/services.js";

const text = (t: string) => ({ kind: "text" as const, text: t });

async function untilReachable(store: RedisStore): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await store.ping();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error("Redis did not come back");
}

describe.skipIf(skipPostgres || !privateRedisAvailable)("Redis restarted mid-intake", () => {
  let redis: PrivateRedis;
  let pg: TestDatabase;
  let store: RedisStore;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    pg = await freshPostgres();
    store = new RedisStore({ url: redis.url, prefix: "yz:" });
    await store.connect();
  });
  afterAll(async () => {
    await store?.close();
    await pg?.dispose();
    await redis?.dispose();
  });

  function intakeWith(opts: { backup: boolean; desk?: CaseDesk }): Intake {
    const { knowledge, triager } = nlp();
    return createIntake({
      store,
      caseDesk: opts.desk ?? caseDeskFor({ db: pg.db, store }, knowledge),
      dialogue: createDialogueDeps({ knowledge, triager }),
      logger: silentLogger(),
      ...(opts.backup ? { sessionBackup: createPrismaSessionBackup(pg.db.prisma) } : {}),
    });
  }

  it("is reported as not persisting", async () => {
    expect(await store.persists()).toBe(false);
  });

  it("the intake continues from the database copy; without it the same restart starts over", async () => {
    const story = "邻居家每天晚上装修到十二点，电钻声吵得孩子没法睡觉，说了好几次都不听";
    const withCopy = intakeWith({ backup: true });
    const withoutCopy = intakeWith({ backup: false });
    const kept = { residentKey: "webchat:redis-restart-kept", channel: "webchat" as const };
    const lost = { residentKey: "webchat:redis-restart-lost", channel: "webchat" as const };
    for (const [intake, who] of [[withCopy, kept], [withoutCopy, lost]] as const) {
      await intake.handle(who, text("你好"));
      await intake.handle(who, text("同意"));
      await intake.handle(who, text(story));
    }
    const before = (await withCopy.sessions.load(kept.residentKey)).session!;
    expect(before.story).toContain("装修");

    await redis.restart();
    await untilReachable(store);

    await withCopy.handle(kept, text("在马蹄沟镇"));
    const after = (await withCopy.sessions.load(kept.residentKey)).session!;
    expect(after.story).toContain("装修");
    expect(after.createdAt).toBe(before.createdAt);
    expect(after.stage.kind).not.toBe("consent");

    await withoutCopy.handle(lost, text("在马蹄沟镇"));
    const restarted = (await withoutCopy.sessions.load(lost.residentKey)).session;
    expect(restarted?.story ?? "").not.toContain("装修");
  });

  it("a red filing that was waiting when Redis restarted is still filed, once", async () => {
    const { knowledge } = nlp();
    const real = caseDeskFor({ db: pg.db, store }, knowledge);
    let down = true;
    const desk: CaseDesk = {
      ...real,
      fileCase: async (input) => {
        if (down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
        return real.fileCase(input);
      },
    };
    const intake = intakeWith({ backup: true, desk });
    const who = { residentKey: "webchat:redis-restart-red", channel: "webchat" as const };
    await intake.handle(who, text("你好"));
    await intake.handle(who, text("同意"));
    const said = (await intake.handle(who, text("我实在活不下去了，农药已经买好放在床头了"))).map((r) => r.text).join("\n");
    expect(said).toContain("自动重试");

    await redis.restart();
    await untilReachable(store);
    down = false;
    expect(await intake.recover(0)).toMatchObject({ filed: 1, pending: 0 });
    const rows = await pg.db.prisma.case.findMany({ where: { residentKey: who.residentKey }, select: { color: true } });
    expect(rows).toEqual([{ color: "red" }]);
    expect(await intake.recover(0)).toMatchObject({ filed: 0, pending: 0 });
  });
});
