// One filing process for the filing benchmark: opens the database, builds its COUNT confirmations, says
// "ready", waits for "go" on stdin, files them all at once, prints the wall time, its CPU time and each
// filing's latency as JSON, exits. Only filing is timed: the database is opened as a server opens it (its pool of
// DATABASE_POOL_SIZE connections open), and the test fixtures (which read the catalogue on first use)
// are built, before "ready".
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/database.js";
import { caseDeskFor } from "../adapters/runtime/queue-runtime.js";
import { MemoryStore } from "../adapters/store/memory-store.js";
import { loadKnowledge } from "../knowledge/load.js";
import { newCaseFixture } from "../tests/support/queue-fixtures.js";

const [url, countArg, tag] = process.argv.slice(2);
const count = Number(countArg);
const db = await openDatabase({ databaseUrl: url!, dataDir: "unused", migrate: false, poolSize: loadConfig().databasePoolSize, keepPoolOpen: true });
const desk = caseDeskFor({ db, store: new MemoryStore() }, loadKnowledge());
const confirmations = Array.from({ length: count }, (_, i) => ({ ...newCaseFixture({ residentKey: `webchat:${tag}-${i}` }), filingKey: `${tag}-${i}` }));
process.stdout.write("ready\n");
process.stdin.once("data", async () => {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const latencies = await Promise.all(
    confirmations.map(async (confirmation) => {
      const a = performance.now();
      await desk.fileCase(confirmation);
      return performance.now() - a;
    }),
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, latencies })}\n`);
  await db.close();
  process.exit(0);
});
