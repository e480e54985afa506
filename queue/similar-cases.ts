// 相似案件: past cases like this one, with how they ended, as this staff member may see them.
// Which cases are near is a port (the embeddings reader, adapters/embeddings/); what of them
// is shown follows the rules every case answer follows: only cases the actor may open
// (canView), their texts masked unless the actor sees that case's contact details (caseSeenBy).
import { canView, type Actor } from "./access.js";
import { loadCase, scopeOf, type CaseContext } from "./case-context.js";
import { caseSeenBy } from "./case-visibility.js";
import type { RiskColor } from "../knowledge/colours.js";
import type { CaseStatus } from "./lifecycle.js";
import { headlineOf } from "./masking.js";
import { ok, type Outcome } from "./outcome.js";
import type { SimilarCaseFinder } from "./ports.js";
import type { Domain } from "../nlp/types.js";


export interface SimilarCase {
  id: string;
  number: string;
  domain: Domain;
  color: RiskColor;
  status: CaseStatus;
  createdAt: Date;
  closedAt: Date | null;
  /** How it ended, as the mediator wrote it (masked like the rest of that case for this actor). */
  outcome: string | null;
  satisfaction: number | null;
  /** First words of its story, always masked (as in the queue). */
  headline: string;
  /** Cosine similarity of the two stories, 0–1. */
  similarity: number;
}

export type SimilarCasesAnswer = { enabled: false } | { enabled: true; cases: SimilarCase[] };

/** Statuses of a case that has an outcome to learn from. */
const ENDED: readonly CaseStatus[] = ["resolved", "referred", "unresolved", "follow_up", "closed"];
/** Candidates read per case shown: some will be open, out of the actor's jurisdiction, or the case itself. */
const OVERSAMPLE = 4;

export function createSimilarCases(ctx: CaseContext, finder: SimilarCaseFinder | undefined) {
  async function similarCases(actor: Actor, ref: string, limit = 5): Promise<Outcome<SimilarCasesAnswer>> {
    const loaded = await loadCase(ctx, actor, ref, canView);
    if (!loaded.ok) return loaded;
    if (finder === undefined) return ok({ enabled: false });
    const c = loaded.value;
    const near = await finder.near({ id: c.id, story: c.story }, limit * OVERSAMPLE);
    const cases: SimilarCase[] = [];
    for (const n of near) {
      if (cases.length === limit) break;
      if (n.caseId === c.id) continue;
      const other = await ctx.cases.find(n.caseId);
      if (!other || !ENDED.includes(other.status) || !canView(actor, scopeOf(other)).ok) continue;
      const seen = caseSeenBy(actor, other).case;
      cases.push({
        id: seen.id,
        number: seen.number,
        domain: seen.domain,
        color: seen.color,
        status: seen.status,
        createdAt: seen.createdAt,
        closedAt: seen.closedAt,
        outcome: seen.outcome,
        satisfaction: seen.satisfaction,
        headline: headlineOf(other.story),
        similarity: Math.round(Math.max(0, n.similarity) * 1000) / 1000,
      });
    }
    return ok({ enabled: true, cases });
  }
  return { similarCases };
}
