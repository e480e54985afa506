// Migration scripts reach both databases whole, as `prisma migrate deploy` sends them: a function
// body with semicolons applies, and a migration that fails is not recorded as applied.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAdminSql } from "../../adapters/db/admin-sql.js";
import { applyMigrations } from "../../adapters/db/migrations.js";
import { awaitedScriptsOnPglite, wholeScriptsOnPostgres } from "../../adapters/db/whole-scripts.js";
import { postgresUrl, skipPostgres } from "../support/services.js";

const FUNCTION_SQL = `CREATE FUNCTION "twice"(n integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE doubled integer;
BEGIN
  doubled := n * 2;
  RETURN doubled;
END $$;
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "yizhan-migrations-"));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function migration(name: string, sql: string) {
  await mkdir(join(dir, name));
  await writeFile(join(dir, name, "migration.sql"), sql);
  await writeFile(join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
}

describe("migration scripts on PGlite", () => {
  it("applies a function body whole", async () => {
    await migration("20260101000000_fn", FUNCTION_SQL);
    const pglite = await PGlite.create();
    try {
      expect(await applyMigrations(awaitedScriptsOnPglite(new PrismaPGlite(pglite), pglite), dir)).toEqual(["20260101000000_fn"]);
      expect((await pglite.query<{ twice: number }>("SELECT twice(21)")).rows).toEqual([{ twice: 42 }]);
    } finally {
      await pglite.close();
    }
  });

  it("fails on a failing migration and does not record it as applied", async () => {
    await migration("20260101000000_bad", 'SELECT 1 FROM "NoSuchTable";');
    const pglite = await PGlite.create();
    try {
      await expect(applyMigrations(awaitedScriptsOnPglite(new PrismaPGlite(pglite), pglite), dir)).rejects.toThrow(/NoSuchTable/);
      const done = await pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`);
      expect(done.rows).toEqual([{ n: 0 }]);
    } finally {
      await pglite.close();
    }
  });
});

describe.skipIf(skipPostgres)("migration scripts on PostgreSQL", () => {
  it("applies a function body whole", async () => {
    await migration("20260101000000_fn", FUNCTION_SQL);
    const name = `yizhan_t_mig_${randomBytes(4).toString("hex")}`;
    await runAdminSql(postgresUrl!, `CREATE DATABASE ${name}`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    try {
      const factory = new PrismaPg({ connectionString: url.toString() });
      expect(await applyMigrations(wholeScriptsOnPostgres(factory), dir)).toEqual(["20260101000000_fn"]);
      const adapter = await factory.connect();
      const result = await adapter.queryRaw({ sql: "SELECT twice(21) AS twice", args: [], argTypes: [] });
      await adapter.dispose();
      expect(result.rows).toEqual([[42]]);
    } finally {
      await runAdminSql(postgresUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
