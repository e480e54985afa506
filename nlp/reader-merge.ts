/**
 * The merge rules, stated once, for every reader beside the offline engine:
 *   1. A reader may raise a colour, never lower it. A raise is as high as the highest signal whose
 *      quote survives rule 2; a reader's overall colour without such a signal changes nothing.
 *   2. A quote that is not a substring of the text the reader was given is dropped (with its signal).
 *   3. A service id that is not in the catalogue is dropped; the ones kept come first.
 *   4. The reader's domain is taken when it names one (routing of a filed case does not move:
 *      the queue applies only rule 1 to it, see queue/machine-reading.ts).
 *   5. Facts the offline engine did not find are filled from the reader; found ones stay.
 */
import type { Knowledge } from "../knowledge/types.js";
import { isLower, maxColor } from "../knowledge/colours.js";
import type { OwnerOf } from "./risk.js";
import type { Reader, ReaderAnswer, ReaderSignal, Reading } from "./reader.js";
import type { Facts, RiskColor, RiskReason, ServiceMatch, Triage } from "./types.js";

export interface MergeReport {
  reader: string;
  /** Set when the reader raised the colour. */
  raised?: { from: RiskColor; to: RiskColor };
  /** The reader's colour was lower than the offline one: refused. */
  refusedLowering: boolean;
  droppedQuotes: string[];
  droppedServices: string[];
  /** The signals kept (quotes checked), whether or not they raised. */
  signals: ReaderSignal[];
  filledFacts: (keyof Facts)[];
  summary: string[];
}

export interface MergeContext {
  /** The exact text the reader read (masked): quotes must be substrings of it. */
  text: string;
  knowledge: Pick<Knowledge, "serviceById">;
  owners: OwnerOf;
}

/** True when `quote` is the resident's own words: non-empty and a substring of `text`. */
export function quotedFrom(text: string, quote: string): boolean {
  const q = quote.trim();
  return q.length > 0 && text.includes(q);
}

export const READER_SIGNAL = "reader";

export function mergeReading(offline: Triage, answer: ReaderAnswer, ctx: MergeContext): { triage: Triage; report: MergeReport } {
  const droppedQuotes: string[] = [];
  const signals: ReaderSignal[] = [];
  for (const s of answer.signals) {
    if (quotedFrom(ctx.text, s.quote)) signals.push({ ...s, quote: s.quote.trim() });
    else droppedQuotes.push(s.quote);
  }
  const from = offline.risk.color;
  const to = signals.reduce<RiskColor>((c, s) => maxColor(c, s.color), from);
  const refusedLowering = answer.color !== undefined && isLower(answer.color, from);

  let risk = offline.risk;
  if (to !== from) {
    const added: RiskReason[] = signals
      .filter((s) => !isLower(s.color, to))
      .map((s) => ({ signal: READER_SIGNAL, criterion: `reader:${answer.reader}`, color: s.color, words: [s.quote], explanation: `机器阅读（${answer.reader}，仅供参考）：${s.explanation}` }));
    risk = { ...offline.risk, color: to, ...ctx.owners(to), reasons: [...offline.risk.reasons.filter((r) => r.signal !== "ordinary"), ...added] };
    if (to === "red") delete risk.ask;
  }

  const droppedServices: string[] = [];
  const chosen: ServiceMatch[] = [];
  for (const id of answer.services) {
    const s = ctx.knowledge.serviceById.get(id);
    if (!s) {
      droppedServices.push(id);
      continue;
    }
    if (chosen.some((c) => c.id === id)) continue;
    const known = offline.services.find((o) => o.id === id);
    chosen.push(known ?? { id, name: s.name.zh, score: 0, categoryId: s.categoryId, agencyIds: s.agencyIds, evidence: [] });
  }
  const services = [...chosen, ...offline.services.filter((o) => !chosen.some((c) => c.id === o.id))].slice(0, Math.max(offline.services.length, chosen.length));

  const facts: Facts = { ...offline.facts, attempts: [...offline.facts.attempts] };
  const filledFacts: (keyof Facts)[] = [];
  const rf = answer.facts;
  if (!facts.otherParty && rf.otherParty) {
    facts.otherParty = { text: rf.otherParty, relation: "other" };
    filledFacts.push("otherParty");
  }
  if (!facts.since && !facts.duration && rf.since) {
    facts.since = rf.since;
    filledFacts.push("since");
  }
  if (!facts.wants && rf.wants) {
    facts.wants = rf.wants;
    filledFacts.push("wants");
  }
  if (facts.attempts.length === 0 && rf.attempts) {
    facts.attempts = [{ kind: "other", text: rf.attempts }];
    filledFacts.push("attempts");
  }

  const domain = answer.domain ?? offline.domain;
  const sameDomain = domain === offline.domain;
  const triage: Triage = {
    ...offline,
    domain,
    ...(sameDomain ? {} : { confidence: offline.candidates.find((c) => c.domain === domain)?.probability ?? 0, unsure: false, domainEvidence: [] }),
    risk,
    services,
    facts,
  };
  const report: MergeReport = {
    reader: answer.reader,
    refusedLowering,
    droppedQuotes,
    droppedServices,
    signals,
    filledFacts,
    summary: answer.summary.slice(0, 3),
  };
  if (to !== from) report.raised = { from, to };
  return { triage, report };
}

export interface ReadOutcome {
  /** The offline triage with the reader's answer merged in (the offline one alone when it failed). */
  triage: Triage;
  offline: Triage;
  reading?: Reading;
  report?: MergeReport;
}

/**
 * The offline triage, then (when a reader is given) its answer merged by the rules above. A reader
 * that fails leaves the offline triage as it is.
 */
export async function triageWithReader(
  text: string,
  deps: { triage: (text: string) => Triage; reader?: Reader; knowledge: Pick<Knowledge, "serviceById">; owners: OwnerOf; knownNames?: readonly string[] },
): Promise<ReadOutcome> {
  const offline = deps.triage(text);
  if (!deps.reader) return { triage: offline, offline };
  const reading = await deps.reader.read({ text, offline, ...(deps.knownNames ? { knownNames: deps.knownNames } : {}) });
  if (reading.kind === "failed") return { triage: offline, offline, reading };
  const { triage, report } = mergeReading(offline, reading.answer, { text: reading.text, knowledge: deps.knowledge, owners: deps.owners });
  return { triage, offline, reading, report };
}
