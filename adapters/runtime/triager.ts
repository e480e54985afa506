// Builds the process's triager: the shipped models, with the centre's own domain model
// once `yizhan train --data` has written DATA_DIR/domain-model.json.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";
import type { Knowledge } from "../../knowledge/types.js";
import { domainModel } from "../../nlp/classifier.js";
import { readModelFile } from "../../nlp/resources.js";
import { createTriager, type Triager } from "../../nlp/triage.js";

export function trainedModelPath(config: Pick<Config, "dataDir">): string {
  return join(config.dataDir, "domain-model.json");
}

export function buildTriager(config: Pick<Config, "dataDir">, knowledge: Knowledge): Triager {
  const path = trainedModelPath(config);
  return existsSync(path) ? createTriager({ knowledge, models: { domain: domainModel(readModelFile(path)) } }) : createTriager({ knowledge });
}
