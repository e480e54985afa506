// The main job end to end: real listening socket, embedded database, graceful stop.
import { describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../adapters/config.js";
import { startServing } from "../../adapters/runtime/serve.js";
import { runCli } from "../support/cli.js";

describe("yizhan serve", () => {
  it("serves /healthz and /readyz and finishes in-flight requests on stop", async () => {
    const dir = await mkdtemp(join(tmpdir(), "yizhan-serve-"));
    const config = loadConfig({ PORT: "0", DATA_DIR: dir, LOG_LEVEL: "silent", NODE_ENV: "test" });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const serving = await startServing(config, () => ({
      modules: [
        (app) =>
          app.get("/slow", async (c) => {
            await gate;
            return c.text("完成");
          }),
      ],
      jobs: [],
    }));
    try {
      expect((await fetch(`${serving.http.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${serving.http.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: "ready" });

      const inFlight = fetch(`${serving.http.url}/slow`);
      await new Promise((r) => setTimeout(r, 100));
      const stopped = serving.stop();
      setTimeout(release, 200);
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("完成");
      await stopped;
      await expect(fetch(`${serving.http.url}/healthz`)).rejects.toThrow();
    } finally {
      await serving.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start on a bad setting with one readable message and no stack trace", async () => {
    const result = await runCli(["serve"], { PORT: "abc", DATABASE_URL: "nonsense" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("配置有误");
    expect(result.stderr).toContain("PORT");
    expect(result.stderr).toContain("DATABASE_URL");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("explains an unreachable database without a stack trace", async () => {
    const result = await runCli(["db", "migrate"], { DATABASE_URL: "postgresql://127.0.0.1:1/nowhere" });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("无法连接或迁移数据库");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
