// The long-lived resources a process opens once: logger, database, key-value store.
import type { Config } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { openDatabase, type Database } from "../db/database.js";
import { openStore } from "../store/open-store.js";
import type { KeyValueStore } from "../store/key-value-store.js";

export interface Services {
  config: Config;
  logger: Logger;
  db: Database;
  store: KeyValueStore;
  close(): Promise<void>;
}

export async function openServices(config: Config, logger = createLogger(config)): Promise<Services> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (db.appliedMigrations.length > 0) {
    logger.info({ migrations: db.appliedMigrations }, "applied database migrations");
  }
  let store: KeyValueStore;
  try {
    store = await openStore({ redisUrl: config.redisUrl });
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    config,
    logger,
    db,
    store,
    async close() {
      await Promise.allSettled([store.close(), db.close()]);
    },
  };
}
