/**
 * Queue benchmark: list the queue (the console's first page, most urgent first) with
 * 100,000 cases in PostgreSQL, through the same service and repository the console uses.
 * Creates a throwaway database on BENCH_DATABASE_URL (or TEST_DATABASE_URL) and drops it.
 * Target: p99 under 50 ms.
 */
import pg from "pg";
import { throwawayDatabase } from "./throwaway-database.js";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/database.js";
import { createPrismaCaseRepository } from "../adapters/db/case-repository.js";
import { createCaseService } from "../queue/case-service.js";
import { colourRulesFromRubric, RISK_COLORS } from "../knowledge/colours.js";
import { loadKnowledge } from "../knowledge/load.js";
import type { Actor } from "../queue/access.js";

const CASES = 100_000;
const RUNS = 400;
const TOWNSHIPS = ["shuanghuyu", "miaojiaping", "matigou", "dianshi", "laojundian", "peijiawan", "hejiaji", "zhoujiajian", "sanchuankou", "zhuanmiao", "huainingwan", "mahuping", "tuowan", "shuangmiaohe"];


// Realistic mix: most cases closed long ago, about one in ten still open; few reds.
// A row's colour, as a 1-based index into $2 (the colours, most urgent first) and $3 (their owners).
const COLOUR_INDEX = "CASE WHEN i % 50 = 0 THEN 1 WHEN i % 50 < 5 THEN 2 WHEN i % 50 < 20 THEN 3 ELSE 4 END";
const GENERATE = `
INSERT INTO "Case" ("id","number","channel","status","color","domain","urgent","residentKey","story","triage","colorReasons","facts","services",
  "townshipId","parties","ownerRole","firstResponseDue","createdAt","updatedAt")
SELECT gen_random_uuid()::text,
  'ZZ-2025-' || lpad(i::text, 6, '0'),
  (ARRAY['telegram','webchat','hotline','terminal']::"CaseChannel"[])[1 + i % 4],
  CASE WHEN i % 100 < 6 THEN 'queued' WHEN i % 100 < 8 THEN 'claimed' WHEN i % 100 < 10 THEN 'mediating'
       WHEN i % 100 < 12 THEN 'follow_up' ELSE 'closed' END::"CaseStatus",
  (($2::text[])[${COLOUR_INDEX}])::"RiskColor",
  (ARRAY['medical','marital','neighbor','financial','campus','other']::"Domain"[])[1 + i % 6],
  i % 50 = 0,
  'bench:' || i,
  '邻里之间因为排水沟的事情发生争执，已经找过村委会，希望中心帮忙调解。第' || i || '号',
  '{"version":1,"triage":null}'::jsonb, '[]'::jsonb, '{"attempts":[]}'::jsonb, '[]'::jsonb,
  CASE WHEN i % 15 = 0 THEN NULL ELSE ($1::text[])[1 + i % 14] END,
  '[]'::jsonb,
  (($3::text[])[${COLOUR_INDEX}])::"StaffRole",
  now() - (i || ' minutes')::interval + interval '3 days',
  now() - (i || ' minutes')::interval,
  now() - (i || ' minutes')::interval
FROM generate_series(1, ${CASES}) AS i`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function benchQueue(): Promise<void> {
  const serverUrl = loadConfig().benchDatabaseUrl;
  if (!serverUrl) {
    console.log("queue: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server)");
    return;
  }
  const scratch = await throwawayDatabase(serverUrl);
  const rules = colourRulesFromRubric(loadKnowledge().rubric);
  const db = await openDatabase({ databaseUrl: scratch.url, dataDir: "unused" });
  try {
    const started = performance.now();
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    await client.query(GENERATE, [TOWNSHIPS, [...RISK_COLORS], RISK_COLORS.map((c) => rules[c].owner)]);
    await client.query(`ANALYZE "Case"`);
    await client.end();
    console.log(`generated ${CASES.toLocaleString("en")} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const service = createCaseService({
      cases: createPrismaCaseRepository(db.prisma),
      rules,
      events: { publish: async () => undefined },
      outbox: { send: async () => undefined, claimed: async () => undefined },
    });
    const county: Actor = { id: "bench-director", role: "centre_director", displayName: "主任", townshipId: null };
    const township: Actor = { id: "bench-mediator", role: "mediator", displayName: "调解员", townshipId: "matigou" };
    const scenarios: { label: string; run: () => Promise<unknown> }[] = [
      { label: "county queue, first page of 50", run: () => service.listQueue(county, { limit: 50 }) },
      { label: "township mediator's queue", run: () => service.listQueue(township, { limit: 50 }) },
      { label: "filtered: red+orange, neighbor", run: () => service.listQueue(county, { colors: ["red", "orange"], domain: "neighbor", limit: 50 }) },
      { label: "page 5 (offset 200)", run: () => service.listQueue(county, { limit: 50, offset: 200 }) },
    ];
    for (const s of scenarios) {
      for (let i = 0; i < 30; i++) await s.run(); // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const result = (await s.run()) as { ok: boolean; value?: unknown[] };
        times.push(performance.now() - t0);
        if (!result.ok || !Array.isArray(result.value) || result.value.length === 0) throw new Error(`${s.label}: empty result`);
      }
      times.sort((a, b) => a - b);
      const p99 = percentile(times, 99);
      console.log(
        `queue list — ${s.label}: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms over ${RUNS} runs ${p99 < 50 ? "(target < 50 ms: met)" : "(target < 50 ms: MISSED)"}`,
      );
    }
  } finally {
    await db.close();
    await scratch.drop();
  }
}
