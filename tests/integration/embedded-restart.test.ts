// The embedded default keeps its promises across `npm start` restarts: an unfinished intake
// continues where it stopped (sessions live in the journaled store beside the database).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../adapters/config.js";
import { createIntakeRuntime } from "../../adapters/intake/runtime.js";
import { openServices } from "../../adapters/runtime/services.js";
import { silentLogger } from "../support/conversations.js";

describe("embedded default across a restart", () => {
  let dir: string | undefined;
  afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

  it("an intake begun before the restart goes on after it", async () => {
    dir = await mkdtemp(join(tmpdir(), "yizhan-restart-"));
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" });
    const who = { residentKey: "webchat:restart-1", channel: "webchat" as const };

    const first = await openServices(config, silentLogger());
    const before = createIntakeRuntime(first).intake;
    await before.handle(who, { kind: "text", text: "你好" });
    await before.handle(who, { kind: "text", text: "同意" });
    await before.handle(who, { kind: "text", text: "楼上邻居天天半夜装修，吵得孩子睡不着，已经一个多月了" });
    await first.close();

    const second = await openServices(config, silentLogger());
    const after = createIntakeRuntime(second).intake;
    const session = (await after.sessions.load(who.residentKey)).session;
    expect(session?.story).toContain("半夜装修");
    const replies = (await after.handle(who, { kind: "text", text: "希望他们晚上十点以后别再施工" })).map((r) => r.text).join("\n");
    expect(replies).not.toContain("个人信息说明"); // not a new interview
    await second.close();
  });
});
