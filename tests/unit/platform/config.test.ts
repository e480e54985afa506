import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../adapters/config.js";

describe("loadConfig", () => {
  it("defaults to the embedded database and the in-memory store", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: "127.0.0.1", databaseUrl: undefined, redisUrl: undefined });
    expect(config.dataDir).toMatch(/\.yizhan$/);
  });

  it("reads PostgreSQL and Redis URLs", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://u:p@db:5432/yizhan", REDIS_URL: "redis://cache:6379", PORT: "8080" });
    expect(config).toMatchObject({ port: 8080, databaseUrl: "postgresql://u:p@db:5432/yizhan", redisUrl: "redis://cache:6379" });
  });

  it("lists every bad setting in one Chinese message, hiding passwords", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "abc", DATABASE_URL: "mysql://u:secret@h/db", REDIS_URL: "nonsense", LOG_LEVEL: "loud" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, problems } = error as ConfigError;
    expect(problems.map((p) => p.variable).sort()).toEqual(["DATABASE_URL", "LOG_LEVEL", "PORT", "REDIS_URL"]);
    expect(message).toContain("PORT：应为 0–65535 之间的整数");
    expect(message).toContain('（当前值 "abc"）');
    expect(message).toContain("u:***@h");
    expect(message).not.toContain("secret");
  });

  it("reads the PostgreSQL pool size, 10 unless set, and refuses one outside 1–100", () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: "4" }).databasePoolSize).toBe(4);
    for (const bad of ["0", "101", "2.5", "many"]) {
      expect(() => loadConfig({ DATABASE_POOL_SIZE: bad })).toThrow(/DATABASE_POOL_SIZE：应为 1–100 之间的整数/);
    }
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", REDIS_URL: " " }).databaseUrl).toBeUndefined();
  });

  it("reads TRUST_PROXY as a yes/no setting, off by default, and rejects anything else", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "" }).trustProxy).toBe(false);
    for (const yes of ["true", "1", " YES ", "on"]) expect(loadConfig({ TRUST_PROXY: yes }).trustProxy).toBe(true);
    for (const no of ["false", "0", "no", "off"]) expect(loadConfig({ TRUST_PROXY: no }).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: "maybe" })).toThrow("TRUST_PROXY：应为 true 或 false（也可写 1 或 0）");
  });

  it("reads EMBEDDINGS_MODEL_DIR as an existing folder, off when unset", () => {
    expect(loadConfig({}).embeddings.modelDir).toBeUndefined();
    expect(loadConfig({ EMBEDDINGS_MODEL_DIR: " " }).embeddings.modelDir).toBeUndefined();
    expect(loadConfig({ EMBEDDINGS_MODEL_DIR: "tests/fixtures/embeddings-model/tiny-bert-zh" }).embeddings.modelDir).toMatch(/^\/.*tiny-bert-zh$/);
    expect(() => loadConfig({ EMBEDDINGS_MODEL_DIR: "/no/such/model" })).toThrow("EMBEDDINGS_MODEL_DIR：应为已存在的模型文件夹");
  });

  it("rejects ports outside the valid range", () => {
    expect(() => loadConfig({ PORT: "70000" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "3.5" })).toThrow(ConfigError);
  });
});
