// Live updates for the console: server-sent events fed by the key-value store's pub/sub,
// so a change made in any process reaches every open console. Each viewer only gets
// events about cases they may see.
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { canView, isOwnedBy } from "../../queue/access.js";
import type { CaseEvent } from "../../queue/ports.js";
import type { AuthEnv } from "./auth/staff-auth.js";
import { subscribeCaseEvents } from "../store/case-events.js";
import type { QueueHttpDeps } from "./queue-deps.js";

const HEARTBEAT_MS = 25_000;

export function caseEventsStream(c: Context<AuthEnv>, deps: Pick<QueueHttpDeps, "store" | "logger">): Response {
  const actor = c.var.actor;
  return streamSSE(c, async (stream) => {
    const queue: CaseEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = await subscribeCaseEvents(deps.store, deps.logger, async (event) => {
      if (!canView(actor, { ...event, claimedById: null }).ok) return;
      queue.push(event);
      wake?.();
    });
    let open = true;
    stream.onAbort(() => {
      open = false;
      wake?.();
    });
    try {
      await stream.writeSSE({ event: "ready", data: "{}" });
      while (open) {
        const event = queue.shift();
        if (event) {
          const mine = isOwnedBy(actor, { ...event, claimedById: null });
          await stream.writeSSE({ event: "case", data: JSON.stringify({ ...event, forMyRole: mine }) });
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
