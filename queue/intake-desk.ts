// Filing a case, and the CaseDesk port the resident-facing intake dialogue works through.
import type { Actor } from "./access.js";
import { notify, type CaseContext } from "./case-context.js";
import type { CaseDesk, CaseStatusView, ContactUpdate, EvidenceRef, FiledCase, NewCase } from "./case-desk.js";
import { isLower } from "../knowledge/colours.js";
import { raiseColourFromMessage } from "./colour-changes.js";
import { caseRecordFor } from "./filing.js";
import { STATUS_TEXT_FOR_RESIDENT } from "./lifecycle.js";
import type { CaseDetail, ContactPatch } from "./ports.js";

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

/** What of `contact` changes the case (null when nothing); the township only where the case has none. */
function contactPatch(c: CaseDetail, contact: ContactUpdate): ContactPatch | null {
  const patch: ContactPatch = {};
  const place = contact.place;
  if (place && place.text !== c.place) {
    const township = c.townshipId ?? place.townshipId ?? null;
    const village = c.villageId ?? (township === (place.townshipId ?? null) ? (place.villageId ?? null) : null);
    patch.place = { text: place.text, townshipId: township, villageId: village };
  }
  if (contact.phone && contact.phone !== c.residentPhone) patch.phone = contact.phone;
  return Object.keys(patch).length > 0 ? patch : null;
}

export function createIntakeDesk(ctx: CaseContext) {
  const { cases, rules, events, clock } = ctx;

  async function fileCase(input: NewCase, filedBy: Actor | null = null): Promise<FiledCase> {
    const now = clock.now();
    const { record, about, ownerTitle } = caseRecordFor(input, { rules, now, filedById: filedBy?.id ?? input.filedBy ?? null, ...(ctx.catalogue ? { catalogue: ctx.catalogue } : {}) });
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

  /** The CaseDesk port the intake dialogue files through. */
  const desk: CaseDesk = {
    fileCase: (input) => fileCase(input),
    async appendResidentMessage(caseNumber, message, dedupeKey) {
      const c = await cases.find(caseNumber);
      if (!c) throw new Error(`no case ${caseNumber}`);
      const added = await cases.addMessage(c.id, { author: "resident", staffId: null, text: message.text, at: message.at, ...(dedupeKey ? { dedupeKey } : {}) }, {
        actorId: null,
        action: "resident_message",
        detail: { length: message.text.length },
      });
      // A replayed turn: the message, its notice and any raise happened the first time.
      if (!added) return;
      await notify(ctx, "resident_message", c);
      if (message.risk && isLower(c.color, message.risk.color)) await raiseColourFromMessage(ctx, c, message.risk);
    },
    async appendBotMessages(caseNumber, messages, dedupeKey) {
      const c = await cases.find(caseNumber);
      if (!c) throw new Error(`no case ${caseNumber}`);
      for (const [i, message] of messages.entries()) {
        await cases.addMessage(c.id, { author: "bot", staffId: null, text: message.text, at: message.at, ...(dedupeKey ? { dedupeKey: `${dedupeKey}|${i}` } : {}) }, {
          actorId: null,
          action: "message_sent",
          detail: { author: "bot", length: message.text.length },
        });
      }
    },
    async updateContact(caseNumber, contact) {
      const c = await cases.find(caseNumber);
      if (!c) throw new Error(`no case ${caseNumber}`);
      const patch = contactPatch(c, contact);
      if (!patch) return;
      await cases.updateContact(c.id, patch, { actorId: null, action: "contact_updated", detail: { fields: Object.keys(patch), by: "resident" } });
      await notify(ctx, "updated", { ...c, townshipId: patch.place?.townshipId ?? c.townshipId });
    },
    async attachEvidence(caseNumber: string, evidence: EvidenceRef, dedupeKey?: string) {
      const c = await cases.find(caseNumber);
      if (!c) throw new Error(`no case ${caseNumber}`);
      const added = await cases.addEvidence(c.id, evidence, { actorId: null, action: "evidence_added", detail: { kind: evidence.kind, name: evidence.name } }, dedupeKey);
      if (added) await notify(ctx, "updated", c);
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

  return { fileCase, desk };
}
