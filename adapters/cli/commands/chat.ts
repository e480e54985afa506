// `yizhan chat`: the intake dialogue in the terminal, on the same engine and database.
// `--script FILE` plays one resident message per line and prints the whole conversation.
import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import type { OutboundMessage, ResidentIdentity } from "../../../bot/types.js";
import { relayStaffMessages } from "../../intake/outbox-relay.js";
import { createIntakeRuntime, type IntakeRuntime } from "../../intake/runtime.js";
import { announceClaim } from "../../intake/claim-notices.js";
import { claimNoticeFor, parseScript, renderReply, renderStep, staffMessageFor, stepToInbound, buttonFor } from "../../intake/script.js";
import { openServices, type Services } from "../../runtime/services.js";
import type { CliContext } from "../context.js";

export function registerChatCommands(program: Command, ctx: CliContext): void {
  program
    .command("chat")
    .description("在终端里和一站对话（与 Telegram、网页聊天同一个对话引擎，案件写入数据库）")
    .option("--script <file>", "按行播放居民消息（[2] 表示点第 2 个按钮），打印整段对话")
    .action(async (options: { script?: string }) => {
      const services = await openServices(ctx.config());
      try {
        const runtime = createIntakeRuntime(services);
        if (options.script) await playScript(services, runtime, await readFile(options.script, "utf8"), ctx);
        else await interactive(services, runtime, ctx);
      } finally {
        await services.close();
      }
    });
}

async function playScript(services: Services, first: IntakeRuntime, source: string, ctx: CliContext): Promise<void> {
  const who: ResidentIdentity = { residentKey: `terminal:script-${randomBytes(4).toString("hex")}`, channel: "terminal" };
  const history: OutboundMessage[] = [];
  let runtime = first;
  for (const step of parseScript(source)) {
    ctx.out(`${renderStep(step, history)}\n`);
    if (step.kind === "staff") {
      const { replies } = await runtime.intake.staffMessage(staffMessageFor(step, who.residentKey, history));
      for (const reply of replies) ctx.out(`${renderReply(reply)}\n`);
      history.push(...replies);
      continue;
    }
    if (step.kind === "claim") {
      // As the queue does when a person claims the case: the notice is kept, then sent here.
      const id = await announceClaim(services.store, claimNoticeFor(step, who.residentKey, history));
      await runtime.intake.deliverClaimNotice(id, async (_key, replies) => {
        for (const reply of replies) ctx.out(`${renderReply(reply)}\n`);
        history.push(...replies);
      });
      continue;
    }
    const inbound = stepToInbound(step, history);
    if (!inbound) {
      // A restart: a new engine and runner over the same store and database.
      runtime = createIntakeRuntime(services);
      continue;
    }
    const replies = await runtime.intake.handle(who, inbound);
    for (const reply of replies) ctx.out(`${renderReply(reply)}\n`);
    history.push(...replies);
    // A resident takes a while to type the next line: a second reader's answer (LLM_BASE_URL) lands
    // first, so a script plays the same way every time.
    await runtime.intake.idle();
  }
}

async function interactive(services: Services, runtime: IntakeRuntime, ctx: CliContext): Promise<void> {
  const who: ResidentIdentity = { residentKey: `terminal:${safeUser()}`, channel: "terminal" };
  const history: OutboundMessage[] = [];
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  ctx.out("（输入消息后回车；数字选择按钮；输入 /quit 退出）\n");
  const show = (replies: OutboundMessage[]) => {
    for (const reply of replies) ctx.out(`${renderReply(reply)}\n`);
    history.push(...replies);
  };
  // Staff writing and claims reach the terminal too (with a shared store: Redis and PostgreSQL).
  const deliver = async (_key: string, replies: OutboundMessage[]) => show(replies);
  const relay = await relayStaffMessages({ store: services.store, intake: runtime.intake, logger: services.logger, channel: "terminal", deliver });
  const kept = setInterval(() => void runtime.intake.deliverPendingClaimNotices("terminal", deliver).catch(() => undefined), 5_000);
  kept.unref();
  try {
    for (;;) {
      const line = (await rl.question("居民：")).trim();
      if (line === "/quit" || line === "/exit") break;
      if (line === "") continue;
      const number = /^\d$/.test(line) ? buttonFor(Number(line), history) : undefined;
      show(await runtime.intake.handle(who, number ? { kind: "button", value: number.value } : { kind: "text", text: line }));
    }
  } finally {
    clearInterval(kept);
    await relay();
    rl.close();
  }
}

function safeUser(): string {
  try {
    return userInfo().username.replace(/[^\w-]/g, "") || "local";
  } catch {
    return "local";
  }
}
