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
import { preparedStatementName } from "./prepared-statements.js";

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
  /** PostgreSQL connections this process may hold at once (pg's default, 10, when absent); ignored for PGlite. */
  poolSize?: number;
  /**
   * For a server: open every pooled PostgreSQL connection now and keep them open while idle, so that the
   * first burst of requests (say, 200 residents confirming at once) does not wait for connections to be
   * made. Tools that run one command leave it off; ignored for PGlite.
   */
  keepPoolOpen?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options)
    : openPglite(join(options.dataDir, "pgdata"), options.migrate ?? true);
}

const PG_DEFAULT_POOL_SIZE = 10;

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const max = options.poolSize ?? PG_DEFAULT_POOL_SIZE;
  const factory = new PrismaPg(
    {
      connectionString: url,
      connectionTimeoutMillis: 5_000,
      max,
      // Below `min`, pg closes no idle connection.
      ...(options.keepPoolOpen ? { min: max } : {}),
    },
    { statementNameGenerator: preparedStatementName },
  );
  const appliedMigrations = (options.migrate ?? true) ? await migrateOrExplain(wholeScriptsOnPostgres(factory), "PostgreSQL") : [];
  const prisma = new PrismaClient({ adapter: factory });
  if (options.keepPoolOpen) {
    try {
      await openPool(prisma, max);
    } catch (error) {
      await prisma.$disconnect();
      throw new DatabaseUnavailableError("PostgreSQL", error);
    }
  }
  return wrap("postgresql", prisma, appliedMigrations, async () => undefined);
}

/** Makes the pool open all `size` connections: that many queries at once, each holding its connection a moment. */
async function openPool(prisma: PrismaClient, size: number): Promise<void> {
  await Promise.all(Array.from({ length: size }, () => prisma.$queryRawUnsafe(`SELECT 1 AS "open" FROM pg_sleep(0.02)`)));
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
