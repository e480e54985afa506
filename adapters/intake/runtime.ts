/**
 * Wiring of the intake for a process: catalogue, triager, the CaseDesk over the database,
 * the runner, and the channels `yizhan serve` mounts (web chat always, Telegram when a
 * token is configured: webhook when PUBLIC_URL and TELEGRAM_WEBHOOK_SECRET are set,
 * long polling otherwise).
 */
import type { Knowledge } from "../../knowledge/types.js";
import type { CaseDesk } from "../../queue/case-desk.js";
import type { HttpModule } from "../http/app.js";
import { createPrismaSessionBackup } from "../db/session-backup-repository.js";
import { caseDeskFor } from "../runtime/queue-runtime.js";
import { createStaffAlerts } from "../runtime/staff-alerts.js";
import { telegramSender } from "../runtime/staff-notices.js";
import type { BackgroundJob, Feature } from "../runtime/serve.js";
import type { Services } from "../runtime/services.js";
import type { Unsubscribe } from "../store/key-value-store.js";
import { createTelegramChannel } from "../telegram/bot.js";
import { telegramTransport } from "../telegram/transport.js";
import { createWebChatChannel } from "../webchat/channel.js";
import { EvidenceFiles, evidenceDir } from "../webchat/evidence-files.js";
import { createDialogueDeps } from "./dialogue-deps.js";
import { createIntake, type Deliver, type Intake } from "./intake.js";
import { relayStaffMessages } from "./outbox-relay.js";
import { relayResidentNotices } from "./resident-notices.js";


export interface IntakeRuntime {
  knowledge: Knowledge;
  caseDesk: CaseDesk;
  intake: Intake;
}

type IntakeServices = Pick<Services, "config" | "db" | "store" | "logger" | "knowledge" | "triager"> & Partial<Pick<Services, "storePersists" | "embeddings" | "llmReader">>;

/** The intake over the process's catalogue, triager and database (cases go to the queue, live). */
export function createIntakeRuntime(services: IntakeServices, caseDesk?: CaseDesk): IntakeRuntime {
  const { knowledge, triager, config } = services;
  const desk = caseDesk ?? caseDeskFor(services, knowledge);
  const { token, staffChatId, apiRoot } = config.telegram;
  const intake = createIntake({
    store: services.store,
    caseDesk: desk,
    dialogue: createDialogueDeps({ knowledge, triager }),
    logger: services.logger,
    ...(services.embeddings ? { refineServices: services.embeddings.refineServices } : {}),
    ...(services.llmReader ? { storyReader: services.llmReader } : {}),
    ...(services.storePersists === false ? { sessionBackup: createPrismaSessionBackup(services.db.prisma) } : {}),
    alerts: createStaffAlerts({
      store: services.store,
      logger: services.logger,
      ...(token && staffChatId ? { telegram: { chatId: staffChatId, send: telegramSender(token, apiRoot) } } : {}),
      ...(config.alertWebhookUrl ? { webhookUrl: config.alertWebhookUrl } : {}),
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    }),
  });
  return { knowledge, caseDesk: desk, intake };
}

/**
 * The intake's part of `serve`: the web chat always; Telegram when a token is configured
 * (webhook when PUBLIC_URL and TELEGRAM_WEBHOOK_SECRET are set, long polling otherwise).
 * Staff → resident relays and Telegram polling are jobs, so they stop with the process.
 */
export function intakeFeature(services: IntakeServices, runtime: IntakeRuntime = createIntakeRuntime(services)): Feature {
  const { config, logger, store } = services;
  const { intake } = runtime;
  const modules: HttpModule[] = [];
  const jobs: BackgroundJob[] = [];

  const webchat = createWebChatChannel({
    intake,
    store,
    logger,
    trustProxy: config.trustProxy,
    evidence: new EvidenceFiles(evidenceDir(config.dataDir)),
    uploadLimitBytes: config.uploadLimitBytes,
    ...(config.centrePhone ? { centrePhone: config.centrePhone } : {}),
  });
  modules.push(webchat.mount);
  jobs.push(relayJob(() => relayStaffMessages({ store, intake, logger, channel: "webchat", deliver: webchat.deliver }), services));
  jobs.push(relayJob(() => relayResidentNotices({ store, logger, channel: "webchat", deliver: webchat.deliver }), services));
  const deliveries: ChannelDelivery[] = [{ channel: "webchat", deliver: webchat.deliver }];
  jobs.push(recoveryJob(intake, services, deliveries));

  const token = config.telegram.token;
  if (token) {
    const telegram = createTelegramChannel({ token, intake, logger, apiRoot: config.telegram.apiRoot });
    jobs.push(relayJob(() => relayStaffMessages({ store, intake, logger, channel: "telegram", deliver: telegram.deliver }), services));
    jobs.push(relayJob(() => relayResidentNotices({ store, logger, channel: "telegram", deliver: telegram.deliver }), services));
    deliveries.push({ channel: "telegram", deliver: telegram.deliver });
    // Webhook when PUBLIC_URL and TELEGRAM_WEBHOOK_SECRET are set (secret checked first, answers at
    // once even when the Bot API is unreachable), long polling otherwise.
    const transport = telegramTransport(telegram, { publicUrl: config.publicUrl, secret: config.telegram.webhookSecret, maxBodyBytes: config.httpBodyLimitBytes });
    modules.push(...transport.modules);
    jobs.push(...transport.jobs);
  }
  return { modules, jobs };
}

/** How often the filings that failed are tried again (a red one was already tried twice at once). */
export const FILING_RETRY_MS = 5_000;

/** A channel this process holds, and how it sends to one of its residents. */
interface ChannelDelivery {
  channel: "webchat" | "telegram";
  deliver: Deliver;
}

/**
 * Every few seconds: files again the cases whose filing failed, plays again the messages whose
 * turn failed (inbox.ts), and sends the claim notices nobody has sent yet (claim-notices.ts: a
 * restart, a failed delivery) on the channels this process holds, until each one is done. Every
 * process runs it; the store's locks share it out.
 */
function recoveryJob(intake: Intake, services: Pick<Services, "logger">, deliveries: readonly ChannelDelivery[]): BackgroundJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    start() {
      timer = setInterval(() => {
        running = running.then(() =>
          intake.recover().then(
            (r) => (r.filed > 0 || r.replayed > 0) && services.logger.info(r, "kept messages and pending filings retried"),
            (error: unknown) => services.logger.error({ err: error }, "the intake's recovery round failed"),
          ),
        );
        for (const { channel, deliver } of deliveries) {
          running = running.then(() =>
            intake.deliverPendingClaimNotices(channel, deliver).then(
              (sent) => sent > 0 && services.logger.info({ channel, sent }, "kept claim notices sent"),
              (error: unknown) => services.logger.error({ err: error, channel }, "sending kept claim notices failed"),
            ),
          );
        }
      }, FILING_RETRY_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** A pub/sub subscription held for the life of the process. */
function relayJob(subscribe: () => Promise<Unsubscribe>, services: Pick<Services, "logger">): BackgroundJob {
  let subscription: Promise<Unsubscribe | undefined> | undefined;
  return {
    start() {
      subscription = subscribe().catch((error: unknown) => {
        services.logger.error({ err: error }, "could not subscribe to the resident outbox");
        return undefined;
      });
    },
    async stop() {
      const unsubscribe = await subscription;
      await unsubscribe?.();
    },
  };
}
