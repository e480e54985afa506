// The console and API on a given database and store, as `serve` mounts them, for tests.
import { createHttpApp } from "../../adapters/http/app.js";
import { hashPassword } from "../../adapters/http/auth/passwords.js";
import { createLogger, type Logger } from "../../adapters/logger.js";
import { loadConfig } from "../../adapters/config.js";
import type { Database } from "../../adapters/db/database.js";
import { createPrismaStaffRepository } from "../../adapters/db/staff-repository.js";
import { queueHttpDeps, queueHttpModules } from "../../adapters/runtime/queue-runtime.js";
import type { KeyValueStore } from "../../adapters/store/key-value-store.js";
import { findPlaces } from "../../knowledge/gazetteer.js";
import { loadKnowledge } from "../../knowledge/load.js";
import type { Knowledge } from "../../knowledge/types.js";
import { createTriager, type Triager } from "../../nlp/triage.js";
import type { StaffRole } from "../../queue/access.js";
import type { EmbeddingsReader } from "../../adapters/embeddings/reader.js";

let shared: { knowledge: Knowledge; triager: Triager } | undefined;

/** The shipped catalogue and a triager, built once per test file (about a second). */
export function sharedTriage(): { knowledge: Knowledge; triager: Triager } {
  if (!shared) {
    const knowledge = loadKnowledge();
    shared = { knowledge, triager: createTriager({ knowledge, findPlaces }) };
  }
  return shared;
}

export function buildQueueApp(db: Database, store: KeyValueStore, opts: { logger?: Logger; dataDir?: string; embeddings?: EmbeddingsReader } = {}) {
  const { knowledge, triager } = sharedTriage();
  const logger = opts.logger ?? createLogger({ log: { level: "silent", format: "json" } });
  const services = { db, store, logger, config: loadConfig(opts.dataDir ? { DATA_DIR: opts.dataDir } : {}), ...(opts.embeddings ? { embeddings: opts.embeddings } : {}) };
  const app = createHttpApp({ logger, probes: [] }, queueHttpModules(services, { knowledge, triager }));
  const deps = queueHttpDeps(services, { knowledge, triager });
  const staff = createPrismaStaffRepository(db.prisma);
  return {
    app,
    deps,
    knowledge,
    triager,
    async addStaff(username: string, password: string, role: StaffRole, townshipId: string | null = null, displayName = username) {
      return staff.create({ username, displayName, passwordHash: await hashPassword(password), role, townshipId });
    },
  };
}
