// `yizhan staff` and `yizhan cases` on the embedded database, through the real command line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/cli.js";

describe("yizhan staff and cases", () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "yizhan-queue-cli-"));
    env = { DATA_DIR: dataDir };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("adds a mediator with a township and lists accounts, refusing unknown roles and townships", async () => {
    const added = await runCli(["staff", "add", "-u", "liming", "-n", "李明", "-r", "mediator", "-t", "matigou", "--password-stdin"], env, "tiaojie-2026-mima\n");
    expect(added.code).toBe(0);
    const listed = await runCli(["staff", "list", "--json"], env);
    expect(JSON.parse(listed.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ username: "liming", role: "mediator" })]));
    expect(listed.stdout).not.toContain("tiaojie-2026-mima");

    const badRole = await runCli(["staff", "add", "-u", "x", "-n", "某人", "-r", "boss"], env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("未知角色");
    const badTownship = await runCli(["staff", "add", "-u", "y", "-n", "某人", "-r", "mediator", "-t", "atlantis"], env);
    expect(badTownship.code).toBe(2);
    expect(badTownship.stderr).toContain("未知乡镇");
  });

  it("lists a case filed by a terminal chat, as JSON and as readable Chinese", async () => {
    const chat = await runCli(["chat", "--script", "tests/fixtures/conversations/neighbor-noise.txt"], env);
    expect(chat.code).toBe(0);
    const number = /ZZ-\d{4}-\d{6}/.exec(chat.stdout)?.[0];
    expect(number).toBeDefined();

    const json = await runCli(["cases", "--json"], env);
    expect(json.code).toBe(0);
    const cases = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(cases).toHaveLength(1);
    expect(Object.keys(cases[0]!).sort()).toEqual(["colour", "created", "domain", "number", "status", "township"]);
    expect(cases[0]).toMatchObject({ number, status: "queued", domain: "neighbor", township: "matigou" });

    const text = await runCli(["cases"], env);
    expect(text.stdout).toContain(number!);
    expect(text.stdout).toContain("马蹄沟镇");
    expect(text.stdout).toContain("待认领");
  });
});
