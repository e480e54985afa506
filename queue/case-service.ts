// The queue's use cases: file, list, open, claim, release, reassign, record, message,
// move through the life cycle, change colour, escalate. Every rule comes from the pure
// modules (lifecycle, access, colours, escalation); storage and outlets are ports.
// Each group lives in its own file; this one composes them into the one service callers use.
import { DOMAIN_LABELS } from "../nlp/types.js";
import { ROLE_LABELS } from "./access.js";
import { caseContextFor, type CaseServiceDeps } from "./case-context.js";
import { createCaseMoves } from "./case-moves.js";
import { answeredAsSeen } from "./case-visibility.js";
import { createCaseQueries } from "./case-queries.js";
import { createCaseRecordUpdates } from "./case-record-updates.js";
import { createColourChanges } from "./colour-changes.js";
import { COLOUR_LABELS } from "../knowledge/colours.js";
import type { CatalogueLookup } from "./filing.js";
import { createIntakeDesk } from "./intake-desk.js";
import { STATUS_LABELS } from "./lifecycle.js";
import { createOverdueEscalation } from "./overdue-escalation.js";
import { createResidentMessaging } from "./resident-messaging.js";
import { recordMachineReading, type MachineReading } from "./machine-reading.js";
import { createSimilarCases } from "./similar-cases.js";

export type { CatalogueLookup, CaseServiceDeps };
export type { CaseView, QueueFilter } from "./case-queries.js";
export type { StatusRequest } from "./case-moves.js";
export type { SimilarCase, SimilarCasesAnswer } from "./similar-cases.js";
export type { SimilarCaseFinder } from "./ports.js";

export type CaseService = ReturnType<typeof createCaseService>;

export function createCaseService(deps: CaseServiceDeps) {
  const ctx = caseContextFor(deps);
  const { desk, fileCase } = createIntakeDesk(ctx);
  const { listQueue, getCase } = createCaseQueries(ctx);
  const { claim, changeStatus, reassign } = createCaseMoves(ctx);
  const { addProgress, updateRecord } = createCaseRecordUpdates(ctx);
  const { changeColour } = createColourChanges(ctx);
  const { messageResident } = createResidentMessaging(ctx);
  const { escalateOverdue } = createOverdueEscalation(ctx);
  const { similarCases } = createSimilarCases(ctx, deps.similar);

  return {
    desk,
    fileCase,
    listQueue,
    getCase,
    // What these answer with is masked for the actor, as getCase is (case-visibility.ts).
    claim: answeredAsSeen(claim),
    changeStatus: answeredAsSeen(changeStatus),
    reassign: answeredAsSeen(reassign),
    addProgress: answeredAsSeen(addProgress),
    updateRecord: answeredAsSeen(updateRecord),
    changeColour: answeredAsSeen(changeColour),
    messageResident,
    escalateOverdue,
    /** An optional reader's reading of a filed case (no person acts; see machine-reading.ts). */
    recordMachineReading: (ref: string, reading: MachineReading) => recordMachineReading(ctx, ref, reading),
    similarCases,
  };
}

/** Chinese labels the console and API reuse. */
export const LABELS = { status: STATUS_LABELS, colour: COLOUR_LABELS, domain: DOMAIN_LABELS, role: ROLE_LABELS };
