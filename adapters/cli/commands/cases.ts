import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { UsageError } from "../errors.js";
import { openDatabase } from "../../db/database.js";
import { CASE_STATUSES, STATUS_LABELS, type CaseStatus } from "../../../queue/lifecycle.js";
import { COLOUR_LABELS } from "../../../knowledge/colours.js";
import { DOMAIN_LABELS } from "../../../nlp/types.js";
import { loadKnowledge } from "../../../knowledge/load.js";
import { formatTime } from "../../china-time.js";

export function registerCasesCommand(program: Command, ctx: CliContext): void {
  program
    .command("cases")
    .description("列出案件（最紧急在前）")
    .option("--json", "以 JSON 输出（number, status, colour, domain, township, created）")
    .option("-s, --status <status>", `只看某一状态：${CASE_STATUSES.join("、")}`)
    .option("-l, --limit <n>", "最多条数", "100")
    .action(async (opts: { json?: boolean; status?: string; limit: string }) => {
      if (opts.status && !(CASE_STATUSES as readonly string[]).includes(opts.status)) {
        throw new UsageError(`未知状态“${opts.status}”。可选：${CASE_STATUSES.join("、")}`);
      }
      const limit = Number.parseInt(opts.limit, 10);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError("--limit 应为正整数。");
      const config = ctx.config();
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const rows = await db.prisma.case.findMany({
          ...(opts.status ? { where: { status: opts.status as CaseStatus } } : {}),
          orderBy: [{ color: "asc" }, { createdAt: "asc" }],
          take: limit,
          select: { number: true, status: true, color: true, domain: true, townshipId: true, createdAt: true },
        });
        const cases = rows.map((r) => ({
          number: r.number,
          status: r.status,
          colour: r.color,
          domain: r.domain,
          township: r.townshipId,
          created: r.createdAt.toISOString(),
        }));
        if (opts.json) {
          ctx.out(`${JSON.stringify(cases, null, 2)}\n`);
          return;
        }
        if (cases.length === 0) ctx.out("暂无案件。\n");
        const places = loadKnowledge(config.knowledgeDir).placeById;
        for (const r of rows) {
          const township = r.townshipId ? (places.get(r.townshipId)?.name ?? r.townshipId) : "地点未识别";
          ctx.out(`${r.number}\t${COLOUR_LABELS[r.color]}\t${STATUS_LABELS[r.status]}\t${DOMAIN_LABELS[r.domain]}\t${township}\t${formatTime(r.createdAt)}\n`);
        }
      } finally {
        await db.close();
      }
    });
}
