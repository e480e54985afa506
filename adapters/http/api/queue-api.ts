// The queue as JSON over HTTP under /api: the same operations as the console, the same
// rules (the service enforces them), bodies validated with zod, OpenAPI at /api/openapi.json.
import { Hono, type Context } from "hono";
import type { z } from "zod";
import type { Outcome } from "../../../queue/outcome.js";
import type { HttpModule } from "../app.js";
import { sameOriginOnly } from "../auth/origin-check.js";
import { logIn, logOut, requireStaff, type AuthEnv } from "../auth/staff-auth.js";
import { STATUS_OF } from "../outcome-status.js";
import type { QueueHttpDeps } from "../queue-deps.js";
import { fileTranscript, previewTranscript, transcriptBody } from "../transcript-filing.js";
import { caseEventsStream } from "../case-events-sse.js";
import { openApiDocument } from "./openapi.js";
import { colourBody, loginBody, messageBody, progressBody, queueQuery, reassignBody, recordBody, statusBody } from "./schemas.js";

async function body<T extends z.ZodType>(c: Context, schema: T): Promise<{ ok: true; value: z.output<T> } | { ok: false; response: Response }> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return { ok: false, response: c.json({ error: "请求内容应为 JSON。" }, 400) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, response: c.json({ error: parsed.error.issues.map((i) => i.message).join("；"), issues: parsed.error.issues }, 422) };
  }
  return { ok: true, value: parsed.data };
}

function isJson(c: Context): boolean {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json";
}

function answer<T>(c: Context, outcome: Outcome<T>, map: (value: T) => unknown = (v) => v): Response {
  return outcome.ok ? c.json(map(outcome.value) as object) : c.json({ error: outcome.message }, STATUS_OF[outcome.error]);
}

