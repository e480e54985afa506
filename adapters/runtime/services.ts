// The long-lived resources a process opens once: logger, database, key-value store.
import type { Config } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { openDatabase, type Database } from "../db/database.js";
import { join } from "node:path";
import { openStore } from "../store/open-store.js";
import { RedisStore } from "../store/redis-store.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import { syncCatalogue } from "../db/catalogue-repository.js";
import { loadKnowledge } from "../../knowledge/load.js";
import type { Knowledge } from "../../knowledge/types.js";
import type { Triager } from "../../nlp/triage.js";
import { buildTriager } from "./triager.js";
import type { LlmReader } from "../llm/llm-reader.js";
import type { EmbeddingsReader } from "../embeddings/reader.js";

export interface Services {
  config: Config;
  logger: Logger;
  db: Database;
  store: KeyValueStore;
  /**
   * False for Redis without AOF or RDB: a restart would empty it, so the intake keeps a copy of
   * each conversation in the database (adapters/intake/session-backup.ts).
   */
  storePersists: boolean;
  /** The centre's catalogue (KNOWLEDGE_DIR or the shipped one), validated at start. */
  knowledge: Knowledge;
  /** Built once per process (loads lexicons and the domain model). */
  triager: Triager;
  /** The optional LLM reader (LLM_BASE_URL); undefined when off, and then nothing calls a model. */
  llmReader: LlmReader | undefined;
  /** The optional embeddings reader: undefined unless EMBEDDINGS_MODEL_DIR is set (its model loads on first use). */
  embeddings: EmbeddingsReader | undefined;
  close(): Promise<void>;
}

export async function openServices(config: Config, logger = createLogger(config)): Promise<Services> {
  // The catalogue first: a broken one stops the start before anything is opened.
  const knowledge = loadKnowledge(config.knowledgeDir);
  const triager = buildTriager(config, knowledge);
  // A long-lived process: its connections are opened now and kept, so a burst of filings finds them ready.
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, keepPoolOpen: true });
  if (db.appliedMigrations.length > 0) {
    logger.info({ migrations: db.appliedMigrations }, "applied database migrations");
  }
  let store: KeyValueStore;
  let storePersists = true;
  try {
    // Cases reference catalogue rows, so the database copy is refreshed at every start.
    const report = await syncCatalogue(db.prisma, knowledge);
    logger.debug({ catalogue: report }, "catalogue synchronised");
    // The embedded default journals its store beside the database (the folder lock keeps it one process).
    store = await openStore({
      redisUrl: config.redisUrl,
      ...(config.databaseUrl ? {} : { journal: join(config.dataDir, "store.journal") }),
      onConnectionChange: (change) =>
        change.up ? logger.info({ store: "redis" }, "Redis 连接已恢复") : logger.error({ err: change.error, store: "redis" }, "Redis 连接中断，正在自动重连"),
    });
    if (store instanceof RedisStore && !(await store.persists())) {
      storePersists = false;
      logger.warn(
        { store: "redis" },
        "Redis 未开启持久化（save 与 appendonly 均已关闭）：未完成的登记对话会另存一份到数据库，Redis 重启后可以接着进行；但续接代码和员工登录会失效。建议为 Redis 开启 AOF 或 RDB。",
      );
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    config,
    logger,
    db,
    store,
    storePersists,
    knowledge,
    triager,
    // The SDKs are loaded only when an LLM is configured: without one, nothing of them runs.
    llmReader: config.llm ? (await import("../llm/build.js")).buildLlmReader(config.llm, { knowledge, store, logger }) : undefined,
    embeddings: await openEmbeddings(config, db, knowledge, logger),
    async close() {
      await Promise.allSettled([store.close(), db.close()]);
    },
  };
}

/** Imported only when configured: without EMBEDDINGS_MODEL_DIR none of adapters/embeddings/ is loaded. */
async function openEmbeddings(config: Config, db: Database, knowledge: Knowledge, logger: Logger): Promise<EmbeddingsReader | undefined> {
  const modelDir = config.embeddings.modelDir;
  if (modelDir === undefined) return undefined;
  const [{ createEmbeddingsReader }, { createPrismaEmbeddingStore }] = await Promise.all([import("../embeddings/reader.js"), import("../db/embedding-repository.js")]);
  return createEmbeddingsReader({ modelDir, knowledge, store: createPrismaEmbeddingStore(db.prisma), logger: logger.child({ module: "embeddings" }) });
}
