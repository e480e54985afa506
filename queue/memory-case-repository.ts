// The in-memory twin of CaseRepository (STYLE 2): unit tests and the dialogue's tests
// run the same case service on it. One process only; nothing survives a restart.
import { formatCaseNumber } from "./case-number.js";
import { colourRank } from "../knowledge/colours.js";
import { headlineOf } from "./masking.js";
import type {
  AuditEntry,
  AuditInput,
  CaseDetail,
  CasePatch,
  CaseRecordInput,
  CaseRepository,
  QueueQuery,
  StaffRecord,
} from "./ports.js";

export function createMemoryCaseRepository(staff: { name(id: string): string | null } = { name: () => null }): CaseRepository {
  const cases = new Map<string, CaseDetail>();
  const audits = new Map<string, AuditEntry[]>();
  const counters = new Map<number, number>();
  const filingKeys = new Map<string, string>();
  /** Dedupe keys of messages and evidence already added (a replayed turn adds them once). */
  const usedKeys = new Set<string>();
  const firstUse = (key: string | undefined) => {
    if (key === undefined) return true;
    if (usedKeys.has(key)) return false;
    usedKeys.add(key);
    return true;
  };

  const byRef = (ref: string) => cases.get(ref) ?? [...cases.values()].find((c) => c.number === ref.trim().toUpperCase());
  const copy = (c: CaseDetail): CaseDetail => structuredClone(c);
  const log = (id: string, audit: AuditInput, at = new Date()) => {
    audits.get(id)?.push({ ...audit, actorName: audit.actorId ? staff.name(audit.actorId) : null, at });
  };
  const apply = (c: CaseDetail, patch: CasePatch) => {
    const { sixOnes, ...rest } = patch;
    Object.assign(c, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), sixOnes ?? {});
    if (patch.claimedById !== undefined) c.claimedByName = patch.claimedById ? staff.name(patch.claimedById) : null;
    c.updatedAt = new Date();
  };
  const matches = (c: CaseDetail, q: Omit<QueueQuery, "limit" | "offset">) =>
    (!q.statuses?.length || q.statuses.includes(c.status)) &&
    (!q.colors?.length || q.colors.includes(c.color)) &&
    (!q.domain || c.domain === q.domain) &&
    (q.townshipId === undefined || c.townshipId === (q.townshipId === "none" ? null : q.townshipId)) &&
    (!q.claimedById || c.claimedById === q.claimedById);

  return {
    async insert(record: CaseRecordInput, audit: AuditInput) {
      const already = record.filingKey ? [...cases.values()].find((c) => filingKeys.get(c.id) === record.filingKey) : undefined;
      if (already) return { id: already.id, number: already.number };
      const year = record.createdAt.getFullYear();
      const seq = (counters.get(year) ?? 0) + 1;
      counters.set(year, seq);
      const id = crypto.randomUUID();
      const number = formatCaseNumber(year, seq);
      cases.set(id, {
        id,
        number,
        channel: record.channel,
        status: record.status,
        color: record.color,
        domain: record.domain,
        urgent: record.urgent,
        townshipId: record.townshipId,
        ownerRole: record.ownerRole,
        claimedById: null,
        claimedByName: null,
        escalationLevel: 0,
        firstResponseDue: record.firstResponseDue,
        createdAt: record.createdAt,
        headline: headlineOf(record.story),
        leadLeader: null,
        mediationOrg: null,
        liaisonUnit: null,
        plan: null,
        briefing: record.briefing,
        residentKey: record.residentKey,
        residentName: record.residentName,
        residentPhone: record.residentPhone,
        preferredContact: record.preferredContact,
        language: record.language,
        story: record.story,
        triage: structuredClone(record.triage),
        facts: structuredClone(record.facts),
        villageId: record.villageId,
        place: record.place,
        parties: structuredClone(record.parties),
        unreadable: [],
        outcome: null,
        satisfaction: null,
        updatedAt: record.createdAt,
        closedAt: null,
        messages: record.messages.map((m) => ({ ...m, staffName: null })),
        evidence: [...record.evidence],
        progress: [],
      });
      audits.set(id, []);
      if (record.filingKey) filingKeys.set(id, record.filingKey);
      log(id, audit, record.createdAt);
      return { id, number };
    },
    async list(query) {
      const rows = [...cases.values()]
        .filter((c) => matches(c, query))
        .sort((a, b) => colourRank(a.color) - colourRank(b.color) || a.createdAt.getTime() - b.createdAt.getTime());
      return rows.slice(query.offset ?? 0, (query.offset ?? 0) + query.limit).map(copy);
    },
    async count(query) {
      return [...cases.values()].filter((c) => matches(c, query)).length;
    },
    async find(ref) {
      const c = byRef(ref);
      return c ? copy(c) : null;
    },
    async claim(id, staffId, at) {
      const c = cases.get(id);
      if (!c) return { ok: false, status: "closed", claimedByName: null };
      if (c.status !== "queued" || c.claimedById !== null) return { ok: false, status: c.status, claimedByName: c.claimedByName };
      apply(c, { claimedById: staffId, claimedAt: at });
      c.status = "claimed";
      log(id, { actorId: staffId, action: "claimed", detail: {} }, at);
      return { ok: true };
    },
    async move(id, from, to, patch, audit) {
      const c = cases.get(id);
      if (!c || c.status !== from) return false;
      apply(c, patch);
      c.status = to;
      log(id, audit);
      return true;
    },
    async update(id, patch, audit) {
      const c = cases.get(id);
      if (!c) return;
      apply(c, patch);
      log(id, audit);
    },
    async updateContact(id, contact, audit) {
      const c = cases.get(id);
      if (!c) return;
      if (contact.place) Object.assign(c, { place: contact.place.text, townshipId: contact.place.townshipId, villageId: contact.place.villageId });
      if (contact.phone) Object.assign(c, { residentPhone: contact.phone, preferredContact: "phone" });
      c.updatedAt = new Date();
      log(id, audit);
    },
    async addProgress(id, staffId, text, at) {
      cases.get(id)?.progress.push({ staffName: staff.name(staffId) ?? "工作人员", text, at });
      log(id, { actorId: staffId, action: "progress_added", detail: { text } }, at);
    },
    async addMessage(id, message, audit) {
      if (!firstUse(message.dedupeKey === undefined ? undefined : `m:${message.dedupeKey}`)) return false;
      cases.get(id)?.messages.push({
        author: message.author,
        staffName: message.staffId ? staff.name(message.staffId) : null,
        text: message.text,
        at: message.at,
      });
      log(id, audit, message.at);
      return true;
    },
    async addEvidence(id, evidence, audit, dedupeKey) {
      if (!firstUse(dedupeKey === undefined ? undefined : `e:${dedupeKey}`)) return false;
      cases.get(id)?.evidence.push(evidence);
      log(id, audit, evidence.at);
      return true;
    },
    async appendAudit(id, audit) {
      log(id, audit);
    },
    async auditTrail(id) {
      return structuredClone(audits.get(id) ?? []);
    },
    async overdue(now, limit) {
      return [...cases.values()]
        .filter((c) => c.status === "queued" && c.claimedById === null && c.firstResponseDue <= now)
        .sort((a, b) => a.firstResponseDue.getTime() - b.firstResponseDue.getTime())
        .slice(0, limit)
        .map(({ id, number, status, color, townshipId, firstResponseDue, escalationLevel }) => ({
          id,
          number,
          status,
          color,
          townshipId,
          firstResponseDue,
          escalationLevel,
        }));
    },
    async escalate(id, fromLevel, patch, audit) {
      const c = cases.get(id);
      if (!c || c.status !== "queued" || c.claimedById !== null || c.escalationLevel !== fromLevel) return false;
      apply(c, patch);
      log(id, audit);
      return true;
    },
    async latestForResident(residentKey, openOnly) {
      const rows = [...cases.values()]
        .filter((c) => c.residentKey === residentKey && (!openOnly || c.status !== "closed"))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
      return rows[0] ? copy(rows[0]) : null;
    },
  };
}

/** Staff names for the memory twin, from a list of accounts. */
export function staffDirectory(accounts: readonly Pick<StaffRecord, "id" | "displayName">[]) {
  return { name: (id: string) => accounts.find((a) => a.id === id)?.displayName ?? null };
}
