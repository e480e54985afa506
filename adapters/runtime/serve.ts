// `yizhan serve`: the main job. Opens the services, mounts every feature's HTTP
// modules, listens, starts its background jobs, and shuts down gracefully on
// SIGTERM/SIGINT.
import type { Config } from "../config.js";
import { createHttpApp, type HttpModule } from "../http/app.js";
import { edgeLimits } from "../http/edge-limits.js";
import { listen, type RunningServer } from "../http/server.js";
import { TELEGRAM_WEBHOOK_PATH } from "../telegram/webhook.js";
import { WEBCHAT_UPLOAD_PATH } from "../webchat/channel.js";
import { openServices, type Services } from "./services.js";

/** Work that runs beside the HTTP server (timers), started after listen, stopped before the services close. */
export interface BackgroundJob {
  start(): void;
  stop(): Promise<void>;
}

/** What a part of Yizhan (intake channels, queue) adds to the process. */
export interface Feature {
  modules: HttpModule[];
  jobs: BackgroundJob[];
}

export const NO_FEATURES = (): Feature => ({ modules: [], jobs: [] });

export interface Serving {
  services: Services;
  http: RunningServer;
  stop(): Promise<void>;
}

export async function startServing(
  config: Config,
  features: (services: Services) => Feature = NO_FEATURES,
): Promise<Serving> {
  const services = await openServices(config);
  const { logger, db, store } = services;
  try {
    const { modules, jobs } = features(services);
    const app = createHttpApp(
      {
        logger,
        probes: [
          { name: `database (${db.kind})`, check: () => db.ping() },
          { name: `store (${store.kind})`, check: () => store.ping() },
        ],
      },
      // Limits and text cleaning first: they cover every route mounted after them.
      [edgeLimits({ maxBodyBytes: config.httpBodyLimitBytes, exempt: [TELEGRAM_WEBHOOK_PATH, WEBCHAT_UPLOAD_PATH] }), ...modules],
    );
    const http = await listen(app, { host: config.host, port: config.port });
    const background = jobs;
    for (const job of background) job.start();
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        // Stop accepting and let what is in flight finish (bounded) while the jobs wind down;
        // the database and store close last, when nothing can reach them any more.
        logger.info("shutting down: finishing in-flight requests");
        const closingHttp = http.close(config.shutdownTimeoutMs);
        await Promise.allSettled(background.map((job) => job.stop()));
        await closingHttp;
        await services.close();
        logger.info("stopped");
      })());
    return { services, http, stop };
  } catch (error) {
    await services.close();
    throw error;
  }
}

/** Stops on the first SIGTERM/SIGINT; a second signal exits at once. */
export function stopOnSignals(serving: Serving, onStopped: () => void): void {
  let signalled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    serving.services.logger.info({ signal }, "signal received");
    serving.stop().then(onStopped, (error: unknown) => {
      serving.services.logger.error({ err: error }, "error while stopping");
      process.exitCode = 1;
      onStopped();
    });
  };
  process.once("SIGTERM", handler);
  process.once("SIGINT", handler);
}
