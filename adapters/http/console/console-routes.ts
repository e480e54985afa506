// The console under /console: server-rendered pages, forms that post and redirect back.
// Each handler only translates the form into a queue-service call.
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { DOMAINS } from "../../../nlp/types.js";
import { CASE_STATUSES } from "../../../queue/lifecycle.js";
import { hasResidentChannel } from "../../../queue/case-desk.js";
import { RISK_COLORS, type ColourRules } from "../../../knowledge/colours.js";
import { currentOwner } from "../../../queue/colours.js";
import type { Outcome } from "../../../queue/outcome.js";
import type { HttpModule } from "../app.js";
import { sameOriginOnly } from "../auth/origin-check.js";
import { logIn, logOut, requireStaff, type AuthEnv } from "../auth/staff-auth.js";
import { colourBody, statusBody } from "../api/schemas.js";
import { STATUS_OF } from "../outcome-status.js";
import type { QueueHttpDeps } from "../queue-deps.js";
import { fileTranscript, previewTranscript, transcriptCorrections } from "../transcript-filing.js";
import type { EvidenceFiles } from "../../webchat/evidence-files.js";
import { casePage } from "./case-page.js";
import type { SimilarSection } from "./similar-cases-section.js";
import type { Actor } from "../../../queue/access.js";
import { layout } from "./layout.js";
import { loginPage, operatorPage } from "./operator-page.js";
import { queuePage } from "./queue-page.js";
import { openStaffAlerts } from "../staff-alert-feed.js";

type Form = Record<string, string>;

async function form(c: Context): Promise<Form> {
  const parsed = await c.req.parseBody();
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === "string"));
}

const notice = (c: Context) => ({ ok: c.req.query("ok"), error: c.req.query("error") });

function back(c: Context, path: string, outcome: Outcome<unknown>, okText: string) {
  if (!outcome.ok && (outcome.error === "forbidden" || outcome.error === "not_found")) {
    return c.html(errorPage(outcome.message), STATUS_OF[outcome.error]);
  }
  const q = outcome.ok ? `ok=${encodeURIComponent(okText)}` : `error=${encodeURIComponent(outcome.message)}`;
  return c.redirect(`${path}?${q}`, 303);
}

function errorPage(message: string) {
  return layout({ title: "无法打开", page: "error", body: html`<div class="card flash err" role="alert">${message}</div><p><a href="/console">返回案件队列</a></p>` });
}

const filterQuery = z.object({
  color: z.enum(RISK_COLORS).optional().catch(undefined),
  domain: z.enum(DOMAINS).optional().catch(undefined),
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  township: z.string().trim().min(1).max(100).optional().catch(undefined),
  mine: z.string().optional(),
});

/** The case page waits this long for 相似案件 (the first search after a start may still be loading the model). */
const SIMILAR_WAIT_MS = 2_000;

