// The one place where a CLI command's failure becomes a message and an exit code.
import { ConfigError } from "../config.js";
import { EmbeddingsModelError } from "../embeddings/model-error.js";
import { DatabaseUnavailableError } from "../db/errors.js";
import { FolderInUseError } from "../db/folder-lock.js";
import { StoreUnavailableError } from "../store/open-store.js";
import { KnowledgeError, formatProblem } from "../../knowledge/errors.js";

/** Thrown by a command for a user mistake: the message is shown as it is. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function reportFailure(error: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (error instanceof ConfigError || error instanceof UsageError || error instanceof EmbeddingsModelError) {
    write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof KnowledgeError) {
    write(`服务目录有误，无法使用（可运行 yizhan kb check 查看）：\n${error.problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}\n`);
    return 2;
  }
  if (error instanceof FolderInUseError) {
    write(`${error.message}\n`);
    return 3;
  }
  if (error instanceof DatabaseUnavailableError || error instanceof StoreUnavailableError) {
    write(`${error.message}\n请检查连接地址与服务是否已启动。\n`);
    return 3;
  }
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  write(`发生意外错误：${message}\n如问题持续，请把以上信息和操作步骤交给技术人员。\n`);
  return 1;
}
