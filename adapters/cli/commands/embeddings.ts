import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { UsageError } from "../errors.js";
import type { Config } from "../../config.js";
import { openDatabase } from "../../db/database.js";
import { loadKnowledge } from "../../../knowledge/load.js";

const NOT_CONFIGURED = "未配置向量模型：请把 EMBEDDINGS_MODEL_DIR 设为模型文件夹（见 README“向量检索与相似案件”）。";

/** The reader on this process's database; transformers.js is imported only here, when a command runs. */
async function withReader<T>(config: Config, work: (reader: import("../../embeddings/reader.js").EmbeddingsReader, kind: string) => Promise<T>): Promise<T> {
  const modelDir = config.embeddings.modelDir;
  if (modelDir === undefined) throw new UsageError(NOT_CONFIGURED);
  const knowledge = loadKnowledge(config.knowledgeDir);
  const [{ createEmbeddingsReader }, { createPrismaEmbeddingStore }] = await Promise.all([import("../../embeddings/reader.js"), import("../../db/embedding-repository.js")]);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(createEmbeddingsReader({ modelDir, knowledge, store: createPrismaEmbeddingStore(db.prisma) }), db.kind);
  } finally {
    await db.close();
  }
}

/** `yizhan embeddings index | search`: the optional embeddings reader (adapters/embeddings/). */
export function registerEmbeddingsCommands(program: Command, ctx: CliContext): void {
  const embeddings = program.command("embeddings").description("向量检索（需配置 EMBEDDINGS_MODEL_DIR）：建立索引、混合检索服务");

  embeddings.command("index")
    .description("为服务目录和案件生成向量并存入数据库（只处理新增案件和改动过的服务；换模型后全部重建）")
    .action(async () => {
      const r = await withReader(ctx.config(), async (reader) => reader.index());
      ctx.out(
        `向量模型 ${r.model}（${r.dimensions} 维）\n` +
          `服务：新生成 ${r.services.embedded} 项，沿用 ${r.services.kept} 项${r.services.removed ? `，删除已移出目录的 ${r.services.removed} 项` : ""}\n` +
          `案件：新生成 ${r.cases.embedded} 件\n用时 ${(r.ms / 1000).toFixed(1)} 秒\n`,
      );
    });

  embeddings.command("search <text>")
    .description("按群众描述混合检索服务：关键词（BM25）与语义相近（向量）按名次融合")
    .option("--limit <n>", "返回条数", "5").option("--json", "输出 JSON")
    .action(async (text: string, o: { limit: string; json?: boolean }) => {
      const limit = Math.max(1, Number.parseInt(o.limit, 10) || 5);
      const hits = await withReader(ctx.config(), (reader) => reader.search(text, { limit }));
      if (o.json) {
        ctx.out(`${JSON.stringify(hits.map((h) => ({ id: h.service.id, name: h.service.name.zh, score: h.score, similarity: h.similarity, via: h.via, evidence: h.evidence })), null, 2)}\n`);
        return;
      }
      if (hits.length === 0) { ctx.out("没有找到相关服务，请换个说法描述一下您的问题。\n"); return; }
      const VIA = { keywords: "关键词", meaning: "语义相近" } as const;
      hits.forEach((h, i) => {
        const words = [...new Set(h.evidence.map((e) => e.term))].join("、");
        ctx.out(`${i + 1}. ${h.service.name.zh}  [${h.service.id}]  ${h.via.map((v) => VIA[v]).join(" + ")}${h.similarity === undefined ? "" : `（相似度 ${h.similarity.toFixed(2)}）`}\n`);
        if (words) ctx.out(`   匹配：${words}\n`);
      });
    });
}
