// One filing process for the filing benchmark: opens the database, says "ready", waits for "go" on
// stdin, files COUNT cases at once, prints the wall time and each filing's latency as JSON, exits.
import { openDatabase } from "../adapters/db/database.js";
import { caseDeskFor } from "../adapters/runtime/queue-runtime.js";
import { MemoryStore } from "../adapters/store/memory-store.js";
import { loadKnowledge } from "../knowledge/load.js";
import { newCaseFixture } from "../tests/support/queue-fixtures.js";

const [url, countArg, tag] = process.argv.slice(2);
const count = Number(countArg);
const db = await openDatabase({ databaseUrl: url!, dataDir: "unused", migrate: false });
const desk = caseDeskFor({ db, store: new MemoryStore() }, loadKnowledge());
process.stdout.write("ready\n");
process.stdin.once("data", async () => {
  const t0 = performance.now();
  const latencies = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const a = performance.now();
      await desk.fileCase({ ...newCaseFixture({ residentKey: `webchat:${tag}-${i}` }), filingKey: `${tag}-${i}` });
      return performance.now() - a;
    }),
  );
  process.stdout.write(`${JSON.stringify({ wallMs: performance.now() - t0, latencies })}\n`);
  await db.close();
  process.exit(0);
});
