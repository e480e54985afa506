// The embedded database has one writer: `yizhan staff add` while a server holds the folder refuses
// with a clear message (nothing is half-written), and works once the folder is free.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../adapters/db/database.js";
import { FolderInUseError, lockFolder } from "../../adapters/db/folder-lock.js";
import { runCli } from "../support/cli.js";

describe("one writer per embedded database folder", () => {
  let dir: string;
  let held: Database | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "yizhan-lock-"));
  });
  afterAll(async () => {
    await held?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a second process while the folder is open, and lets it in afterwards", async () => {
    held = await openDatabase({ dataDir: dir });
    const refused = await runCli(["staff", "add", "-u", "wangfang", "-n", "王芳", "-r", "mediator", "--password-stdin"], { DATA_DIR: dir }, "tiaojie-2026-mima\n");
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("正在被另一个一站进程");
    expect(refused.stderr).not.toContain("已创建");
    await held.close();
    held = undefined;
    const added = await runCli(["staff", "add", "-u", "wangfang", "-n", "王芳", "-r", "mediator", "--password-stdin"], { DATA_DIR: dir }, "tiaojie-2026-mima\n");
    expect(added.code, added.stderr).toBe(0);
    held = await openDatabase({ dataDir: dir });
    expect(await held.prisma.staff.count({ where: { username: "wangfang" } })).toBe(1);
  });

  it("takes over a lock left by a process that is gone", async () => {
    const other = await mkdtemp(join(tmpdir(), "yizhan-lock-"));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(other, "yizhan.lock"), JSON.stringify({ pid: 2 ** 22 + 17 }));
    const release = lockFolder(other);
    expect(() => release()).not.toThrow();
    await rm(other, { recursive: true, force: true });
  });

  it("names the owner when it is alive", async () => {
    const other = await mkdtemp(join(tmpdir(), "yizhan-lock-"));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(other, "yizhan.lock"), JSON.stringify({ pid: process.ppid }));
    expect(() => lockFolder(other)).toThrow(FolderInUseError);
    await rm(other, { recursive: true, force: true });
  });
});
