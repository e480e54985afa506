// The long-lived resources a process opens once: logger, database, key-value store.
import type { Config } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { openDatabase, type Database } from "../db/database.js";
import { openStore } from "../store/open-store.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import { syncCatalogue } from "../db/catalogue-repository.js";
import { loadKnowledge } from "../../knowledge/load.js";
import type { Knowledge } from "../../knowledge/types.js";
import type { Triager } from "../../nlp/triage.js";
import { buildTriager } from "./triager.js";

export interface Services {
  config: Config;
  logger: Logger;
  db: Database;
  store: KeyValueStore;
  /** The centre's catalogue (KNOWLEDGE_DIR or the shipped one), validated at start. */
  knowledge: Knowledge;
  /** Built once per process (loads lexicons and the domain model). */
  triager: Triager;
  close(): Promise<void>;
}

export async function openServices(config: Config, logger = createLogger(config)): Promise<Services> {
  // The catalogue first: a broken one stops the start before anything is opened.
  const knowledge = loadKnowledge(config.knowledgeDir);
  const triager = buildTriager(config, knowledge);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (db.appliedMigrations.length > 0) {
    logger.info({ migrations: db.appliedMigrations }, "applied database migrations");
  }
  let store: KeyValueStore;
  try {
    // Cases reference catalogue rows, so the database copy is refreshed at every start.
    const report = await syncCatalogue(db.prisma, knowledge);
    logger.debug({ catalogue: report }, "catalogue synchronised");
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
    knowledge,
    triager,
    async close() {
      await Promise.allSettled([store.close(), db.close()]);
    },
  };
}
