// The queue's use cases: file, list, open, claim, release, reassign, record, message,
// move through the life cycle, change colour, escalate. Every rule comes from the pure
// modules (lifecycle, access, colours, escalation); storage and outlets are ports.
import { caseRecordFor, type CatalogueLookup } from "./filing.js";
import { DOMAIN_LABELS, type Domain, type RiskAssessment } from "../nlp/types.js";
import {
  canChangeColour,
  canClaim,
  canReassign,
  canView,
  canWork,
  jurisdictionFilter,
  ROLE_LABELS,
  seesContact,
  type Actor,
  type CaseScope,
} from "./access.js";
import type { CaseDesk, CaseStatusView, EvidenceRef, FiledCase, NewCase } from "./case-desk.js";
import { COLOUR_LABELS, firstResponseDue, isLower, type ColourRules, type RiskColor } from "./colours.js";
import { escalate } from "./escalation.js";
import { STATUS_LABELS, STATUS_TEXT_FOR_RESIDENT, transition, type CaseEvent as LifecycleEvent, type CaseStatus } from "./lifecycle.js";
import { maskCase, maskText } from "./masking.js";
import { fail, ok, type Outcome } from "./outcome.js";
import type {
  AuditEntry,
  CaseDetail,
  CaseEventBus,
  CaseRepository,
  CaseSummary,
  Clock,
  QueueQuery,
  ResidentOutbox,
  SixOnes,
} from "./ports.js";

export type { CatalogueLookup };

export interface CaseServiceDeps {
  cases: CaseRepository;
  rules: ColourRules;
  events: CaseEventBus;
  outbox: ResidentOutbox;
  clock?: Clock;
  catalogue?: CatalogueLookup;
}

export interface QueueFilter {
  colors?: RiskColor[];
  domain?: Domain;
  townshipId?: string;
  statuses?: CaseStatus[];
  mine?: boolean;
  limit?: number;
  offset?: number;
}

export interface CaseView {
  case: CaseDetail;
  /** False when contact details and the story are masked for this viewer. */
  contactVisible: boolean;
  audit: AuditEntry[];
}

/** Outcome events a person may ask for from the console or the API. */
export type StatusRequest =
  | { event: "start" }
  | { event: "resolve" | "refer" | "fail"; outcome: string }
  | { event: "follow_up" }
  | { event: "close"; satisfaction: number; note?: string }
  | { event: "reopen"; reason: string }
  | { event: "release" };

export type CaseService = ReturnType<typeof createCaseService>;

const systemClock: Clock = { now: () => new Date() };

