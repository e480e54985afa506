// The shipped models rebuild byte-identically from the committed corpus (`yizhan train-risk`,
// `yizhan train`), load within their schemas, and refuse files of another shape.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../knowledge/load.js";
import { loadCorpus } from "../../../nlp/corpus.js";
import { defaultNlpDataDir, RISK_MODEL_FILE } from "../../../nlp/resources.js";
import { riskModel } from "../../../nlp/risk-model.js";
import { createPreparer } from "../../../nlp/triage.js";
import { trainRiskReader } from "../../../nlp/training.js";

describe("shipped models", () => {
  it("the risk model is what train-risk builds from the committed corpus, byte for byte", () => {
    const knowledge = loadKnowledge();
    const { prepare } = createPreparer({ knowledge });
    const corpus = loadCorpus(join(defaultNlpDataDir(), "corpus"));
    expect(corpus.errors).toEqual([]);
    expect(corpus.rows.length).toBeGreaterThanOrEqual(5000);
    const rebuilt = `${JSON.stringify(trainRiskReader(corpus.rows, prepare).data)}\n`;
    expect(rebuilt === readFileSync(join(defaultNlpDataDir(), RISK_MODEL_FILE), "utf8")).toBe(true);
  }, 900_000); // a full retrain with cross-validation: minutes on a busy machine; no speed is asserted

  it("refuses a model file of another shape", () => {
    expect(() => riskModel({ kind: "naive_bayes" })).toThrow();
    const shipped = JSON.parse(readFileSync(join(defaultNlpDataDir(), RISK_MODEL_FILE), "utf8"));
    expect(() => riskModel({ ...shipped, classes: ["red", "blue"] })).toThrow();
  });
});
