/**
 * Triage benchmark: triages/second on one core and p50/p99 latency for 50-, 200- and
 * 2,000-character inputs and a 5,000-character transcript, plus peak RSS. Median of runs.
 */
import { loadKnowledge } from "../knowledge/load.js";
import { createTriager, loadReadingData, loadShippedModels } from "../nlp/triage.js";

const SENTENCES = [
  "我家楼上邻居装修把水管弄破了，水一直往下漏，天花板都泡坏了。",
  "找过村委会两次，他们说让我们自己协商，对方就是不理。",
  "老公喝了酒就骂人，孩子才八岁，我不知道该怎么办。",
  "去年借给同村的人三万块钱，打了欠条，现在他说没钱还。",
  "孩子在学校被几个高年级的同学堵在厕所里要钱，老师说是小孩打闹。",
  "我爸在县医院做完手术以后一直发烧，医院拖着不给复印病历。",
  "包工头欠我们十几个人半年的工钱，过年都回不了家。",
];

function textOf(chars: number, seed: number): string {
  let s = "";
  let i = seed;
  while (s.length < chars) s += SENTENCES[i++ % SENTENCES.length];
  return s.slice(0, chars);
}

function transcriptOf(chars: number): string {
  let s = "";
  let i = 0;
  while (s.length < chars) {
    const mm = String(Math.floor(i / 2)).padStart(2, "0");
    s += i % 2 === 0 ? `[00:${mm}:05] 坐席：好的，您继续说，我在记录。\n` : `[00:${mm}:40] 来电人：${SENTENCES[i % SENTENCES.length]}\n`;
    i++;
  }
  return s.slice(0, chars);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchTriage(): Promise<void> {
  const knowledge = loadKnowledge();
  // Loading the shipped data and models (target ≤ 300 ms), median of 5 fresh loads.
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const a = performance.now();
    loadReadingData();
    loadShippedModels(knowledge);
    loads.push(performance.now() - a);
  }
  const t0 = performance.now();
  const triager = createTriager({ knowledge });
  const setupMs = performance.now() - t0;
  console.log(`模型与词表加载：中位数 ${median(loads).toFixed(0)} ms（5 次：${loads.map((x) => x.toFixed(0)).join("、")}；目标 ≤ 300 ms）`);
  let peakRss = process.memoryUsage().rss;
  const cases: { name: string; run: (i: number) => unknown; iterations: number }[] = [
    { name: "50 字", run: (i) => triager.triage(textOf(50, i)), iterations: 3000 },
    { name: "200 字", run: (i) => triager.triage(textOf(200, i)), iterations: 3000 },
    { name: "2000 字", run: (i) => triager.triage(textOf(2000, i)), iterations: 400 },
    { name: "5000 字通话记录", run: () => triager.triageTranscript(transcriptOf(5000)), iterations: 100 },
  ];
  console.log(`分诊基准（单核，初始化 ${setupMs.toFixed(0)} ms；目标：200 字 ≥ 3000 次/秒，p99 ≤ 2 ms）`);
  console.log("输入              每秒次数      p50(ms)   p99(ms)");
  for (const c of cases) {
    const runs: { perSec: number; p50: number; p99: number }[] = [];
    for (let r = 0; r < 5; r++) {
      for (let i = 0; i < Math.min(50, c.iterations); i++) c.run(i); // warm-up
      const lat: number[] = [];
      const start = performance.now();
      for (let i = 0; i < c.iterations; i++) {
        const a = performance.now();
        c.run(i);
        lat.push(performance.now() - a);
      }
      const total = performance.now() - start;
      lat.sort((a, b) => a - b);
      runs.push({ perSec: (c.iterations / total) * 1000, p50: percentile(lat, 50), p99: percentile(lat, 99) });
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const perSec = median(runs.map((r) => r.perSec));
    console.log(
      `${c.name.padEnd(14)} ${perSec.toFixed(0).padStart(10)} ${median(runs.map((r) => r.p50)).toFixed(3).padStart(10)} ${median(runs.map((r) => r.p99)).toFixed(3).padStart(10)}`,
    );
  }
  console.log(`峰值内存（RSS）：${(peakRss / 1024 / 1024).toFixed(0)} MB`);
}
