// `npm run bench [-- NAME...]`: runs the benchmark suites (all by default) and
// prints their numbers. Targets are checked here, never in timed tests.
type Suite = { name: string; description: string; run: () => Promise<void> };

const suites: Suite[] = [
  {
    name: "knowledge",
    description: "catalogue search of a 200-character message",
    run: async () => {
      const { benchKnowledgeSearch } = await import("./knowledge-search.js");
      for (const result of await benchKnowledgeSearch()) {
        const sorted = [...result.runs].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)];
        console.log(`${result.name}: median ${median?.toFixed(1)} ${result.unit} over ${result.runs.length} runs (${result.runs.map((r) => r.toFixed(1)).join(", ")})`);
      }
    },
  },
  {
    name: "triage",
    description: "triage throughput and latency",
    run: async () => (await import("./triage.js")).benchTriage(),
  },
  {
    name: "filing",
    description: "200 simultaneous filings on PostgreSQL, one process and two",
    run: async () => (await import("./filing.js")).benchFiling(),
  },
  {
    name: "queue",
    description: "queue listing with 100,000 cases in PostgreSQL",
    run: async () => (await import("./queue.js")).benchQueue(),
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !suites.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(`未知的基准测试：${unknown.join("、")}。可选：${suites.map((s) => s.name).join("、")}`);
  process.exit(2);
}
for (const suite of suites.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
  console.log(`\n## ${suite.name} — ${suite.description}`);
  await suite.run();
}
process.exit(0);
