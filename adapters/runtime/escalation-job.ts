// The scheduled escalation: every minute, overdue unclaimed cases go one level up.
// A key-value lock with a TTL makes sure only one process runs each tick.
import type { Logger } from "../logger.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import type { CaseService } from "../../queue/case-service.js";
import { randomUUID } from "node:crypto";

export interface EscalationJob {
  start(): void;
  stop(): Promise<void>;
  /** One tick now (tests, and the timer). Returns the escalated case numbers, or null when another process holds the lock. */
  tick(): Promise<string[] | null>;
}

export function createEscalationJob(deps: {
  service: Pick<CaseService, "escalateOverdue">;
  store: KeyValueStore;
  logger: Logger;
  intervalMs?: number;
}): EscalationJob {
  const intervalMs = deps.intervalMs ?? 60_000;
  const owner = randomUUID();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function tick(): Promise<string[] | null> {
    const ttlSeconds = Math.max(1, Math.floor((intervalMs * 0.9) / 1000));
    if (!(await deps.store.setIfAbsent("lock:queue-escalation", owner, { ttlSeconds }))) return null;
    const { escalated } = await deps.service.escalateOverdue();
    if (escalated.length > 0) deps.logger.info({ escalated }, "escalated overdue unclaimed cases");
    return escalated;
  }

  return {
    tick,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = tick()
          .catch((error: unknown) => deps.logger.error({ err: error }, "escalation tick failed"))
          .finally(() => {
            running = undefined;
          });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
