// What the console, operator page and API need; built once in adapters/runtime.
import type { Logger } from "../logger.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import type { CaseService } from "../../queue/case-service.js";
import type { Triage, TranscriptTriage } from "../../nlp/types.js";
import type { StaffAuth } from "./auth/staff-auth.js";
import type { ServiceRefiner } from "../embeddings/refine.js";

export interface TranscriptTriager {
  triage(text: string): Triage;
  triageTranscript(text: string): TranscriptTriage;
}

export interface QueueHttpDeps {
  service: CaseService;
  auth: StaffAuth;
  /** Pub/sub for live updates (the same store the service publishes through). */
  store: KeyValueStore;
  triager: TranscriptTriager;
  /** Hybrid service suggestions (the embeddings reader) when EMBEDDINGS_MODEL_DIR is set. */
  refineServices?: ServiceRefiner;
  /** Townships for filters, forms and labels. */
  townships: { id: string; name: string }[];
  villages: { id: string; name: string; parentId: string }[];
  logger: Logger;
}

export { CASE_EVENTS_CHANNEL } from "../store/case-events.js";
