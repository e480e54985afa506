// Wiring of the mediator queue onto the process's services: the case service on Prisma,
// case events and resident messages over the key-value store's pub/sub, the console and
// API modules, the CaseDesk for the intake dialogue.
import { EvidenceFiles, evidenceDir } from "../webchat/evidence-files.js";
import type { Knowledge } from "../../knowledge/types.js";
import { RESIDENT_OUTBOX_CHANNEL, type CaseDesk, type ResidentClaimNotice, type ResidentOutboxMessage } from "../../queue/case-desk.js";
import { announceClaim } from "../intake/claim-notices.js";
import { createCaseService, type CaseService } from "../../queue/case-service.js";
import { colourRulesFromRubric } from "../../knowledge/colours.js";
import type { ResidentOutbox } from "../../queue/ports.js";
import { createPrismaCaseRepository } from "../db/case-repository.js";
import { createPrismaStaffRepository } from "../db/staff-repository.js";
import type { HttpModule } from "../http/app.js";
import { queueApi } from "../http/api/queue-api.js";
import { createStaffAuth } from "../http/auth/staff-auth.js";
import { consoleModule } from "../http/console/console-routes.js";
import type { QueueHttpDeps, TranscriptTriager } from "../http/queue-deps.js";
import { storeCaseEvents } from "../store/case-events.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import type { Services } from "./services.js";
import { createEscalationJob } from "./escalation-job.js";
import { createEmbeddingsJob } from "./embeddings-job.js";
import { createStaffNotices, telegramSender } from "./staff-notices.js";
import { ensureFirstAdmin } from "./first-admin.js";
import { createCaseReadingJob } from "../llm/case-reading-job.js";
import { ownerOf } from "../../nlp/risk.js";
import type { BackgroundJob, Feature } from "./serve.js";

export { storeCaseEvents };

export function storeResidentOutbox(store: KeyValueStore): ResidentOutbox {
  return {
    async send(m) {
      const message: ResidentOutboxMessage = { residentKey: m.residentKey, caseNumber: m.caseNumber, text: m.text, fromLabel: m.fromLabel, at: m.at.toISOString() };
      await store.publish(RESIDENT_OUTBOX_CHANNEL, JSON.stringify(message));
    },
    async claimed(m) {
      const notice: ResidentClaimNotice = { kind: "claimed", residentKey: m.residentKey, caseNumber: m.caseNumber, fromLabel: m.fromLabel, at: m.at.toISOString() };
      await announceClaim(store, notice);
    },
  };
}

/** The queue's case service for this process (cheap: closures over Prisma and the store), with the catalogue's rubric. */
export function caseServiceFor(services: Pick<Services, "db" | "store"> & Partial<Pick<Services, "logger" | "embeddings">>, knowledge: Knowledge): CaseService {
  return createCaseService({
    cases: createPrismaCaseRepository(services.db.prisma, services.logger ? { logger: services.logger } : {}),
    rules: colourRulesFromRubric(knowledge.rubric),
    events: storeCaseEvents(services.store),
    outbox: storeResidentOutbox(services.store),
    catalogue: knowledge,
    ...(services.embeddings ? { similar: services.embeddings.similarCases } : {}),
  });
}

/** The CaseDesk the intake dialogue files through (PostgreSQL/PGlite). */
export function caseDeskFor(services: Pick<Services, "db" | "store"> & Partial<Pick<Services, "logger">>, knowledge: Knowledge): CaseDesk {
  return caseServiceFor(services, knowledge).desk;
}

export function queueHttpDeps(
  services: Pick<Services, "db" | "store" | "logger" | "config"> & Partial<Pick<Services, "embeddings">>,
  extras: { knowledge: Knowledge; triager: TranscriptTriager },
): QueueHttpDeps {
  const places = extras.knowledge.places;
  return {
    service: caseServiceFor(services, extras.knowledge),
    auth: createStaffAuth(createPrismaStaffRepository(services.db.prisma), services.store, {
      env: services.config.env,
      publicUrl: services.config.publicUrl,
      trustProxy: services.config.trustProxy,
    }),
    store: services.store,
    triager: extras.triager,
    ...(services.embeddings ? { refineServices: services.embeddings.refineServices } : {}),
    townships: places.filter((p) => p.kind !== "village").map((p) => ({ id: p.id, name: p.name })),
    villages: places.flatMap((p) => (p.kind === "village" && p.parentId ? [{ id: p.id, name: p.name, parentId: p.parentId }] : [])),
    logger: services.logger,
  };
}

/** The console (/console) and the JSON API (/api). */
export function queueHttpModules(
  services: Pick<Services, "db" | "store" | "logger" | "config"> & Partial<Pick<Services, "embeddings">>,
  extras: { knowledge: Knowledge; triager: TranscriptTriager },
): HttpModule[] {
  const deps = queueHttpDeps(services, extras);
  const publicOrigin = services.config.publicUrl ? new URL(services.config.publicUrl).origin : undefined;
  return [
    queueApi({ ...deps, ...(publicOrigin ? { publicOrigin } : {}) }),
    consoleModule({
      ...deps,
      rules: colourRulesFromRubric(extras.knowledge.rubric),
      evidence: new EvidenceFiles(evidenceDir(services.config.dataDir)),
      ...(publicOrigin ? { publicOrigin } : {}),
    }),
  ];
}

/** The queue's part of `serve`: console and API, escalation, Telegram staff notices when configured. */
export function queueFeature(services: Services): Feature {
  return {
    modules: queueHttpModules(services, { knowledge: services.knowledge, triager: services.triager }),
    jobs: queueJobs(services),
  };
}

/** Background work `serve` starts and stops with the process: escalation, and Telegram staff notices when configured. */
export function queueJobs(services: Services): BackgroundJob[] {
  const knowledge = services.knowledge;
  const jobs: BackgroundJob[] = [createEscalationJob({ service: caseServiceFor(services, knowledge), store: services.store, logger: services.logger })];
  if (services.llmReader) {
    const service = caseServiceFor(services, knowledge);
    const cases = createPrismaCaseRepository(services.db.prisma, { logger: services.logger });
    jobs.push(
      createCaseReadingJob({
        store: services.store,
        logger: services.logger,
        reader: services.llmReader,
        knowledge,
        owners: ownerOf(colourRulesFromRubric(knowledge.rubric)),
        find: (ref) => cases.find(ref),
        record: (ref, reading) => service.recordMachineReading(ref, reading),
      }),
    );
  }
  if (services.embeddings) jobs.push(createEmbeddingsJob({ reader: services.embeddings, store: services.store, logger: services.logger }));
  const { token, staffChatId } = services.config.telegram;
  if (token && staffChatId) {
    jobs.push(
      createStaffNotices({
        store: services.store,
        chatId: staffChatId,
        send: telegramSender(token, services.config.telegram.apiRoot),
        rules: colourRulesFromRubric(knowledge.rubric),
        townships: knowledge.places.filter((p) => p.kind !== "village").map((p) => ({ id: p.id, name: p.name })),
        ...(services.config.publicUrl ? { publicUrl: services.config.publicUrl } : {}),
        logger: services.logger,
      }),
    );
  }
  return jobs;
}

/** Prints nothing itself: returns the one-time admin password when one was created. */
export function firstAdminFor(services: Services) {
  return ensureFirstAdmin(createPrismaStaffRepository(services.db.prisma), services.config.databaseUrl === undefined);
}
