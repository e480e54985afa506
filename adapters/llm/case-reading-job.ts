// The machine reading of every new case, in the background: the resident was answered and the case
// filed on the offline triage already; this reads the case with the LLM when one is configured and
// records what it found (queue/machine-reading.ts): a higher colour raises the case (owner, deadline,
// live event on the console), the 案情摘要 and the "六个一" drafts go on the case page as machine
// suggestions. Several processes share the store: the first to claim a case number reads it.
import type { KeyValueStore, Unsubscribe } from "../store/key-value-store.js";
import { subscribeCaseEvents } from "../store/case-events.js";
import type { Logger } from "../logger.js";
import type { BackgroundJob } from "../runtime/serve.js";
import type { Knowledge } from "../../knowledge/types.js";
import { mergeReading } from "../../nlp/reader-merge.js";
import type { OwnerOf } from "../../nlp/risk.js";
import type { MachineReading } from "../../queue/machine-reading.js";
import type { CaseDetail, CaseEvent } from "../../queue/ports.js";
import type { LlmReader } from "./llm-reader.js";

export interface CaseReadingDeps {
  store: KeyValueStore;
  logger: Logger;
  reader: LlmReader;
  knowledge: Knowledge;
  owners: OwnerOf;
  find(ref: string): Promise<CaseDetail | null>;
  record(ref: string, reading: MachineReading): Promise<{ raised: boolean } | null>;
}

export type CaseReadingOutcome = "read" | "raised" | "failed" | "skipped";

export function createCaseReadingJob(deps: CaseReadingDeps): BackgroundJob & { readCase(number: string): Promise<CaseReadingOutcome>; idle(): Promise<void> } {
  let unsubscribe: Unsubscribe | undefined;
  const inFlight = new Set<Promise<unknown>>();

  async function readCase(number: string): Promise<CaseReadingOutcome> {
    const c = await deps.find(number);
    if (!c || !c.triage) return "skipped";
    const knownNames = [c.residentName, ...(c.parties ?? []).map((p) => p.text)].filter((n): n is string => typeof n === "string" && n.length >= 2 && n.length <= 4);
    const reading = await deps.reader.readCase({ text: c.story, offline: c.triage, knownNames, transcript: c.channel === "hotline", caseNumber: c.number });
    if (reading.kind === "failed") return "failed";
    const { triage, report } = mergeReading(c.triage, reading.answer, { text: reading.text, knowledge: deps.knowledge, owners: deps.owners });
    const outcome = await deps.record(c.number, {
      model: deps.reader.model,
      color: triage.risk.color,
      signals: report.signals,
      summary: report.summary,
      plan: reading.drafts.plan,
      basis: reading.drafts.basis.map((b) => ({ ...b, serviceName: deps.knowledge.serviceById.get(b.serviceId)?.name.zh ?? b.serviceId })),
      services: reading.answer.services.filter((id) => deps.knowledge.serviceById.has(id)),
      facts: { ...reading.answer.facts },
      ...(reading.drafts.cleaned ? { cleaned: reading.drafts.cleaned } : {}),
      tokens: reading.tokens ?? { prompt: 0, completion: 0 },
      dropped: { quotes: report.droppedQuotes.length, services: report.droppedServices.length },
    });
    if (outcome?.raised) deps.logger.info({ caseNumber: c.number, from: c.color, to: triage.risk.color, model: deps.reader.model }, "machine reading raised the case");
    return outcome?.raised ? "raised" : "read";
  }

  const onEvent = async (event: CaseEvent) => {
    if (event.type !== "filed") return;
    try {
      if (!(await deps.store.setIfAbsent(`llm-reading:${event.number}`, "1", { ttlSeconds: 86_400 }))) return;
      const running = readCase(event.number);
      inFlight.add(running);
      await running.finally(() => inFlight.delete(running));
    } catch (error) {
      deps.logger.error({ err: error, caseNumber: event.number }, "machine reading of the case failed");
    }
  };

  return {
    readCase,
    async idle() {
      await Promise.allSettled([...inFlight]);
    },
    start() {
      subscribeCaseEvents(deps.store, deps.logger, onEvent)
        .then((u) => {
          unsubscribe = u;
        })
        .catch((error: unknown) => deps.logger.error({ err: error }, "could not subscribe to case events for machine readings"));
    },
    async stop() {
      await unsubscribe?.();
      unsubscribe = undefined;
      await Promise.allSettled([...inFlight]);
    },
  };
}
