// Live updates for the console: server-sent events fed by the key-value store's pub/sub,
// so a change made in any process reaches every open console. Each viewer only gets
// events about cases they may see; urgent staff alerts (staff-alert-feed.ts) go to everyone.
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { canView, isOwnedBy } from "../../queue/access.js";
import type { CaseEvent } from "../../queue/ports.js";
import type { AuthEnv } from "./auth/staff-auth.js";
import { CASE_EVENTS_CHANNEL, type QueueHttpDeps } from "./queue-deps.js";
import { AlertMessage, STAFF_ALERTS_CHANNEL } from "./staff-alert-feed.js";

type Outgoing = { event: "case"; data: CaseEvent } | { event: "alert"; data: AlertMessage };

const HEARTBEAT_MS = 25_000;

export function caseEventsStream(c: Context<AuthEnv>, deps: Pick<QueueHttpDeps, "store" | "logger">): Response {
  const actor = c.var.actor;
  return streamSSE(c, async (stream) => {
    const queue: Outgoing[] = [];
    let wake: (() => void) | undefined;
    const unsubscribeCases = await deps.store.subscribe(CASE_EVENTS_CHANNEL, (message) => {
      try {
        const event = JSON.parse(message) as CaseEvent;
        const scope = { ...event, claimedById: null };
        if (!canView(actor, scope).ok) return;
        queue.push({ event: "case", data: event });
        wake?.();
      } catch (error) {
        deps.logger.warn({ err: error }, "unreadable case event");
      }
    });
    const unsubscribeAlerts = await deps.store.subscribe(STAFF_ALERTS_CHANNEL, (message) => {
      const alert = AlertMessage.safeParse(safeJson(message));
      if (!alert.success) return deps.logger.warn("unreadable staff alert");
      queue.push({ event: "alert", data: alert.data });
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

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
