// Migration scripts run whole, and awaited. `prisma migrate deploy` sends each migration as one
// simple query; the driver adapters do not: @prisma/adapter-pg splits the script at every ";"
// (which cuts a function body, or a string holding a semicolon, in pieces), and
// pglite-prisma-adapter starts `exec` without awaiting it (a failing migration is recorded as
// applied). These wrappers make both routes agree again.
import { messages, type PGlite } from "@electric-sql/pglite";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

type RunScript = (adapter: SqlDriverAdapter, script: string) => Promise<void>;

function withScripts(
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: RunScript,
  shadow: RunScript | undefined,
): SqlMigrationAwareDriverAdapterFactory {
  const patched = (adapter: SqlDriverAdapter, how: RunScript | undefined): SqlDriverAdapter => {
    if (how) adapter.executeScript = (script) => how(adapter, script);
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patched(await factory.connect(), run),
    connectToShadowDb: async () => patched(await factory.connectToShadowDb(), shadow),
  };
}

const simpleQuery: RunScript = async (adapter, script) => {
  // Without parameters, pg uses the simple query protocol, which takes many statements.
  await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
};

/** @example applyMigrations(wholeScriptsOnPostgres(new PrismaPg({ connectionString }))) */
export function wholeScriptsOnPostgres(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return withScripts(factory, simpleQuery, simpleQuery);
}

/** Scripts on `pglite` (the factory's own database) awaited; the adapter's shadow database is left as it comes. */
export function awaitedScriptsOnPglite(factory: SqlMigrationAwareDriverAdapterFactory, pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const exec: RunScript = async (_adapter, script) => {
    try {
      await pglite.exec(script);
    } catch (error) {
      // In the shape the engine reports (the database's own message), as the adapter's queries do.
      if (!(error instanceof messages.DatabaseError)) throw error;
      const { code = "", severity = "ERROR", message, detail, column, hint } = error;
      throw new DriverAdapterError({ kind: "postgres", code, severity, message, detail, column, hint });
    }
  };
  return withScripts(factory, exec, undefined);
}
