// The `yizhan` command line. Each command group lives in commands/; this file only
// assembles them and turns failures into one readable message and an exit code.
import { pathToFileURL } from "node:url";
import { Command } from "commander";
import { createCliContext } from "./context.js";
import { reportFailure } from "./errors.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerDbCommands } from "./commands/db.js";
import { registerCasesCommand } from "./commands/cases.js";
import { registerStaffCommands } from "./commands/staff.js";
import { registerChatCommands } from "./commands/chat.js";
import { registerKbCommands } from "./commands/kb.js";
import { registerKbSeedCommand } from "./commands/kb-seed.js";
import { registerTriageCommands } from "./commands/triage.js";
import { registerEmbeddingsCommands } from "./commands/embeddings.js";
import { trainedModelPath } from "../runtime/triager.js";

export function buildProgram(ctx = createCliContext()): Command {
  const program = new Command("yizhan")
    .description("一站 Yizhan：县综治中心矛盾纠纷智能分流助手")
    .version("0.1.0", "-v, --version", "显示版本")
    .helpOption("-h, --help", "显示帮助")
    .helpCommand("help [command]", "显示某个命令的帮助")
    .showHelpAfterError("（使用 yizhan --help 查看用法）");
  registerServeCommand(program, ctx);
  registerDbCommands(program, ctx);
  registerCasesCommand(program, ctx);
  registerStaffCommands(program, ctx);
  registerChatCommands(program, ctx);
  registerKbSeedCommand(registerKbCommands(program, () => ctx.config().knowledgeDir), ctx);
  registerEmbeddingsCommands(program, ctx);
  // Getters: the configuration is read only when a triage command runs.
  registerTriageCommands(program, {
    get knowledgeDir() {
      return ctx.config().knowledgeDir;
    },
    get trainedModelPath() {
      return trainedModelPath(ctx.config());
    },
    get llm() {
      return ctx.config().llm;
    },
  });
  return program;
}

/** Runs one command and ends the process: drivers (PGlite, ioredis) may keep handles open briefly after close. */
export async function main(argv: string[]): Promise<never> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
  process.exit();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv);
