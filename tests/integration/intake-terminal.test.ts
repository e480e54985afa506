// The terminal channel: `yizhan chat --script FILE` on the real engine and the embedded
// database; the case it files exists in the database afterwards.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../adapters/cli/main.js";
import { createCliContext } from "../../adapters/cli/context.js";
import { openDatabase } from "../../adapters/db/database.js";
import { CONVERSATIONS_DIR, loadConversations } from "../support/conversations.js";

const run = promisify(execFile);
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "yizhan-chat-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("yizhan chat --script", () => {
  it("a 6-message neighbour dispute ends with a case number that exists in the database", async () => {
    const script = join(CONVERSATIONS_DIR, "neighbor-noise.txt");
    const { stdout } = await run("npx", ["tsx", "adapters/cli/main.ts", "chat", "--script", script], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "silent" },
      timeout: 120_000,
    });
    expect(stdout.match(/^居民：/gm)).toHaveLength(6);
    expect(stdout).toContain("一站：您好，我是「一站」");
    expect(stdout).toMatch(/\[1\] 就在这里联系我/);
    const number = /案件编号是：(ZZ-\d{4}-\d+)/.exec(stdout)?.[1];
    expect(number).toBeDefined();
    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.prisma.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "Case" WHERE "number" = $1`, number);
      expect(Number(rows[0]?.count)).toBe(1);
    } finally {
      await db.close();
    }
  }, 150_000);

  it("plays every scripted conversation in-process and prints it", async () => {
    for (const conversation of loadConversations()) {
      let out = "";
      const ctx = { ...createCliContext({ DATA_DIR: dataDir, LOG_LEVEL: "silent" }), out: (t: string) => void (out += t) };
      await buildProgram(ctx).parseAsync(["node", "yizhan", "chat", "--script", join(CONVERSATIONS_DIR, `${conversation.name}.txt`)]);
      expect(out, conversation.name).toMatch(/^一站：/m);
      expect(out, conversation.name).not.toContain("系统出了点问题");
      const filed = /ZZ-\d{4}-\d+/.test(out);
      expect(filed, conversation.name).toBe(conversation.expect.filed?.[0] === "yes");
    }
  }, 1_500_000); // ~55 scripts, each on a fresh CLI context over the embedded database
});
