// A pub/sub subscription whose messages are JSON of one schema: a malformed message is logged once
// and skipped, never handed on; the handler's failures are logged with the channel.
import type { z } from "zod";
import type { Logger } from "../logger.js";
import type { KeyValueStore, Unsubscribe } from "./key-value-store.js";

export function subscribeJson<S extends z.ZodType>(
  store: KeyValueStore,
  channel: string,
  schema: S,
  logger: Logger,
  handle: (message: z.infer<S>) => Promise<void>,
): Promise<Unsubscribe> {
  return store.subscribe(channel, (raw) => {
    let parsed;
    try {
      parsed = schema.safeParse(JSON.parse(raw));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      logger.warn({ channel }, "ignored a malformed message");
      return;
    }
    handle(parsed.data).catch((error: unknown) => logger.error({ err: error, channel }, "handling a message failed"));
  });
}
