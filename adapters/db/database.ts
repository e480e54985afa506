// Opens Yizhan's database: PostgreSQL when DATABASE_URL is set, otherwise an
// embedded PGlite persisted under the data folder. Both go through a Prisma driver
// adapter, and both are migrated from prisma/migrations before use.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client.js";
import { applyMigrations } from "./migrations.js";
import { DatabaseUnavailableError } from "./errors.js";
import { lockFolder } from "./folder-lock.js";
import { awaitedScriptsOnPglite, wholeScriptsOnPostgres } from "./whole-scripts.js";

export type DatabaseKind = "postgresql" | "pglite";

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Names of the migrations applied while opening (empty when up to date). */
  appliedMigrations: string[];
  /** Throws when the database does not answer a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; absent means the embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; ignored for PostgreSQL. */
  dataDir: string;
  /** Skip applying migrations (for tools that only inspect). */
  migrate?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.migrate ?? true)
    : openPglite(join(options.dataDir, "pgdata"), options.migrate ?? true);
}

async function openPostgres(url: string, migrate: boolean): Promise<Database> {
  const factory = new PrismaPg({ connectionString: url, connectionTimeoutMillis: 5_000 });
  const appliedMigrations = migrate ? await migrateOrExplain(wholeScriptsOnPostgres(factory), "PostgreSQL") : [];
  const prisma = new PrismaClient({ adapter: factory });
  return wrap("postgresql", prisma, appliedMigrations, async () => undefined);
}

async function openPglite(dir: string, migrate: boolean): Promise<Database> {
  await mkdir(dir, { recursive: true });
  // Before PGlite reads the folder: a second process must refuse, not work on a stale copy.
  const release = lockFolder(dir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dir);
  } catch (error) {
    release();
    throw error;
  }
  const factory = new PrismaPGlite(pglite);
  const close = async () => {
    await pglite.close();
    release();
  };
  try {
    const appliedMigrations = migrate ? await migrateOrExplain(awaitedScriptsOnPglite(factory, pglite), "PGlite") : [];
    const prisma = new PrismaClient({ adapter: factory });
    return wrap("pglite", prisma, appliedMigrations, close);
  } catch (error) {
    await close();
    throw error;
  }
}

async function migrateOrExplain(
  factory: SqlMigrationAwareDriverAdapterFactory,
  label: string,
): Promise<string[]> {
  try {
    return await applyMigrations(factory);
  } catch (error) {
    throw new DatabaseUnavailableError(label, error);
  }
}

function wrap(
  kind: DatabaseKind,
  prisma: PrismaClient,
  appliedMigrations: string[],
  closeDriver: () => Promise<void>,
): Database {
  return {
    kind,
    prisma,
    appliedMigrations,
    async ping() {
      await prisma.$queryRawUnsafe("SELECT 1");
    },
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
