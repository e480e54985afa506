import type { Command } from "commander";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { CliContext } from "../context.js";
import { openDatabase } from "../../db/database.js";
import { createMigration } from "../../db/migrations.js";

export function registerDbCommands(program: Command, ctx: CliContext): void {
  const db = program.command("db").description("数据库维护");

  db.command("migrate")
    .description("把 prisma/migrations 中尚未执行的迁移应用到当前数据库")
    .action(async () => {
      const config = ctx.config();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = database.appliedMigrations;
        ctx.out(
          applied.length === 0
            ? `数据库（${database.kind}）已是最新，无需迁移。\n`
            : `已在 ${database.kind} 上应用 ${applied.length} 个迁移：\n${applied.map((n) => `  - ${n}`).join("\n")}\n`,
        );
      } finally {
        await database.close();
      }
    });

  db.command("new-migration")
    .argument("<name>", "迁移名称（英文，如 add_case_notes）")
    .description("根据 prisma/schema.prisma 的改动生成新的迁移文件夹（离线，使用内存中的影子库）")
    .action(async (name: string) => {
      // The shadow database only replays existing migrations; an in-memory PGlite does it offline.
      const shadow = await PGlite.create();
      try {
        const result = await createMigration(new PrismaPGlite(shadow), name);
        ctx.out(
          result.kind === "created"
            ? `已生成迁移 prisma/migrations/${result.name}/migration.sql，请检查后提交。\n`
            : "schema.prisma 与现有迁移一致，无需新迁移。\n",
        );
      } finally {
        await shadow.close();
      }
    });
}
