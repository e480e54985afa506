// A machine reading of a filed case (an LLM, adapters/llm/): recorded in the audit trail with its
// model, and when it saw a higher colour in the resident's own words, the case is raised the way a
// later resident message raises it (owner, deadline, live event). It never lowers a colour, never
// moves the case's domain or township, and never speaks to the resident: what it drafts is for staff,
// shown on the case page as a machine suggestion.
import { notify, type CaseContext } from "./case-context.js";
import { isLower, type RiskColor } from "../knowledge/colours.js";
import { raiseColour } from "./colour-changes.js";

export interface MachineReading {
  model: string;
  /** The colour the reading's quoted signals support (nlp/reader-merge.ts); raised only if above the case's. */
  color: RiskColor;
  signals: { color: RiskColor; quote: string; explanation: string }[];
  /** 案情摘要, at most three lines. */
  summary: string[];
  /** Drafts for the "六个一": the plan's steps and the basis from the catalogue's own fields. */
  plan: string[];
  basis: { serviceId: string; serviceName: string; law: string; article: string; why: string }[];
  /** Catalogue service ids the reader suggests (unknown ids already dropped). */
  services: string[];
  facts: Record<string, string>;
  /** A hotline transcript read again; absent for other channels. */
  cleaned?: string;
  tokens: { prompt: number; completion: number };
  dropped: { quotes: number; services: number };
}

/** What the audit entry keeps: counts of tokens, no text beyond the masked suggestions. */
export const MACHINE_READING_VERSION = 1;

export async function recordMachineReading(ctx: CaseContext, ref: string, reading: MachineReading): Promise<{ raised: boolean } | null> {
  const found = await ctx.cases.find(ref);
  if (!found) return null;
  await ctx.cases.appendAudit(found.id, { actorId: null, action: "machine_reading", detail: { version: MACHINE_READING_VERSION, ...reading } });
  if (isLower(found.color, reading.color)) {
    const raising = reading.signals.filter((s) => s.color === reading.color);
    await raiseColour(ctx, found, reading.color, {
      reason: `机器阅读（模型 ${reading.model}）在群众原话中发现更高风险，请核实`,
      signals: raising.map((s) => ({ criterion: "machine_reading", words: [s.quote] })),
      model: reading.model,
    });
    return { raised: true };
  }
  await notify(ctx, "updated", found);
  return { raised: false };
}
