/**
 * Filing benchmark on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, a throwaway database):
 * 200 simultaneous confirmations in one process (target: 0 failures, p99 ≤ 300 ms), then the same 200
 * split over two processes (target: faster than one). Median of three runs each.
 */
import { spawn } from "node:child_process";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/database.js";
import { throwawayDatabase } from "./throwaway-database.js";

const TOTAL = 200;
const RUNS = 3;

type WorkerResult = { wallMs: number; latencies: number[] };

/** Starts `n` worker processes, waits until each has opened the database, then lets them all go at once. */
async function fileWith(url: string, n: number, run: number): Promise<{ wallMs: number; latencies: number[]; failed: number }> {
  const workers = Array.from({ length: n }, (_, w) => spawn(process.execPath, ["--import", "tsx", "bench/filing-worker.ts", url, String(TOTAL / n), `r${run}p${n}w${w}`], { stdio: ["pipe", "pipe", "inherit"] }));
  const outputs = workers.map(
    (child) =>
      new Promise<string[]>((resolve) => {
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("close", () => resolve(out.trim().split("\n")));
      }),
  );
  await Promise.all(workers.map((child) => new Promise<void>((resolve) => child.stdout.once("data", () => resolve()))));
  const t0 = performance.now();
  for (const child of workers) child.stdin.end("go\n");
  const lines = await Promise.all(outputs);
  const wallMs = performance.now() - t0;
  const results = lines.map((l) => {
    try {
      return JSON.parse(l.at(-1) ?? "") as WorkerResult;
    } catch {
      return undefined;
    }
  });
  return { wallMs, latencies: results.flatMap((r) => r?.latencies ?? []), failed: TOTAL - results.reduce((s, r) => s + (r?.latencies.length ?? 0), 0) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

export async function benchFiling(): Promise<void> {
  const serverUrl = loadConfig().benchDatabaseUrl;
  if (!serverUrl) {
    console.log("filing: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server)");
    return;
  }
  const scratch = await throwawayDatabase(serverUrl);
  // Migrated once here; the workers open it without migrating.
  const db = await openDatabase({ databaseUrl: scratch.url, dataDir: "unused" });
  await db.close();
  try {
    for (const n of [1, 2]) {
      const runs = [];
      for (let r = 0; r < RUNS; r++) runs.push(await fileWith(scratch.url, n, r));
      const failed = runs.reduce((s, r) => s + r.failed, 0);
      console.log(
        `${TOTAL} 件同时登记，${n} 个进程：总用时中位数 ${median(runs.map((r) => r.wallMs)).toFixed(0)} ms，` +
          `单件 p99 中位数 ${median(runs.map((r) => p99(r.latencies))).toFixed(0)} ms（目标 ≤ 300 ms），失败 ${failed}` +
          `（${RUNS} 次：${runs.map((r) => r.wallMs.toFixed(0)).join("、")} ms）`,
      );
    }
  } finally {
    await scratch.drop();
  }
}