export function createCaseService(deps: CaseServiceDeps) {
  const { cases, rules, events } = deps;
  const clock = deps.clock ?? systemClock;

  const scopeOf = (c: CaseDetail | CaseSummary): CaseScope => ({
    townshipId: c.townshipId,
    color: c.color,
    status: c.status,
    claimedById: c.claimedById,
    ownerRole: c.ownerRole,
  });

  async function notify(type: "filed" | "updated" | "escalated" | "resident_message", c: CaseSummary | CaseDetail, status?: CaseStatus) {
    await events.publish({
      type,
      caseId: c.id,
      number: c.number,
      color: c.color,
      status: status ?? c.status,
      townshipId: c.townshipId,
      ownerRole: c.ownerRole,
      at: clock.now().toISOString(),
    });
  }

  /** Loads a case and checks a rule; the not-found and forbidden answers in one place. */
  async function load(actor: Actor, ref: string, rule: (a: Actor, s: CaseScope) => { ok: true } | { ok: false; reason: string }) {
    const found = await cases.find(ref);
    if (!found) return fail<CaseDetail>("not_found", "未找到该案件。");
    const decision = rule(actor, scopeOf(found));
    if (!decision.ok) return fail<CaseDetail>("forbidden", decision.reason);
    return ok(found);
  }

  async function fileCase(input: NewCase, filedBy: Actor | null = null): Promise<FiledCase> {
    const now = clock.now();
    const { record, about, ownerTitle } = caseRecordFor(input, { rules, now, filedById: filedBy?.id ?? input.filedBy ?? null, ...(deps.catalogue ? { catalogue: deps.catalogue } : {}) });
    const { id, number } = await cases.insert(record, {
      actorId: filedBy?.id ?? null,
      action: "filed",
      detail: {
        channel: input.channel,
        color: record.color,
        domain: record.domain,
        reasons: input.triage.risk.reasons.map((r) => r.explanation),
      },
    });
    await events.publish({
      type: "filed",
      caseId: id,
      number,
      color: record.color,
      status: record.status,
      townshipId: record.townshipId,
      ownerRole: record.ownerRole,
      at: now.toISOString(),
    });
    return {
      id,
      number,
      color: record.color,
      status: record.status,
      ...(about.studioName ? { studioName: about.studioName } : {}),
      ...(about.serviceName ? { serviceName: about.serviceName } : {}),
      agencyNames: about.agencyNames,
      ownerTitle,
      firstResponseDue: record.firstResponseDue,
    };
  }

  async function listQueue(actor: Actor, filter: QueueFilter = {}): Promise<Outcome<CaseSummary[]>> {
    const jurisdiction = jurisdictionFilter(actor);
    if (jurisdiction !== null && filter.townshipId !== undefined && filter.townshipId !== jurisdiction) {
      return fail("forbidden", "您只能查看本乡镇的案件。");
    }
    const query: QueueQuery = {
      limit: Math.min(Math.max(filter.limit ?? 50, 1), 200),
      offset: filter.offset ?? 0,
      ...(filter.colors?.length ? { colors: filter.colors } : {}),
      ...(filter.domain ? { domain: filter.domain } : {}),
      statuses: filter.statuses?.length ? filter.statuses : ["queued", "claimed", "mediating"],
      ...(filter.mine ? { claimedById: actor.id } : {}),
    };
    const township = jurisdiction ?? filter.townshipId;
    if (township !== undefined) query.townshipId = township;
    const rows = await cases.list(query);
    return ok(rows.map((r) => ({ ...r, headline: maskText(r.headline) })));
  }

  async function getCase(actor: Actor, ref: string): Promise<Outcome<CaseView>> {
    const loaded = await load(actor, ref, canView);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    if (c.color === "red") {
      await cases.appendAudit(c.id, { actorId: actor.id, action: "viewed", detail: { role: actor.role } });
    }
    const visible = seesContact(actor, scopeOf(c));
    return ok({ case: visible ? c : maskCase(c), contactVisible: visible, audit: await cases.auditTrail(c.id) });
  }

  async function claim(actor: Actor, ref: string): Promise<Outcome<CaseDetail>> {
    const loaded = await load(actor, ref, canClaim);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    if (c.claimedById !== null && c.claimedById !== actor.id) {
      return fail("conflict", `该案件已被${c.claimedByName ?? "其他同事"}认领。`);
    }
    const moved = transition(c.status, { type: "claim" });
    if (!moved.ok) return fail("conflict", moved.reason);
    const result = await cases.claim(c.id, actor.id, clock.now());
    if (!result.ok) {
      return fail(
        "conflict",
        result.claimedByName ? `该案件已被${result.claimedByName}认领。` : `案件状态已变为“${STATUS_LABELS[result.status]}”，无法认领。`,
      );
    }
    await notify("updated", c, "claimed");
    return ok({ ...c, status: "claimed", claimedById: actor.id, claimedByName: actor.displayName });
  }

  async function move(actor: Actor, c: CaseDetail, event: LifecycleEvent, patch: Parameters<CaseRepository["move"]>[3], detail: Record<string, unknown>) {
    const next = transition(c.status, event);
    if (!next.ok) return fail<CaseDetail>("conflict", next.reason);
    const action = event.type === "release" ? "released" : "status_changed";
    const moved = await cases.move(c.id, c.status, next.status, patch, {
      actorId: actor.id,
      action,
      detail: { from: c.status, to: next.status, ...detail },
    });
    if (!moved) return fail<CaseDetail>("conflict", "案件刚被其他同事更新，请刷新后再试。");
    await notify("updated", c, next.status);
    return ok({ ...c, status: next.status });
  }

  async function changeStatus(actor: Actor, ref: string, request: StatusRequest): Promise<Outcome<CaseDetail>> {
    const loaded = await load(actor, ref, request.event === "release" ? canReassign : canWork);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    const now = clock.now();
    switch (request.event) {
      case "start":
        return move(actor, c, { type: "start" }, {}, {});
      case "release":
        return move(actor, c, { type: "release" }, { claimedById: null, claimedAt: null }, {});
      case "resolve":
      case "refer":
      case "fail": {
        if (request.outcome.trim().length < 2) return fail("invalid", "请填写处理结果。");
        return move(actor, c, { type: request.event }, { outcome: request.outcome.trim() }, { outcome: request.outcome.trim() });
      }
      case "follow_up":
        return move(actor, c, { type: "follow_up" }, {}, {});
      case "close": {
        if (!Number.isInteger(request.satisfaction) || request.satisfaction < 1 || request.satisfaction > 5) {
          return fail("invalid", "满意度应为 1 到 5 的整数。");
        }
        // A result reported to the parties goes through the satisfaction visit first.
        let current = c;
        if (current.status !== "follow_up") {
          const visit = await move(actor, current, { type: "follow_up" }, {}, {});
          if (!visit.ok) return visit;
          current = visit.value;
        }
        return move(
          actor,
          current,
          { type: "close" },
          { satisfaction: request.satisfaction, closedAt: now },
          { satisfaction: request.satisfaction, note: request.note ?? null },
        );
      }
      case "reopen": {
        if (request.reason.trim().length < 2) return fail("invalid", "重新办理需要填写原因。");
        const policy = rules[c.color];
        return move(
          actor,
          c,
          { type: "reopen" },
          { claimedById: null, claimedAt: null, closedAt: null, firstResponseDue: firstResponseDue(rules, c.color, now), ownerRole: policy.owner, escalationLevel: 0 },
          { reason: request.reason.trim() },
        );
      }
    }
  }

  async function reassign(actor: Actor, ref: string, toStaff: Actor): Promise<Outcome<CaseDetail>> {
    const loaded = await load(actor, ref, canReassign);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    if (c.status !== "claimed" && c.status !== "mediating") return fail("conflict", "只有办理中的案件可以改派。");
    const target = canClaim(toStaff, scopeOf(c));
    if (!target.ok) return fail("invalid", `不能改派给${toStaff.displayName}：${target.reason}`);
    await cases.update(
      c.id,
      { claimedById: toStaff.id, claimedAt: clock.now() },
      { actorId: actor.id, action: "reassigned", detail: { from: c.claimedById, to: toStaff.id, toName: toStaff.displayName } },
    );
    await notify("updated", c);
    return ok({ ...c, claimedById: toStaff.id, claimedByName: toStaff.displayName });
  }

  async function addProgress(actor: Actor, ref: string, text: string): Promise<Outcome<CaseDetail>> {
    const loaded = await load(actor, ref, canWork);
    if (!loaded.ok) return loaded;
    let c = loaded.value;
    const entry = text.trim();
    if (entry.length === 0) return fail("invalid", "进度内容不能为空。");
    if (c.status === "claimed") {
      // The first progress entry means mediation has begun.
      const started = await move(actor, c, { type: "start" }, {}, { auto: "first_progress" });
      if (started.ok) c = started.value;
    } else if (c.status !== "mediating") {
      return fail("conflict", `案件当前状态为“${STATUS_LABELS[c.status]}”，不能再登记进度。`);
    }
    await cases.addProgress(c.id, actor.id, entry, clock.now());
    await notify("updated", c);
    return ok(c);
  }

  async function updateRecord(actor: Actor, ref: string, sixOnes: Partial<SixOnes>): Promise<Outcome<CaseDetail>> {
    const loaded = await load(actor, ref, canWork);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    const clean: Partial<SixOnes> = {};
    for (const [key, value] of Object.entries(sixOnes) as [keyof SixOnes, string | null | undefined][]) {
      if (value === undefined) continue;
      const v = value === null ? null : value.trim();
      clean[key] = v === "" ? null : v;
    }
    await cases.update(c.id, { sixOnes: clean }, { actorId: actor.id, action: "record_updated", detail: { fields: Object.keys(clean) } });
    return ok({ ...c, ...clean });
  }

  /** A resident's later message raised the danger: the colour goes up at once, audited, by no person. */
  async function raiseFromMessage(found: CaseDetail, risk: RiskAssessment): Promise<void> {
    const patch = {
      color: risk.color,
      ownerRole: rules[risk.color].owner,
      escalationLevel: 0,
      firstResponseDue: new Date(Math.min(found.firstResponseDue.getTime(), firstResponseDue(rules, risk.color, clock.now()).getTime())),
    };
    await cases.update(found.id, patch, {
      actorId: null,
      action: "colour_changed",
      detail: {
        from: found.color,
        to: risk.color,
        kind: "raised",
        reason: "居民后续消息出现新的风险信号",
        signals: risk.reasons.map((r) => ({ criterion: r.criterion, words: r.words })),
      },
    });
    await notify("updated", { ...found, ...patch });
  }

  async function changeColour(
    actor: Actor,
    ref: string,
    change: { to: RiskColor; reason: string; confirmLowerRed?: boolean },
  ): Promise<Outcome<CaseDetail>> {
    const found = await cases.find(ref);
    if (!found) return fail("not_found", "未找到该案件。");
    const view = canView(actor, scopeOf(found));
    if (!view.ok) return fail("forbidden", view.reason);
    const decision = canChangeColour(actor, scopeOf(found), { ...change, confirmLowerRed: change.confirmLowerRed === true });
    if (!decision.ok) return fail(change.reason.trim().length < 2 ? "invalid" : "forbidden", decision.reason);
    const now = clock.now();
    const policy = rules[change.to];
    const confirmed = change.to === found.color ? "confirmed" : isLower(change.to, found.color) ? "lowered" : "raised";
    const patch =
      change.to === found.color
        ? {}
        : {
            color: change.to,
            ownerRole: policy.owner,
            escalationLevel: 0,
            // Raising shortens the deadline; lowering keeps the earlier one if it is sooner.
            firstResponseDue: new Date(Math.min(firstResponseDue(rules, change.to, found.createdAt).getTime(), Math.max(found.firstResponseDue.getTime(), now.getTime()))),
          };
    await cases.update(found.id, patch, {
      actorId: actor.id,
      action: "colour_changed",
      detail: {
        from: found.color,
        to: change.to,
        kind: confirmed,
        reason: change.reason.trim(),
        ...(found.color === "red" && change.to !== "red" ? { lowerRedConfirmedBy: actor.displayName } : {}),
      },
    });
    const updated = { ...found, ...patch };
    await notify("updated", updated);
    return ok(updated);
  }

  async function messageResident(actor: Actor, ref: string, text: string): Promise<Outcome<{ delivered: true }>> {
    const loaded = await load(actor, ref, canWork);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    const body = text.trim();
    if (body.length === 0) return fail("invalid", "消息内容不能为空。");
    const at = clock.now();
    await cases.addMessage(c.id, { author: "staff", staffId: actor.id, text: body, at }, {
      actorId: actor.id,
      action: "message_sent",
      detail: { channel: c.channel, length: body.length },
    });
    await deps.outbox.send({
      residentKey: c.residentKey,
      caseNumber: c.number,
      text: body,
      fromLabel: `${ROLE_LABELS[actor.role]} ${actor.displayName}`,
      at,
    });
    return ok({ delivered: true });
  }

  /** One tick of the escalation job: every overdue unclaimed case one level up. */
  async function escalateOverdue(limit = 200): Promise<{ escalated: string[] }> {
    const now = clock.now();
    const escalated: string[] = [];
    for (const c of await cases.overdue(now, limit)) {
      const step = escalate(rules, c, now);
      if (!step) continue;
      const done = await cases.escalate(
        c.id,
        c.escalationLevel,
        { escalationLevel: step.escalationLevel, ownerRole: step.ownerRole, firstResponseDue: step.firstResponseDue, escalatedAt: now },
        { actorId: null, action: "escalated", detail: { level: step.escalationLevel, ownerTitle: step.ownerTitle, overdueSince: c.firstResponseDue.toISOString() } },
      );
      if (!done) continue;
      escalated.push(c.number);
      await events.publish({
        type: "escalated",
        caseId: c.id,
        number: c.number,
        color: c.color,
        status: c.status,
        townshipId: c.townshipId,
        ownerRole: step.ownerRole,
        at: now.toISOString(),
      });
    }
    return { escalated };
  }

  function statusView(c: CaseDetail): CaseStatusView {
    return {
      number: c.number,
      status: c.status,
      statusText: STATUS_TEXT_FOR_RESIDENT[c.status],
      color: c.color,
      ...(c.claimedByName ? { claimedBy: c.claimedByName } : {}),
      updatedAt: c.updatedAt,
    };
  }

  /** The CaseDesk port the intake dialogue files through. */
  const desk: CaseDesk = {
    fileCase: (input) => fileCase(input),
    async appendResidentMessage(caseNumber, message) {
      const c = await cases.find(caseNumber);
      if (!c) throw new Error(`no case ${caseNumber}`);
      await cases.addMessage(c.id, { author: "resident", staffId: null, text: message.text, at: message.at }, {
        actorId: null,
        action: "resident_message",
        detail: { length: message.text.length },
      });
      await notify("resident_message", c);
      if (message.risk && isLower(c.color, message.risk.color)) await raiseFromMessage(c, message.risk);
    },
    async attachEvidence(caseNumber: string, evidence: EvidenceRef) {
      const c = await cases.find(caseNumber);
      if (!c) throw new Error(`no case ${caseNumber}`);
      await cases.addEvidence(c.id, evidence, { actorId: null, action: "evidence_added", detail: { kind: evidence.kind, name: evidence.name } });
      await notify("updated", c);
    },
    async statusForResident(caseNumber, residentKey) {
      const c = await cases.find(caseNumber);
      return c && c.residentKey === residentKey ? statusView(c) : null;
    },
    async latestForResident(residentKey) {
      const c = await cases.latestForResident(residentKey, true);
      return c ? statusView(c) : null;
    },
  };

  return {
    desk,
    fileCase,
    listQueue,
    getCase,
    claim,
    changeStatus,
    reassign,
    addProgress,
    updateRecord,
    changeColour,
    messageResident,
    escalateOverdue,
  };
}

/** Chinese labels the console and API reuse. */
export const LABELS = { status: STATUS_LABELS, colour: COLOUR_LABELS, domain: DOMAIN_LABELS, role: ROLE_LABELS };
