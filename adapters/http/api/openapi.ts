// The OpenAPI 3.1 description of /api, with request bodies generated from the zod schemas.
import { z } from "zod";
import { transcriptBody } from "../transcript-filing.js";
import { colourBody, loginBody, messageBody, progressBody, reassignBody, recordBody, statusBody } from "./schemas.js";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

const json = (s: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(s) } } });

const errors = {
  "401": { description: "未登录" },
  "403": { description: "无权限（角色或管辖范围），或缺少 CSRF 令牌" },
  "404": { description: "未找到案件" },
  "409": { description: "状态冲突（如已被他人认领、非法状态变更），说明见 error" },
  "422": { description: "请求内容不合格，说明见 error" },
};

const ok = (description: string) => ({ "200": { description, content: { "application/json": { schema: { type: "object" } } } } });

const caseRef = { name: "ref", in: "path", required: true, description: "案件编号（如 ZZ-2026-000123）或 id", schema: { type: "string" } };

function post(summary: string, body: z.ZodType | null, description: string) {
  return {
    post: {
      summary,
      parameters: [caseRef],
      ...(body ? { requestBody: json(body) } : {}),
      responses: { ...ok(description), ...errors },
    },
  };
}

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "一站 Yizhan 工作台接口",
      version: "0.1.0",
      description:
        "调解队列与案件办理。先 POST /api/login 取得会话 Cookie（httpOnly）与 csrfToken；之后所有 POST 请求须带请求头 x-csrf-token。",
    },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "yizhan_session" },
        csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
      },
    },
    security: [{ session: [], csrf: [] }],
    paths: {
      "/api/login": {
        post: {
          summary: "登录",
          security: [],
          requestBody: json(loginBody),
          responses: {
            ...ok("staff 与 csrfToken"),
            "401": { description: "用户名或密码不正确" },
            "403": { description: "请求来源不可信（跨站请求）" },
            "415": { description: "请求须为 application/json" },
            "429": { description: "失败次数过多，暂时锁定；Retry-After 给出秒数" },
          },
        },
      },
      "/api/logout": { post: { summary: "退出登录", responses: ok("已退出") } },
      "/api/me": { get: { summary: "当前账号与 csrfToken", responses: ok("staff") } },
      "/api/queue": {
        get: {
          summary: "案件队列（最紧急在前：颜色，然后时间）",
          parameters: [
            { name: "color", in: "query", description: "逗号分隔：red,orange,yellow,blue", schema: { type: "string" } },
            { name: "status", in: "query", description: "逗号分隔；默认 queued,claimed,mediating", schema: { type: "string" } },
            { name: "domain", in: "query", schema: { type: "string", enum: ["medical", "marital", "neighbor", "financial", "campus", "other"] } },
            { name: "township", in: "query", description: "乡镇 id；none 表示未识别乡镇", schema: { type: "string" } },
            { name: "mine", in: "query", description: "1：只看我认领的", schema: { type: "string" } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200 } },
            { name: "offset", in: "query", schema: { type: "integer", minimum: 0 } },
          ],
          responses: { ...ok("{ cases: CaseSummary[] }"), ...errors },
        },
      },
      "/api/cases/{ref}": { get: { summary: "案件详情（按角色打码）", parameters: [caseRef], responses: { ...ok("{ case, contactVisible, audit }"), ...errors } } },
      "/api/cases/{ref}/similar": {
        get: {
          summary: "相似案件：与本案相近、已有处理结果的以往案件（需配置向量模型；只含您可查看的案件，按角色打码）",
          parameters: [caseRef, { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 20 } }],
          responses: { ...ok("{ enabled: false } 或 { enabled: true, cases: SimilarCase[] }"), ...errors, "503": { description: "向量模型暂不可用" } },
        },
      },
      "/api/cases/{ref}/claim": post("认领（并发时只有一人成功）", null, "{ case }"),
      "/api/cases/{ref}/progress": post("登记进度（六个一·进度表）", progressBody, "{ case }"),
      "/api/cases/{ref}/status": post("变更状态（开始调解、登记结果、回访结案、退回、重新办理）", statusBody, "{ case }"),
      "/api/cases/{ref}/colour": post("确认或调整风险颜色（须填理由，留痕）", colourBody, "{ case }"),
      "/api/cases/{ref}/record": post("更新“六个一”", recordBody, "{ case }"),
      "/api/cases/{ref}/messages": post("通过群众原渠道发消息", messageBody, "{ delivered: true }"),
      "/api/cases/{ref}/reassign": post("改派", reassignBody, "{ case }"),
      "/api/transcripts/preview": { post: { summary: "来电记录分流预览", requestBody: json(transcriptBody), responses: { ...ok("{ triage }"), ...errors } } },
      "/api/transcripts": { post: { summary: "登记来电为案件", requestBody: json(transcriptBody), responses: { "201": { description: "{ case: FiledCase }" }, ...errors } } },
      "/api/events": { get: { summary: "实时更新（text/event-stream）", responses: { "200": { description: "事件 case、ping" } } } },
    },
  };
}
