// The CaseDesk the intake dialogue files through, over PostgreSQL/PGlite: the queue's
// case service on the Prisma repository.
import type { CaseDesk } from "../../queue/case-desk.js";
import type { ColourRules } from "../../knowledge/colours.js";
import { createCaseService, type CatalogueLookup } from "../../queue/case-service.js";
import type { CaseEventBus, ResidentOutbox } from "../../queue/ports.js";
import type { PrismaClient } from "./generated/client.js";
import { createPrismaCaseRepository } from "./case-repository.js";

export function createPrismaCaseDesk(deps: {
  prisma: PrismaClient;
  rules: ColourRules;
  events: CaseEventBus;
  outbox: ResidentOutbox;
  catalogue?: CatalogueLookup;
}): CaseDesk {
  return createCaseService({ cases: createPrismaCaseRepository(deps.prisma), ...deps }).desk;
}
