import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { startServing, stopOnSignals } from "../../runtime/serve.js";
import { serveFeatures } from "../../runtime/features.js";
import { firstAdminFor } from "../../runtime/queue-runtime.js";

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description("启动 Yizhan 主服务（网页聊天、工作台、接口；未配置时使用内置数据库与内存存储）")
    .action(async () => {
      const config = ctx.config();
      const serving = await startServing(config, serveFeatures);
      const admin = await firstAdminFor(serving.services);
      if (admin) ctx.out(`首次启动：已创建管理员账号 ${admin.username}，密码 ${admin.password}（只显示这一次，请立即妥善保存）。\n`);
      const { logger, db, store } = serving.services;
      logger.info(
        { url: serving.http.url, database: db.kind, store: store.kind, dataDir: config.dataDir },
        "Yizhan is serving",
      );
      ctx.out(
        [
          `Yizhan（一站）已启动：${serving.http.url}`,
          `  数据库：${db.kind === "pglite" ? `内置 PGlite（${config.dataDir}）` : "PostgreSQL"}；会话存储：${store.kind === "memory" ? "内存" : "Redis"}`,
          `  群众网页聊天：${serving.http.url}/chat`,
          `  工作台（调解员、坐席、领导）：${serving.http.url}/console`,
          `  接口说明：${serving.http.url}/api/openapi.json`,
          `  健康检查：${serving.http.url}/healthz  就绪检查：${serving.http.url}/readyz`,
          "按 Ctrl+C 停止。",
          "",
        ].join("\n"),
      );
      await new Promise<void>((resolve) => stopOnSignals(serving, resolve));
    });
}
