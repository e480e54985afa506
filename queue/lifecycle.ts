// The case life cycle (STYLE 8): every status change goes through `transition`.
// intake → queued → claimed → mediating → resolved | referred | unresolved → follow_up → closed,
// with release back to the queue and reopen after a poor result.

export const CASE_STATUSES = [
  "intake",
  "queued",
  "claimed",
  "mediating",
  "resolved",
  "referred",
  "unresolved",
  "follow_up",
  "closed",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_LABELS: Record<CaseStatus, string> = {
  intake: "受理中",
  queued: "待认领",
  claimed: "已认领",
  mediating: "调解中",
  resolved: "调解成功",
  referred: "已移送",
  unresolved: "调解未果",
  follow_up: "回访中",
  closed: "已结案",
};

/** What the resident reads about their case. */
export const STATUS_TEXT_FOR_RESIDENT: Record<CaseStatus, string> = {
  intake: "您的事项正在登记。",
  queued: "已登记，正在等待工作人员接手。",
  claimed: "工作人员已接手，会尽快与您联系。",
  mediating: "调解员已接手，正在调解。",
  resolved: "调解已达成一致，稍后会有回访。",
  referred: "已移送相关部门办理，稍后会有回访。",
  unresolved: "本次调解未能达成一致，工作人员会告知您后续途径。",
  follow_up: "正在回访，了解您对处理结果是否满意。",
  closed: "已办结。感谢您的配合。",
};

export type CaseEvent =
  | { type: "submit" }
  | { type: "claim" }
  | { type: "release" }
  | { type: "start" }
  | { type: "resolve" }
  | { type: "refer" }
  | { type: "fail" }
  | { type: "follow_up" }
  | { type: "close" }
  | { type: "reopen" };

export type CaseEventType = CaseEvent["type"];
export const CASE_EVENTS = [
  "submit",
  "claim",
  "release",
  "start",
  "resolve",
  "refer",
  "fail",
  "follow_up",
  "close",
  "reopen",
] as const satisfies readonly CaseEventType[];

export type Transition = { ok: true; status: CaseStatus } | { ok: false; reason: string };

const EVENT_LABELS: Record<CaseEventType, string> = {
  submit: "提交到队列",
  claim: "认领",
  release: "退回队列",
  start: "开始调解",
  resolve: "登记调解成功",
  refer: "移送",
  fail: "登记调解未果",
  follow_up: "开始回访",
  close: "结案",
  reopen: "重新办理",
};

const ENDED: readonly CaseStatus[] = ["resolved", "referred", "unresolved"];

function refuse(status: CaseStatus, event: CaseEventType, hint: string): Transition {
  return { ok: false, reason: `案件当前状态为“${STATUS_LABELS[status]}”，不能${EVENT_LABELS[event]}：${hint}` };
}

/**
 * The one transition function. Illegal moves are refused with a Chinese reason.
 * @example transition("queued", { type: "claim" }) // { ok: true, status: "claimed" }
 */
export function transition(status: CaseStatus, event: CaseEvent): Transition {
  const to = (next: CaseStatus): Transition => ({ ok: true, status: next });
  switch (event.type) {
    case "submit":
      return status === "intake" ? to("queued") : refuse(status, event.type, "只有受理中的案件可以提交。");
    case "claim":
      return status === "queued" ? to("claimed") : refuse(status, event.type, "只有待认领的案件可以认领。");
    case "release":
      return status === "claimed" || status === "mediating"
        ? to("queued")
        : refuse(status, event.type, "只有已认领或调解中的案件可以退回。");
    case "start":
      return status === "claimed" ? to("mediating") : refuse(status, event.type, "请先认领案件。");
    case "resolve":
    case "refer":
    case "fail": {
      const next = event.type === "resolve" ? "resolved" : event.type === "refer" ? "referred" : "unresolved";
      return status === "claimed" || status === "mediating"
        ? to(next)
        : refuse(status, event.type, "只有已认领或调解中的案件可以登记处理结果。");
    }
    case "follow_up":
      return ENDED.includes(status) ? to("follow_up") : refuse(status, event.type, "请先登记处理结果。");
    case "close":
      return status === "follow_up" ? to("closed") : refuse(status, event.type, "结案前需要先完成回访。");
    case "reopen":
      return ENDED.includes(status) || status === "follow_up" || status === "closed"
        ? to("queued")
        : refuse(status, event.type, "案件仍在办理中，无需重新办理。");
    default: {
      const unknown: never = event;
      throw new Error(`unknown case event ${JSON.stringify(unknown)}`);
    }
  }
}

/** Statuses in which the case is still someone's work (shown in the queue by default). */
export const OPEN_STATUSES: readonly CaseStatus[] = ["queued", "claimed", "mediating"];

export function isOpen(status: CaseStatus): boolean {
  return status !== "closed";
}
