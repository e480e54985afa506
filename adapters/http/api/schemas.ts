// Request bodies of the JSON API, validated at the edge (zod); also the source of the OpenAPI description.
import { z } from "zod";
import { RISK_COLORS } from "../../../knowledge/colours.js";
import { DOMAINS } from "../../../nlp/types.js";
import { CASE_STATUSES } from "../../../queue/lifecycle.js";

export const colour = z.enum(RISK_COLORS);

export const loginBody = z.object({
  username: z.string().trim().min(1, "请输入用户名。").max(100),
  password: z.string().min(1, "请输入密码。").max(200),
});

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(values)).optional());

export const queueQuery = z.object({
  color: csv(RISK_COLORS),
  status: csv(CASE_STATUSES),
  domain: z.enum(DOMAINS).optional(),
  township: z.string().trim().min(1).max(100).optional(),
  mine: z
    .enum(["1", "true", "0", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true"),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
});

export const progressBody = z.object({ text: z.string().trim().min(1, "进度内容不能为空。").max(5000) });

export const statusBody = z.discriminatedUnion("event", [
  z.object({ event: z.literal("start") }),
  z.object({ event: z.literal("release") }),
  z.object({ event: z.literal("follow_up") }),
  z.object({ event: z.enum(["resolve", "refer", "fail"]), outcome: z.string().trim().min(2, "请填写处理结果。").max(5000) }),
  z.object({ event: z.literal("close"), satisfaction: z.coerce.number().int().min(1).max(5), note: z.string().trim().max(2000).optional() }),
  z.object({ event: z.literal("reopen"), reason: z.string().trim().min(2, "请填写原因。").max(2000) }),
]);

export const colourBody = z.object({
  color: colour,
  reason: z.string().trim().min(2, "调整风险颜色必须填写理由。").max(1000),
  confirmLowerRed: z.boolean().optional(),
});

export const recordBody = z.object({
  leadLeader: z.string().max(200).nullable().optional(),
  mediationOrg: z.string().max(200).nullable().optional(),
  liaisonUnit: z.string().max(200).nullable().optional(),
  plan: z.string().max(5000).nullable().optional(),
  briefing: z.string().max(5000).nullable().optional(),
});

export const messageBody = z.object({ text: z.string().trim().min(1, "消息内容不能为空。").max(2000) });

export const reassignBody = z.object({ staffId: z.string().uuid() });
