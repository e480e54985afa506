/**
 * Filing benchmark on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, a throwaway database):
 * 200 simultaneous confirmations (BENCH_FILINGS to change the count) in one process (target: 0 failures, p99 ≤ 300 ms), then the same 200
 * split over two processes (target: faster than one). Median of three runs each. The total runs from
 * "go" until the last worker has reported its filings done. Beside it: the workers' own CPU time, and
 * (on Linux) how busy the whole machine's CPUs were meanwhile — a second process can only help when
 * the first leaves cores idle.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/database.js";
import { throwawayDatabase } from "./throwaway-database.js";

const TOTAL = Number(process.env.BENCH_FILINGS ?? 200);
const RUNS = 3;

type WorkerResult = { wallMs: number; cpuMs: number; latencies: number[] };

/** The machine's CPU time so far, busy and in all, from /proc/stat (undefined elsewhere). */
function machineCpu(): { busy: number; total: number } | undefined {
  if (!existsSync("/proc/stat")) return undefined;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** Starts `n` worker processes, waits until each has opened the database, then lets them all go at once. */
async function fileWith(url: string, n: number, run: number): Promise<{ wallMs: number; latencies: number[]; failed: number; cpuMs: number; machineBusy: number | undefined }> {
  const workers = Array.from({ length: n }, (_, w) => spawn(process.execPath, ["--import", "tsx", "bench/filing-worker.ts", url, String(TOTAL / n), `r${run}p${n}w${w}`], { stdio: ["pipe", "pipe", "inherit"] }));
  // Timed until each worker has printed its result line: the filings are done then (closing is not filing).
  let reportedAt = 0;
  let reportedCount = 0;
  let cpuAtEnd: ReturnType<typeof machineCpu>;
  const outputs = workers.map(
    (child) =>
      new Promise<string[]>((resolve) => {
        let out = "";
        let reported = false;
        child.stdout.on("data", (d) => {
          out += d;
          if (!reported && out.split("\n").length > 2) {
            reported = true;
            reportedAt = Math.max(reportedAt, performance.now());
            if (++reportedCount === n) cpuAtEnd = machineCpu();
          }
        });
        child.on("close", () => resolve(out.trim().split("\n")));
      }),
  );
  await Promise.all(workers.map((child) => new Promise<void>((resolve) => child.stdout.once("data", () => resolve()))));
  const cpuAtStart = machineCpu();
  const t0 = performance.now();
  for (const child of workers) child.stdin.end("go\n");
  const lines = await Promise.all(outputs);
  const wallMs = (reportedAt || performance.now()) - t0;
  const results = lines.map((l) => {
    try {
      return JSON.parse(l.at(-1) ?? "") as WorkerResult;
    } catch {
      return undefined;
    }
  });
  const machineBusy = cpuAtStart && cpuAtEnd && cpuAtEnd.total > cpuAtStart.total ? (cpuAtEnd.busy - cpuAtStart.busy) / (cpuAtEnd.total - cpuAtStart.total) : undefined;
  return {
    wallMs,
    latencies: results.flatMap((r) => r?.latencies ?? []),
    failed: TOTAL - results.reduce((s, r) => s + (r?.latencies.length ?? 0), 0),
    cpuMs: results.reduce((s, r) => s + (r?.cpuMs ?? 0), 0),
    machineBusy,
  };
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
          `（${RUNS} 次：${runs.map((r) => r.wallMs.toFixed(0)).join("、")} ms）；` +
          `工作进程 CPU 合计中位数 ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms` +
          (runs.every((r) => r.machineBusy !== undefined)
            ? `，其间整机 ${availableParallelism()} 核忙 ${median(runs.map((r) => r.machineBusy! * 100)).toFixed(0)}%`
            : ""),
      );
    }
  } finally {
    await scratch.drop();
  }
}
