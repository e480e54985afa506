// With EMBEDDINGS_MODEL_DIR set: loads the model in the background once `serve` has started
// (the start does not wait for it), then every minute gives new cases their vectors, so they
// are found as 相似案件. One process per tick (a key-value lock, as the escalation job).
import { randomUUID } from "node:crypto";
import type { EmbeddingsReader } from "../embeddings/reader.js";
import type { Logger } from "../logger.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import type { BackgroundJob } from "./serve.js";

export function createEmbeddingsJob(deps: { reader: EmbeddingsReader; store: KeyValueStore; logger: Logger; intervalMs?: number }): BackgroundJob & { tick(): Promise<number | null> } {
  const intervalMs = deps.intervalMs ?? 60_000;
  const owner = randomUUID();
  const log = deps.logger.child({ module: "embeddings" });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function tick(): Promise<number | null> {
    const ttlSeconds = Math.max(1, Math.floor((intervalMs * 0.9) / 1000));
    if (!(await deps.store.setIfAbsent("lock:embeddings-index", owner, { ttlSeconds }))) return null;
    const indexed = await deps.reader.indexNewCases();
    if (indexed > 0) log.info({ indexed }, "新案件已生成向量");
    return indexed;
  }
  const run = (work: () => Promise<unknown>) => {
    if (running) return;
    running = work()
      .catch((error: unknown) => log.error({ err: error }, "向量模型不可用，服务推荐与相似案件暂用离线结果"))
      .finally(() => { running = undefined; });
  };

  return {
    tick,
    start() {
      if (timer) return;
      run(async () => { await deps.reader.warmUp(); await tick(); });
      timer = setInterval(() => run(tick), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
