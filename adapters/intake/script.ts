/**
 * Scripted conversations (`yizhan chat --script FILE`, and the tests of every channel):
 * one resident message per line. `[2]` presses the second button of the last message that
 * had buttons; `@photo NAME`, `@document NAME`, `@voice`, `@sticker`, `@location` send a
 * non-text message; `@restart` restarts the process between two messages; `@staff 调解员 李明：…`
 * is a staff member writing to the resident (through the queue's outbox); `@claim 调解员 李明` is a
 * staff member taking the case (the resident is told, claim-notices.ts); `#` lines are
 * comments (`#= key: value` lines are expectations for the tests).
 */
import type { InboundMessage, OutboundMessage } from "../../bot/types.js";
import type { ResidentClaimNotice, ResidentOutboxMessage } from "../../queue/case-desk.js";

export type ScriptStep =
  | { kind: "say"; text: string }
  | { kind: "press"; index: number }
  | { kind: "file"; file: "photo" | "document"; name: string }
  | { kind: "unsupported"; what: "voice" | "sticker" | "location" | "video" }
  | { kind: "restart" }
  | { kind: "staff"; fromLabel: string; text: string }
  | { kind: "claim"; fromLabel: string };

export function parseScript(source: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const press = /^\[(\d+)\]$/.exec(line);
    if (press) {
      steps.push({ kind: "press", index: Number(press[1]) });
      continue;
    }
    const staff = /^@staff\s+([^：:]+)[：:]\s*(.+)$/.exec(line);
    if (staff) {
      steps.push({ kind: "staff", fromLabel: staff[1]!.trim(), text: staff[2]!.trim() });
      continue;
    }
    const claim = /^@claim\s+(.+)$/.exec(line);
    if (claim) {
      steps.push({ kind: "claim", fromLabel: claim[1]!.trim() });
      continue;
    }
    const directive = /^@(photo|document|voice|sticker|location|video|restart)(?:\s+(.*))?$/.exec(line);
    if (directive) {
      const name = directive[1]!;
      if (name === "restart") steps.push({ kind: "restart" });
      else if (name === "photo" || name === "document") steps.push({ kind: "file", file: name, name: directive[2] ?? (name === "photo" ? "照片" : "文件") });
      else steps.push({ kind: "unsupported", what: name as "voice" | "sticker" | "location" | "video" });
      continue;
    }
    steps.push({ kind: "say", text: line });
  }
  return steps;
}

/** Expectations of a conversation fixture: `#= key: value` lines. */
export function parseExpectations(source: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const raw of source.split(/\r?\n/)) {
    const m = /^#=\s*([\w-]+)\s*:\s*(.*)$/.exec(raw.trim());
    if (m) (out[m[1]!] ??= []).push(m[2]!.trim());
  }
  return out;
}

/** The button a `[n]` step presses: one of the last message's buttons (a stale press is a script error). */
export function buttonFor(index: number, history: readonly OutboundMessage[]): { label: string; value: string } | undefined {
  return history[history.length - 1]?.buttons?.[index - 1];
}

/** A `@staff` step as the queue's outbox carries it, to the case whose number the resident was shown last. */
export function staffMessageFor(step: Extract<ScriptStep, { kind: "staff" }>, residentKey: string, history: readonly OutboundMessage[]): ResidentOutboxMessage {
  const numbers = history.flatMap((r) => r.text.match(/ZZ-\d{4}-\d+/g) ?? []);
  const caseNumber = numbers.at(-1);
  if (!caseNumber) throw new Error("@staff 之前还没有案件编号");
  return { residentKey, caseNumber, text: step.text, fromLabel: step.fromLabel, at: new Date().toISOString() };
}

/** A `@claim` step as the queue announces it, for the case whose number the resident was shown last. */
export function claimNoticeFor(step: Extract<ScriptStep, { kind: "claim" }>, residentKey: string, history: readonly OutboundMessage[]): ResidentClaimNotice {
  const caseNumber = history.flatMap((r) => r.text.match(/ZZ-\d{4}-\d+/g) ?? []).at(-1);
  if (!caseNumber) throw new Error("@claim 之前还没有案件编号");
  return { kind: "claimed", residentKey, caseNumber, fromLabel: step.fromLabel, at: new Date().toISOString() };
}

/** A step as the dialogue's channel interface sees it (restart and staff steps have no resident message). */
export function stepToInbound(step: Exclude<ScriptStep, { kind: "staff" | "claim" }>, history: readonly OutboundMessage[]): InboundMessage | null {
  switch (step.kind) {
    case "say":
      return { kind: "text", text: step.text };
    case "press": {
      const button = buttonFor(step.index, history);
      if (!button) throw new Error(`第 ${step.index} 个按钮不存在：上一条消息没有这么多按钮`);
      return { kind: "button", value: button.value };
    }
    case "file":
      return { kind: "file", file: step.file, ref: `script:${step.name}`, name: step.name };
    case "unsupported":
      return { kind: "unsupported", what: step.what };
    case "restart":
      return null;
  }
}

/** How the terminal prints what Yizhan says. */
export function renderReply(reply: OutboundMessage): string {
  const lines = reply.text.split("\n");
  const head = `一站：${lines[0]}`;
  const rest = lines.slice(1).map((l) => `      ${l}`);
  const buttons = (reply.buttons ?? []).map((b, i) => `      [${i + 1}] ${b.label}`);
  return [head, ...rest, ...buttons].join("\n");
}

export function renderStep(step: ScriptStep, history: readonly OutboundMessage[]): string {
  switch (step.kind) {
    case "say":
      return `居民：${step.text}`;
    case "press":
      return `居民：[${step.index}] ${buttonFor(step.index, history)?.label ?? "?"}`;
    case "file":
      return `居民：（发送${step.file === "photo" ? "照片" : "文件"}：${step.name}）`;
    case "unsupported":
      return `居民：（发送${{ voice: "语音", sticker: "表情", location: "位置", video: "视频" }[step.what]}）`;
    case "restart":
      return "—— 进程重启 ——";
    case "staff":
      return `${step.fromLabel}（工作人员）：${step.text}`;
    case "claim":
      return `—— ${step.fromLabel}（工作人员）认领了案件 ——`;
  }
}