export function queueApi(deps: QueueHttpDeps & { publicOrigin?: string }): HttpModule {
  return (app) => {
    const api = new Hono<AuthEnv>();
    // The console's origin check on every state-changing call, login included (no login CSRF).
    api.use("*", sameOriginOnly(deps.publicOrigin, (c) => c.json({ error: "请求来源不可信，请从工作台页面重新操作。" }, 403)));

    api.get("/openapi.json", (c) => c.json(openApiDocument()));

    api.post("/login", async (c) => {
      // JSON only: a form or text/plain body is what a cross-site page can send without asking.
      if (!isJson(c)) return c.json({ error: "登录请求须为 JSON（Content-Type: application/json）。" }, 415);
      const b = await body(c, loginBody);
      if (!b.ok) return b.response;
      const result = await logIn(deps.auth, c, b.value.username, b.value.password);
      if (!result.ok) {
        if (result.reason === "locked") c.header("Retry-After", String(result.retryAfterSeconds));
        return c.json({ error: result.message }, result.reason === "locked" ? 429 : 401);
      }
      return c.json({ staff: result.actor, csrfToken: result.csrf });
    });

    const staffOnly = new Hono<AuthEnv>();
    staffOnly.use("*", requireStaff(deps.auth, (c) => c.json({ error: "请先登录。" }, 401)));

    staffOnly.post("/logout", async (c) => {
      await logOut(deps.auth, c);
      return c.json({ ok: true });
    });

    staffOnly.get("/me", (c) => c.json({ staff: c.var.actor, csrfToken: c.var.csrf }));

    staffOnly.get("/queue", async (c) => {
      const q = queueQuery.safeParse(c.req.query());
      if (!q.success) return c.json({ error: q.error.issues.map((i) => i.message).join("；") }, 422);
      const f = q.data;
      const result = await deps.service.listQueue(c.var.actor, {
        ...(f.color ? { colors: f.color } : {}),
        ...(f.status ? { statuses: f.status } : {}),
        ...(f.domain ? { domain: f.domain } : {}),
        ...(f.township ? { townshipId: f.township } : {}),
        mine: f.mine,
        ...(f.limit ? { limit: f.limit } : {}),
        ...(f.offset ? { offset: f.offset } : {}),
      });
      return answer(c, result, (cases) => ({ cases }));
    });

    staffOnly.get("/cases/:ref", async (c) => answer(c, await deps.service.getCase(c.var.actor, c.req.param("ref"))));

    staffOnly.get("/cases/:ref/similar", async (c) => {
      const limit = Math.min(Math.max(Number.parseInt(c.req.query("limit") ?? "5", 10) || 5, 1), 20);
      try {
        return answer(c, await deps.service.similarCases(c.var.actor, c.req.param("ref"), limit));
      } catch (error) {
        deps.logger.warn({ err: error, reader: "embeddings" }, "相似案件检索失败");
        return c.json({ error: "相似案件暂时无法检索（向量模型不可用），请稍后再试。" }, 503);
      }
    });

    staffOnly.post("/cases/:ref/claim", async (c) => answer(c, await deps.service.claim(c.var.actor, c.req.param("ref")), (v) => ({ case: v })));

    staffOnly.post("/cases/:ref/progress", async (c) => {
      const b = await body(c, progressBody);
      if (!b.ok) return b.response;
      return answer(c, await deps.service.addProgress(c.var.actor, c.req.param("ref"), b.value.text), (v) => ({ case: v }));
    });

    staffOnly.post("/cases/:ref/status", async (c) => {
      const b = await body(c, statusBody);
      if (!b.ok) return b.response;
      return answer(c, await deps.service.changeStatus(c.var.actor, c.req.param("ref"), b.value), (v) => ({ case: v }));
    });

    staffOnly.post("/cases/:ref/colour", async (c) => {
      const b = await body(c, colourBody);
      if (!b.ok) return b.response;
      const { color, reason, confirmLowerRed } = b.value;
      return answer(
        c,
        await deps.service.changeColour(c.var.actor, c.req.param("ref"), { to: color, reason, confirmLowerRed: confirmLowerRed === true }),
        (v) => ({ case: v }),
      );
    });

    staffOnly.post("/cases/:ref/record", async (c) => {
      const b = await body(c, recordBody);
      if (!b.ok) return b.response;
      return answer(c, await deps.service.updateRecord(c.var.actor, c.req.param("ref"), b.value), (v) => ({ case: v }));
    });

    staffOnly.post("/cases/:ref/messages", async (c) => {
      const b = await body(c, messageBody);
      if (!b.ok) return b.response;
      return answer(c, await deps.service.messageResident(c.var.actor, c.req.param("ref"), b.value.text));
    });

    staffOnly.post("/cases/:ref/reassign", async (c) => {
      const b = await body(c, reassignBody);
      if (!b.ok) return b.response;
      const target = await deps.auth.staff.findById(b.value.staffId);
      if (!target || !target.active) return c.json({ error: "未找到该工作人员。" }, 422);
      return answer(c, await deps.service.reassign(c.var.actor, c.req.param("ref"), target), (v) => ({ case: v }));
    });

    staffOnly.post("/transcripts/preview", async (c) => {
      const b = await body(c, transcriptBody);
      if (!b.ok) return b.response;
      const preview = await previewTranscript(deps, c.var.actor, b.value.text);
      return preview.ok ? c.json({ triage: preview.triage }) : c.json({ error: preview.message }, 403);
    });

    staffOnly.post("/transcripts", async (c) => {
      const b = await body(c, transcriptBody);
      if (!b.ok) return b.response;
      const result = await fileTranscript(deps, c.var.actor, b.value.text, b.value.corrections);
      return result.ok ? c.json({ case: result.filed }, 201) : c.json({ error: result.message }, result.error === "forbidden" ? 403 : 422);
    });

    staffOnly.get("/events", (c) => caseEventsStream(c, deps));

    api.route("/", staffOnly);
    app.route("/api", api);
  };
}
