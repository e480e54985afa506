/**
 * Wiring of the intake for a process: catalogue, triager, the CaseDesk over the database,
 * the runner, and the channels `yizhan serve` mounts (web chat always, Telegram when a
 * token is configured: webhook when PUBLIC_URL and TELEGRAM_WEBHOOK_SECRET are set,
 * long polling otherwise).
 */
import { webhookCallback } from "grammy";
import { findPlaces } from "../../knowledge/gazetteer.js";
import { loadKnowledge } from "../../knowledge/load.js";
import type { Knowledge } from "../../knowledge/types.js";
import { createTriager } from "../../nlp/triage.js";
import { RESIDENT_OUTBOX_CHANNEL, type CaseDesk } from "../../queue/case-desk.js";
import { colourRulesFromRubric } from "../../queue/colours.js";
import { createPrismaCaseDesk } from "../db/case-desk.js";
import type { HttpModule } from "../http/app.js";
import type { Services } from "../runtime/services.js";
import { createTelegramChannel } from "../telegram/bot.js";
import { createWebChatChannel } from "../webchat/channel.js";
import { createDialogueDeps } from "./dialogue-deps.js";
import { createIntake, type Intake } from "./intake.js";
import { relayStaffMessages } from "./outbox-relay.js";

export const TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";

export interface IntakeRuntime {
  knowledge: Knowledge;
  caseDesk: CaseDesk;
  intake: Intake;
}

/** The CaseDesk over the process's database; staff → resident messages go out on the store's pub/sub. */
export function createDatabaseCaseDesk(services: Pick<Services, "db" | "store" | "logger">, knowledge: Knowledge): CaseDesk {
  return createPrismaCaseDesk({
    prisma: services.db.prisma,
    rules: colourRulesFromRubric(knowledge.rubric),
    catalogue: knowledge,
    // Case events (for the console's live queue) are the queue's wiring, not the intake's.
    events: { publish: async (event) => services.logger.debug({ event: event.type, caseNumber: event.number }, "case event") },
    outbox: { send: (m) => services.store.publish(RESIDENT_OUTBOX_CHANNEL, JSON.stringify({ ...m, at: m.at.toISOString() })) },
  });
}

export function createIntakeRuntime(services: Pick<Services, "config" | "db" | "store" | "logger">, caseDesk?: CaseDesk): IntakeRuntime {
  const knowledge = loadKnowledge(services.config.knowledgeDir);
  const triager = createTriager({ knowledge, findPlaces });
  const desk = caseDesk ?? createDatabaseCaseDesk(services, knowledge);
  const intake = createIntake({
    store: services.store,
    caseDesk: desk,
    dialogue: createDialogueDeps({ knowledge, triager }),
    logger: services.logger,
  });
  return { knowledge, caseDesk: desk, intake };
}

/** The HTTP modules of the intake channels; also starts Telegram long polling when configured. */
export function intakeModules(services: Services, runtime: IntakeRuntime = createIntakeRuntime(services)): HttpModule[] {
  const { config, logger, store } = services;
  const { intake } = runtime;
  const modules: HttpModule[] = [];
  const relayFailed = (error: unknown) => logger.error({ err: error }, "could not subscribe to the resident outbox");

  const webchat = createWebChatChannel({ intake, store, logger });
  modules.push(webchat.mount);
  relayStaffMessages({ store, intake, logger, channel: "webchat", deliver: webchat.deliver }).catch(relayFailed);

  const token = config.telegram.token;
  if (token) {
    const telegram = createTelegramChannel({ token, intake, logger });
    relayStaffMessages({ store, intake, logger, channel: "telegram", deliver: telegram.deliver }).catch(relayFailed);
    const secret = config.telegram.webhookSecret;
    if (config.publicUrl && secret) {
      modules.push((app) => {
        app.post(TELEGRAM_WEBHOOK_PATH, webhookCallback(telegram.bot, "hono", { secretToken: secret }));
      });
      const url = new URL(TELEGRAM_WEBHOOK_PATH, config.publicUrl).toString();
      telegram.bot.api
        .setWebhook(url, { secret_token: secret })
        .then(() => logger.info({ url }, "telegram webhook set"))
        .catch((error: unknown) => logger.error({ err: error }, "could not set the telegram webhook"));
    } else {
      void telegram.bot
        .start({ onStart: (me) => logger.info({ bot: me.username }, "telegram long polling started") })
        .catch((error: unknown) => logger.error({ err: error }, "telegram long polling stopped"));
    }
  }
  return modules;
}
