// The in-memory CaseDesk for the dialogue's unit tests and a database-free demo.
import type { CaseDesk, ResidentClaimNotice, ResidentOutboxMessage } from "./case-desk.js";
import { createCaseService, type CatalogueLookup } from "./case-service.js";
import type { ColourRules } from "../knowledge/colours.js";
import { createMemoryCaseRepository } from "./memory-case-repository.js";
import type { CaseEvent, CaseRepository } from "./ports.js";

export interface MemoryCaseDesk extends CaseDesk {
  /** What was filed and sent, for assertions. */
  readonly repository: CaseRepository;
  readonly events: CaseEvent[];
  readonly outbox: ResidentOutboxMessage[];
  /** The residents told that a person took their case. */
  readonly claims: ResidentClaimNotice[];
}

/**
 * The rules come from a rubric, e.g. the shipped one: `colourRulesFromRubric(loadKnowledge().rubric)`.
 * @example const desk = createMemoryCaseDesk({ rules }); const filed = await desk.fileCase(newCase);
 */
export function createMemoryCaseDesk(options: { rules: ColourRules; catalogue?: CatalogueLookup }): MemoryCaseDesk {
  const repository = createMemoryCaseRepository();
  const events: CaseEvent[] = [];
  const outbox: ResidentOutboxMessage[] = [];
  const claims: ResidentClaimNotice[] = [];
  const service = createCaseService({
    cases: repository,
    rules: options.rules,
    events: { publish: async (e) => void events.push(e) },
    outbox: {
      send: async (m) => void outbox.push({ ...m, at: m.at.toISOString() }),
      claimed: async (m) => void claims.push({ kind: "claimed", ...m, at: m.at.toISOString() }),
    },
    ...(options.catalogue ? { catalogue: options.catalogue } : {}),
  });
  return { ...service.desk, repository, events, outbox, claims };
}
