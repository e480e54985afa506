// Real PostgreSQL and Redis for integration tests. Each call creates a fresh
// database (or key prefix) that is dropped afterwards. Without TEST_DATABASE_URL /
// TEST_REDIS_URL the suites that need them are skipped, unless YIZHAN_REQUIRE_SERVICES=1
// (set by .ci/run), in which case a missing or unreachable service fails the run.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../../adapters/db/database.js";
import { runAdminSql } from "../../adapters/db/admin-sql.js";
import { RedisStore } from "../../adapters/store/redis-store.js";

export const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
export const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL;
const required = process.env.YIZHAN_REQUIRE_SERVICES === "1";

if (required && (!postgresUrl || !redisUrl)) {
  throw new Error("YIZHAN_REQUIRE_SERVICES=1 but TEST_DATABASE_URL/DATABASE_URL or TEST_REDIS_URL/REDIS_URL is not set");
}

/** True when the PostgreSQL suites must be skipped (no URL and not required). */
export const skipPostgres = !postgresUrl;
export const skipRedis = !redisUrl;

export interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

/** A freshly created, migrated PostgreSQL database; `url` lets a second client (another pool) open it. */
export async function freshPostgres(): Promise<TestDatabase & { url: string }> {
  if (!postgresUrl) throw new Error("no PostgreSQL URL for tests");
  const name = `yizhan_t_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused" });
  return {
    db,
    url: url.toString(),
    async dispose() {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A freshly created, migrated embedded PGlite database in a temporary folder. */
export async function freshPglite(dataDir?: string): Promise<TestDatabase & { dataDir: string }> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), "yizhan-pglite-")));
  const db = await openDatabase({ dataDir: dir });
  return {
    db,
    dataDir: dir,
    async dispose() {
      await db.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A Redis store under a unique key prefix; its keys are removed afterwards. */
export async function freshRedis(): Promise<{ store: RedisStore; prefix: string; dispose(): Promise<void> }> {
  if (!redisUrl) throw new Error("no Redis URL for tests");
  const prefix = `yizhan-test:${randomBytes(4).toString("hex")}:`;
  const store = new RedisStore({ url: redisUrl, prefix });
  await store.connect();
  return {
    store,
    prefix,
    async dispose() {
      const cleaner = new RedisStore({ url: redisUrl, prefix: "" });
      await cleaner.connect();
      await cleaner.deleteByPattern(`${prefix}*`);
      await cleaner.close();
      await store.close();
    },
  };
}

function adminQuery(sql: string): Promise<void> {
  return runAdminSql(postgresUrl!, sql);
}
