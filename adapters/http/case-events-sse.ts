// Live updates for the console: server-sent events fed by the key-value store's pub/sub,
// so a change made in any process reaches every open console. Each viewer only gets
// events about cases they may see; urgent staff alerts (staff-alert-feed.ts) go to everyone.
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { canView, isOwnedBy } from "../../queue/access.js";
import type { CaseEvent } from "../../queue/ports.js";
import type { AuthEnv } from "./auth/staff-auth.js";
import { subscribeCaseEvents } from "../store/case-events.js";
import { subscribeJson } from "../store/subscribe-json.js";
import type { QueueHttpDeps } from "./queue-deps.js";
import { AlertMessage, STAFF_ALERTS_CHANNEL } from "./staff-alert-feed.js";

type Outgoing = { event: "case"; data: CaseEvent } | { event: "alert"; data: AlertMessage };

const HEARTBEAT_MS = 25_000;

export function caseEventsStream(c: Context<AuthEnv>, deps: Pick<QueueHttpDeps, "store" | "logger">): Response {
  const actor = c.var.actor;
  return streamSSE(c, async (stream) => {
    const queue: Outgoing[] = [];
    let wake: (() => void) | undefined;
    const unsubscribeCases = await subscribeCaseEvents(deps.store, deps.logger, async (event) => {
      if (!canView(actor, { ...event, claimedById: null }).ok) return;
      queue.push({ event: "case", data: event });
      wake?.();
    });
    const unsubscribeAlerts = await subscribeJson(deps.store, STAFF_ALERTS_CHANNEL, AlertMessage, deps.logger, async (alert) => {
      queue.push({ event: "alert", data: alert });
      wake?.();
    });
    const unsubscribe = async () => {
      await Promise.allSettled([unsubscribeCases(), unsubscribeAlerts()]);
    };
    let open = true;
    stream.onAbort(() => {
      open = false;
      wake?.();
    });
    try {
      await stream.writeSSE({ event: "ready", data: "{}" });
      while (open) {
        const next = queue.shift();
        if (next?.event === "case") {
          const mine = isOwnedBy(actor, { ...next.data, claimedById: null });
          await stream.writeSSE({ event: "case", data: JSON.stringify({ ...next.data, forMyRole: mine }) });
          continue;
        }
        if (next?.event === "alert") {
          await stream.writeSSE({ event: "alert", data: JSON.stringify(next.data) });
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
        if (open && queue.length === 0) await stream.writeSSE({ event: "ping", data: "{}" });
      }
    } finally {
      await unsubscribe();
    }
  });
}