export function consoleModule(deps: QueueHttpDeps & { rules: ColourRules; publicOrigin?: string; evidence?: EvidenceFiles }): HttpModule {
  const { rules } = deps;

  /** 相似案件 for the case page: the page opens without them when the reader fails or is still loading. */
  async function similarFor(actor: Actor, caseId: string): Promise<SimilarSection> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => { timer = setTimeout(() => resolve("late"), SIMILAR_WAIT_MS); });
    try {
      const answer = await Promise.race([deps.service.similarCases(actor, caseId), late]);
      if (answer === "late") return { enabled: true, unavailable: true };
      return answer.ok ? answer.value : { enabled: false };
    } catch (error) {
      deps.logger.warn({ err: error, reader: "embeddings" }, "相似案件检索失败");
      return { enabled: true, unavailable: true };
    } finally {
      clearTimeout(timer);
    }
  }

  return (app) => {
    const web = new Hono<AuthEnv>();
    // Origin check for every form post (login included), on top of the session token. Answered
    // here rather than with hono/csrf, whose HTTPException the app's error handler turns into a 500.
    web.use("*", sameOriginOnly(deps.publicOrigin, (c) => c.html(errorPage("请求来源不可信，请从工作台页面重新操作。"), 403)));

    web.get("/login", (c) => c.html(loginPage({})));
    web.post("/login", async (c) => {
      const f = await form(c);
      const result = await logIn(deps.auth, c, f.username ?? "", f.password ?? "");
      if (!result.ok) {
        if (result.reason === "locked") c.header("Retry-After", String(result.retryAfterSeconds));
        return c.html(loginPage({ error: result.message, username: f.username ?? "" }), result.reason === "locked" ? 429 : 401);
      }
      return c.redirect("/console", 303);
    });

    const staff = new Hono<AuthEnv>();
    staff.use("*", requireStaff(deps.auth, (c) => c.redirect("/console/login", 303)));

    staff.post("/logout", async (c) => {
      await logOut(deps.auth, c);
      return c.redirect("/console/login", 303);
    });

    staff.get("/", async (c) => {
      const f = filterQuery.parse(c.req.query());
      const mine = f.mine === "1";
      const result = await deps.service.listQueue(c.var.actor, {
        ...(f.color ? { colors: [f.color] } : {}),
        ...(f.domain ? { domain: f.domain } : {}),
        ...(f.township ? { townshipId: f.township } : {}),
        ...(f.status ? { statuses: [f.status] } : mine ? { statuses: ["claimed", "mediating", "resolved", "referred", "unresolved", "follow_up"] } : {}),
        mine,
        limit: 100,
      });
      if (!result.ok) return c.html(errorPage(result.message), STATUS_OF[result.error]);
      return c.html(
        queuePage({
          actor: c.var.actor,
          csrf: c.var.csrf,
          cases: result.value,
          townships: deps.townships,
          filter: { ...f, mine },
          notice: notice(c),
          now: new Date(),
          alerts: await openStaffAlerts(deps.store).catch(() => []),
        }),
      );
    });

    staff.get("/cases/:ref", async (c) => {
      const result = await deps.service.getCase(c.var.actor, c.req.param("ref"));
      if (!result.ok) return c.html(errorPage(result.message), STATUS_OF[result.error]);
      const k = result.value.case;
      const similar = await similarFor(c.var.actor, k.id);
      return c.html(
        casePage({
          actor: c.var.actor,
          csrf: c.var.csrf,
          view: result.value,
          similar,
          townshipName: k.townshipId ? (deps.townships.find((t) => t.id === k.townshipId)?.name ?? k.townshipId) : null,
          ownerTitle: currentOwner(rules, k.color, k.escalationLevel).ownerTitle,
          notice: notice(c),
          now: new Date(),
        }),
      );
    });

    // A file the resident sent from the web chat: only for staff who may open the case itself.
    staff.get("/cases/:ref/evidence/:index{[0-9]+}", async (c) => {
      const result = await deps.service.getCase(c.var.actor, c.req.param("ref"));
      if (!result.ok) return c.html(errorPage(result.message), STATUS_OF[result.error]);
      const item = result.value.case.evidence[Number(c.req.param("index"))];
      const file = item && deps.evidence ? await deps.evidence.open(item.ref) : null;
      if (!item || !file) return c.html(errorPage("这份材料找不到了，或不是通过网页发来的。"), 404);
      c.header("Content-Type", file.mime);
      c.header("Content-Disposition", `inline; filename*=UTF-8''${encodeURIComponent(item.name)}`);
      c.header("Cache-Control", "private, no-store");
      return c.body(new Uint8Array(file.bytes));
    });

    const casePath = (c: Context) => `/console/cases/${encodeURIComponent(c.req.param("ref") ?? "")}`;

    staff.post("/cases/:ref/claim", async (c) => {
      const claimed = await deps.service.claim(c.var.actor, c.req.param("ref"));
      // Said as it is: a resident with a channel will be told (the case log shows when it was sent);
      // a hotline caller has no channel and hears nothing unless someone calls.
      const told = claimed.ok && hasResidentChannel(claimed.value)
        ? "认领成功。一站会在居民的聊天渠道告诉对方您已接手，送达后记在对话记录里。请尽快联系当事人。"
        : "认领成功。这位居民没有在线聊天渠道（热线来电），系统不会通知对方，请直接打电话联系。";
      return back(c, casePath(c), claimed, told);
    });

    staff.post("/cases/:ref/progress", async (c) => {
      const f = await form(c);
      return back(c, casePath(c), await deps.service.addProgress(c.var.actor, c.req.param("ref"), f.text ?? ""), "进度已登记。");
    });

    staff.post("/cases/:ref/record", async (c) => {
      const f = await form(c);
      const pick = (k: string) => (f[k] === undefined ? undefined : f[k]);
      const result = await deps.service.updateRecord(c.var.actor, c.req.param("ref"), {
        leadLeader: pick("leadLeader"),
        mediationOrg: pick("mediationOrg"),
        liaisonUnit: pick("liaisonUnit"),
        plan: pick("plan"),
        briefing: pick("briefing"),
      });
      return back(c, casePath(c), result, "“六个一”已保存。");
    });

    staff.post("/cases/:ref/message", async (c) => {
      const f = await form(c);
      return back(c, casePath(c), await deps.service.messageResident(c.var.actor, c.req.param("ref"), f.text ?? ""), "消息已发出。");
    });

    staff.post("/cases/:ref/colour", async (c) => {
      const f = await form(c);
      const parsed = colourBody.safeParse({ color: f.color, reason: f.reason ?? "", confirmLowerRed: f.confirmLowerRed === "1" });
      if (!parsed.success) return back(c, casePath(c), { ok: false, error: "invalid", message: parsed.error.issues.map((i) => i.message).join("；") }, "");
      const { color, reason, confirmLowerRed } = parsed.data;
      return back(
        c,
        casePath(c),
        await deps.service.changeColour(c.var.actor, c.req.param("ref"), { to: color, reason, confirmLowerRed: confirmLowerRed === true }),
        "风险颜色已保存并留痕。",
      );
    });

    staff.post("/cases/:ref/status", async (c) => {
      const f = await form(c);
      const parsed = statusBody.safeParse(f);
      if (!parsed.success) return back(c, casePath(c), { ok: false, error: "invalid", message: parsed.error.issues.map((i) => i.message).join("；") }, "");
      const result = await deps.service.changeStatus(c.var.actor, c.req.param("ref"), parsed.data);
      if (result.ok && parsed.data.event === "release") return c.redirect(`/console?ok=${encodeURIComponent(`${result.value.number} 已退回队列。`)}`, 303);
      return back(c, casePath(c), result, "状态已更新。");
    });

    staff.get("/operator", (c) =>
      c.html(operatorPage({ actor: c.var.actor, csrf: c.var.csrf, text: "", preview: null, townships: deps.townships, notice: notice(c) })),
    );

    staff.post("/operator/preview", async (c) => {
      const f = await form(c);
      const text = (f.text ?? "").trim();
      if (text.length < 5) {
        return c.html(operatorPage({ actor: c.var.actor, csrf: c.var.csrf, text, preview: null, townships: deps.townships, notice: { error: "请粘贴通话记录。" } }), 422);
      }
      const preview = await previewTranscript(deps, c.var.actor, text);
      if (!preview.ok) return c.html(errorPage(preview.message), 403);
      return c.html(operatorPage({ actor: c.var.actor, csrf: c.var.csrf, text, preview: preview.triage, townships: deps.townships, notice: {} }));
    });

    staff.post("/operator/file", async (c) => {
      const f = await form(c);
      const text = (f.text ?? "").trim();
      const corrections = transcriptCorrections.safeParse(Object.fromEntries(Object.entries(f).filter(([k, v]) => k !== "text" && k !== "_csrf" && v.trim() !== "")));
      const fail = (message: string) =>
        c.html(
          operatorPage({ actor: c.var.actor, csrf: c.var.csrf, text, preview: text.length >= 5 ? deps.triager.triageTranscript(text) : null, townships: deps.townships, notice: { error: message } }),
          422,
        );
      if (text.length < 5) return fail("请粘贴通话记录。");
      if (!corrections.success) return fail(corrections.error.issues.map((i) => i.message).join("；"));
      const result = await fileTranscript(deps, c.var.actor, text, corrections.data);
      if (!result.ok) return result.error === "forbidden" ? c.html(errorPage(result.message), 403) : fail(result.message);
      return c.redirect(`/console/cases/${result.filed.number}?ok=${encodeURIComponent(`已登记为案件 ${result.filed.number}。`)}`, 303);
    });

    web.route("/", staff);
    app.route("/console", web);
  };
}
