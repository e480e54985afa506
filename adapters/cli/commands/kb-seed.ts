import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { openDatabase } from "../../db/database.js";
import { syncCatalogue } from "../../db/catalogue-repository.js";
import { loadKnowledge } from "../../../knowledge/load.js";

/** `yizhan kb seed`: writes the catalogue into the database (also done at every start). */
export function registerKbSeedCommand(kb: Command, ctx: CliContext): void {
  kb.command("seed")
    .description("把服务目录写入数据库（目录改动后执行；移除的服务标记为停用，已有案件不受影响）")
    .action(async () => {
      const config = ctx.config();
      const knowledge = loadKnowledge(config.knowledgeDir);
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const report = await syncCatalogue(db.prisma, knowledge);
        const d = report.deactivated;
        ctx.out(
          `已写入 ${db.kind}：${report.categories} 个类别、${report.services} 项服务、${report.agencies} 个单位。` +
            (d.categories + d.services + d.agencies > 0
              ? `\n已停用目录中不再有的：${d.categories} 个类别、${d.services} 项服务、${d.agencies} 个单位。\n`
              : "\n"),
        );
      } finally {
        await db.close();
      }
    });
}
