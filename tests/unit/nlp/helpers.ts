import { loadKnowledge } from "../../../knowledge/load.js";
import { createTriager, type Triager } from "../../../nlp/triage.js";

let cached: Triager | undefined;
/** One triager per test file (building it loads the catalogue and the model, ~0.4 s). */
export function sharedTriager(): Triager {
  cached ??= createTriager({ knowledge: loadKnowledge() });
  return cached;
}
