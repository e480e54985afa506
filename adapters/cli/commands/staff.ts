import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { UsageError } from "../errors.js";
import { openDatabase } from "../../db/database.js";
import { createPrismaStaffRepository } from "../../db/staff-repository.js";
import { hashPassword, passwordProblem, randomPassword } from "../../http/auth/passwords.js";
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from "../../../queue/access.js";
import { loadKnowledge } from "../../../knowledge/load.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

export function registerStaffCommands(program: Command, ctx: CliContext): void {
  const staff = program.command("staff").description("工作人员账号");

  staff
    .command("add")
    .description("新增工作人员账号（不指定密码时生成随机密码并只显示一次）")
    .requiredOption("-u, --username <username>", "登录用户名")
    .requiredOption("-n, --name <name>", "显示姓名，如 王芳")
    .requiredOption("-r, --role <role>", `角色：${STAFF_ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join("、")}`)
    .option("-t, --township <id>", "管辖乡镇 id（不填为全县）")
    .option("--password-stdin", "从标准输入读取密码")
    .action(async (opts: { username: string; name: string; role: string; township?: string; passwordStdin?: boolean }) => {
      if (!(STAFF_ROLES as readonly string[]).includes(opts.role)) {
        throw new UsageError(`未知角色“${opts.role}”。可选：${STAFF_ROLES.join("、")}`);
      }
      const password = opts.passwordStdin ? await readStdin() : randomPassword();
      const problem = passwordProblem(password);
      if (problem) throw new UsageError(problem);
      const config = ctx.config();
      if (opts.township !== undefined) {
        const townships = loadKnowledge(config.knowledgeDir).places.filter((p) => p.kind !== "village");
        if (!townships.some((t) => t.id === opts.township)) {
          throw new UsageError(`未知乡镇“${opts.township}”。可选：${townships.map((t) => `${t.id}（${t.name}）`).join("、")}`);
        }
      }
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const repo = createPrismaStaffRepository(db.prisma);
        if (await repo.findByUsername(opts.username)) throw new UsageError(`用户名“${opts.username}”已存在。`);
        const created = await repo.create({
          username: opts.username,
          displayName: opts.name,
          passwordHash: await hashPassword(password),
          role: opts.role as StaffRole,
          townshipId: opts.township ?? null,
        });
        ctx.out(`已创建账号 ${created.username}（${ROLE_LABELS[created.role]} ${created.displayName}${created.townshipId ? `，乡镇 ${created.townshipId}` : "，全县"}）。\n`);
        if (!opts.passwordStdin) ctx.out(`初始密码：${password}（只显示这一次）\n`);
      } finally {
        await db.close();
      }
    });

  staff
    .command("list")
    .description("列出工作人员账号")
    .option("--json", "以 JSON 输出")
    .action(async (opts: { json?: boolean }) => {
      const config = ctx.config();
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const rows = (await createPrismaStaffRepository(db.prisma).list()).map(({ passwordHash: _h, ...rest }) => rest);
        if (opts.json) ctx.out(`${JSON.stringify(rows, null, 2)}\n`);
        else for (const r of rows) ctx.out(`${r.username}\t${ROLE_LABELS[r.role]}\t${r.displayName}\t${r.townshipId ?? "全县"}${r.active ? "" : "\t（停用）"}\n`);
      } finally {
        await db.close();
      }
    });
}
