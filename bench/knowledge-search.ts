/** Benchmark: mean microseconds per service search of a ~200-character resident message. */
import { loadKnowledge } from "../knowledge/load.js";
import { createServiceSearch } from "../knowledge/search.js";

const MESSAGE =
  "你好，我是马蹄沟镇的，想反映个事情。我家楼上那户去年搬来以后天天半夜放音乐蹦迪，吵得我们一家老小都睡不着觉，" +
  "我爸八十多了心脏不好，被吵得血压都高了。我们上去敲门说了好几次，他们不但不听还骂人，说自己家想干啥就干啥。" +
  "后来又从他家卫生间往我家顶上漏水，天花板都发霉了，找物业也说管不了，村委会调解过一次也没用。" +
  "现在实在没办法了，想问问该找哪个部门，能不能帮我们调解一下，要带什么材料过去？";

/** Runs several timed rounds; each run is the mean µs per search over many searches. */
export async function benchKnowledgeSearch(): Promise<{ name: string; runs: number[]; unit: string }[]> {
  const search = createServiceSearch(loadKnowledge());
  const perRun = 2000;
  for (let i = 0; i < 300; i++) search.search(MESSAGE); // warm up
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perRun; i++) search.search(MESSAGE);
    runs.push(Number(process.hrtime.bigint() - t0) / 1000 / perRun);
  }
  return [{ name: `knowledge search, ${MESSAGE.length}-char message (mean per search)`, runs, unit: "µs" }];
}
