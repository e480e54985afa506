// Builds the process's triager: the shipped domain model, or the centre's own one
// once `yizhan train` has written DATA_DIR/domain-model.json.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";
import type { Knowledge } from "../../knowledge/types.js";
import { createTriager, type Triager } from "../../nlp/triage.js";
import { loadDomainModel } from "../../nlp/resources.js";

export function trainedModelPath(config: Pick<Config, "dataDir">): string {
  return join(config.dataDir, "domain-model.json");
}

export function buildTriager(config: Pick<Config, "dataDir">, knowledge: Knowledge): Triager {
  const path = trainedModelPath(config);
  return existsSync(path) ? createTriager({ knowledge, model: loadDomainModel(path) }) : createTriager({ knowledge });
}
