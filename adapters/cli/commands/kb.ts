/** `yizhan kb …`: check, count, search and show the service catalogue. Only translates to the knowledge module. */
import type { Command } from "commander";
import { KnowledgeError, formatProblem } from "../../../knowledge/errors.js";
import { DEFAULT_KNOWLEDGE_DIR, checkKnowledge, knowledgeStats, loadKnowledge } from "../../../knowledge/load.js";
import { createServiceSearch } from "../../../knowledge/search.js";
import type { Knowledge, Service } from "../../../knowledge/types.js";

const FIELD_ZH = { name: "名称", description: "说明", examples: "示例", category: "类别", keywords: "关键词" } as const;
const PRESENCE_ZH = { stationed: "常驻", rotating: "轮驻", on_demand: "随需随驻", judicial: "政法进驻" } as const;

function print(line = ""): void { process.stdout.write(`${line}\n`); }

/** Load a catalogue for a read command; on an invalid one print every problem and return undefined. */
function loadOrReport(dir: string): Knowledge | undefined {
  try {
    return loadKnowledge(dir);
  } catch (e) {
    if (!(e instanceof KnowledgeError)) throw e;
    print(`服务目录有误，无法使用：${dir}（请先运行 kb check 查看）`);
    for (const p of e.problems) print(`  - ${formatProblem(p)}`);
    process.exitCode = 1;
    return undefined;
  }
}

function describeService(k: Knowledge, s: Service): string[] {
  const category = k.categoryById.get(s.categoryId)?.name.zh ?? s.categoryId;
  const agencies = s.agencyIds.map((id) => {
    const a = k.agencyById.get(id);
    if (a === undefined) return id;
    const windows = a.windowIds.map((w) => k.windows.find((x) => x.id === w)?.name ?? w).join("、");
    return `${a.name.zh}（${PRESENCE_ZH[a.presence]}${windows ? `，${windows}` : ""}）`;
  });
  const forces = s.forces.map((f) => k.forceById.get(f)?.name ?? f);
  const law = s.legalBasis.map((b) => `《${b.law.replace(/^《|》$/g, "")}》${b.article}`);
  return [
    `${s.name.zh}（${s.name.en}）  [${s.id}]`,
    `类别：${category}`,
    `服务内容：${s.description}`,
    `承办单位：${agencies.join("；")}`,
    `解纷力量：${forces.join("、")}`,
    `需带材料：${s.documents.join("、")}`,
    `办理时限：${s.timeLimit}`,
    `法律依据：${law.length > 0 ? law.join("；") : "无特定条文"}`,
    `群众常见说法：${s.examples.join("；")}`,
  ];
}

/**
 * Register `kb check|stats|search|show`. `defaultDir` is the catalogue folder from config (KNOWLEDGE_DIR);
 * a `[dir]` argument or `--dir` option overrides it.
 */
export function registerKbCommands(
  program: Command,
  defaultDir: string | (() => string | undefined) = DEFAULT_KNOWLEDGE_DIR,
): Command {
  const kb = program.command("kb").description("服务目录（知识库）：校验、统计、检索、查看、写入数据库");
  // Resolved lazily: the configured folder is only needed once a command runs.
  const fallback = (): string => (typeof defaultDir === "function" ? defaultDir() : defaultDir) ?? DEFAULT_KNOWLEDGE_DIR;
  const dirOf = (cmd: Command, arg?: string): string => arg ?? (cmd.optsWithGlobals()["dir"] as string | undefined) ?? fallback();

  kb.command("check [dir]").description("校验服务目录，列出所有问题").option("--dir <dir>", "目录文件夹")
    .action((dir: string | undefined, _o: unknown, cmd: Command) => {
      const folder = dirOf(cmd, dir);
      const r = checkKnowledge(folder);
      if (r.ok) {
        const s = r.stats;
        print(`校验通过：${folder}`);
        print(`${s.categories} 类 ${s.services} 项服务，${s.agencies} 个单位，${s.studios} 个工作室，${s.places} 个地名。`);
        return;
      }
      print(`校验未通过：${folder}，共 ${r.problems.length} 处问题（文件 › 条目 › 字段：问题）`);
      for (const p of r.problems) print(`  - ${formatProblem(p)}`);
      process.exitCode = 1;
    });

  kb.command("stats").description("统计类别、服务、单位、工作室、地名数量").option("--json", "输出 JSON").option("--dir <dir>", "目录文件夹")
    .action((o: { json?: boolean }, cmd: Command) => {
      const k = loadOrReport(dirOf(cmd));
      if (k === undefined) return;
      const s = knowledgeStats(k);
      if (o.json) { print(JSON.stringify(s, null, 2)); return; }
      const p = s.agenciesByPresence;
      print(`类别 ${s.categories}，服务 ${s.services}，单位 ${s.agencies}（常驻 ${p.stationed}、轮驻 ${p.rotating}、随需随驻 ${p.on_demand}、政法进驻 ${p.judicial}），工作室 ${s.studios}`);
      print(`功能区 ${s.areas}，窗口 ${s.windows}，解纷力量 ${s.forces}，地名 ${s.places}（镇街 ${s.townships}、村社区 ${s.villages}）`);
    });

  kb.command("search <text>").description("按群众描述检索服务（附匹配依据）")
    .option("--limit <n>", "返回条数", "5").option("--json", "输出 JSON").option("--dir <dir>", "目录文件夹")
    .action((text: string, o: { limit: string; json?: boolean }, cmd: Command) => {
      const k = loadOrReport(dirOf(cmd));
      if (k === undefined) return;
      const limit = Math.max(1, Number.parseInt(o.limit, 10) || 5);
      const hits = createServiceSearch(k).search(text, { limit });
      if (o.json) {
        print(JSON.stringify(hits.map((h) => ({ id: h.service.id, name: h.service.name.zh, score: h.score, evidence: h.evidence })), null, 2));
        return;
      }
      if (hits.length === 0) { print("没有找到相关服务，请换个说法描述一下您的问题。"); return; }
      hits.forEach((h, i) => {
        const ev = h.evidence.map((e) => `${e.term}（${FIELD_ZH[e.field]}）`).join("、");
        print(`${i + 1}. ${h.service.name.zh}  [${h.service.id}]  得分 ${h.score.toFixed(1)}`);
        print(`   匹配：${ev}`);
      });
    });

  kb.command("show <serviceId>").description("查看一项服务的详情").option("--json", "输出 JSON").option("--dir <dir>", "目录文件夹")
    .action((id: string, o: { json?: boolean }, cmd: Command) => {
      const k = loadOrReport(dirOf(cmd));
      if (k === undefined) return;
      const s = k.serviceById.get(id);
      if (s === undefined) { print(`没有编号为「${id}」的服务。可用 kb search 查找。`); process.exitCode = 1; return; }
      if (o.json) { print(JSON.stringify(s, null, 2)); return; }
      for (const line of describeService(k, s)) print(line);
    });
  return kb;
}
