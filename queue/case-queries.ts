// Reading the queue: the filtered list a person works from, and one case opened in full.
import type { Domain } from "../nlp/types.js";
import { canView, jurisdictionFilter, type Actor } from "./access.js";
import { loadCase, type CaseContext } from "./case-context.js";
import { auditSeenBy, caseSeenBy } from "./case-visibility.js";
import type { RiskColor } from "../knowledge/colours.js";
import type { CaseStatus } from "./lifecycle.js";
import { maskText } from "./masking.js";
import { fail, ok, type Outcome } from "./outcome.js";
import type { AuditEntry, CaseDetail, CaseSummary, QueueQuery } from "./ports.js";

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

export function createCaseQueries(ctx: CaseContext) {
  const { cases } = ctx;

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
    const loaded = await loadCase(ctx, actor, ref, canView);
    if (!loaded.ok) return loaded;
    const c = loaded.value;
    if (c.color === "red") {
      await cases.appendAudit(c.id, { actorId: actor.id, action: "viewed", detail: { role: actor.role } });
    }
    return ok({ ...caseSeenBy(actor, c), audit: auditSeenBy(actor, c, await cases.auditTrail(c.id)) });
  }

  return { listQueue, getCase };
}
