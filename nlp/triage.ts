/**
 * The triager: text → domain, services, risk colour with reasons and certainty, facts, masked
 * text. One pipeline a reader can follow:
 *   normalise (normalize.ts) → mask (pii.ts) → facts (facts.ts) → read the vocabulary
 *   (reading.ts) → features (text-features.ts) → risk (risk.ts: model + hard rules),
 *   domain (classifier.ts) and services (services.ts), all on the same features.
 * Build once with `createTriager` (loads the shipped data and models unless given), then call
 * `triage` as often as needed: pure and fast, no I/O per call.
 */
import { join } from "node:path";
import { colourRulesFromRubric } from "../knowledge/colours.js";
import { findPlaces as gazetteerFindPlaces } from "../knowledge/gazetteer.js";
import type { Knowledge } from "../knowledge/types.js";
import { classifyDomain, domainModel, type Classification, type DomainModel } from "./classifier.js";
import type { DomainLexicon } from "./domain-cues.js";
import { quoteHits } from "./evidence.js";
import { createFront, type Prepared } from "./front.js";
import { applyHardRules, loadHardRules, type HardRules } from "./hard-rules.js";
import { FeatureSpace } from "./linear-model.js";
import { createT2S, normalize, type TextConverter } from "./normalize.js";
import { maskPii } from "./pii.js";
import type { FindPlacesFn } from "./places.js";
import { readText } from "./reading.js";
import { CATEGORY_MODEL_FILE, DOMAIN_MODEL_FILE, defaultNlpDataDir, loadDomainLexicon, readModelFile, RISK_MODEL_FILE } from "./resources.js";
import { assessRisk, maxColor, ownerOf, type OwnerOf } from "./risk.js";
import { riskModel, type RiskModel } from "./risk-model.js";
import { categoryModel, createServiceMatcher, type CategoryModel, type ServiceMatcher } from "./services.js";
import { parseTranscript } from "./transcript.js";
import type { RiskReason, Triage, TranscriptTriage } from "./types.js";
import { loadVocabulary, type Vocabulary } from "./vocabulary.js";

/** Longer inputs are cut to this many characters before analysis (100 KB pastes still work). */
export const MAX_INPUT_CHARS = 200_000;

/** The reviewed data every reader shares. */
export interface ReadingData {
  vocabulary: Vocabulary;
  rules: HardRules;
  domainLexicon: DomainLexicon;
}

/** The learned readers. */
export interface ReaderModels {
  risk: RiskModel;
  domain: DomainModel;
  category: CategoryModel;
}

export interface TriagerDeps {
  knowledge: Knowledge;
  /** Defaults to the shipped files in nlp/data/. */
  data?: ReadingData;
  /** Each defaults to the shipped model in nlp/data/ (a centre's own domain model replaces it, see adapters/runtime/triager.ts). */
  models?: Partial<ReaderModels>;
  /** Defaults to knowledge/gazetteer.ts `findPlaces`. */
  findPlaces?: FindPlacesFn;
  t2s?: TextConverter;
}

export interface Triager {
  triage(text: string): Triage;
  triageTranscript(text: string): TranscriptTriage;
  /** The normaliser this triager uses (t2s included). */
  normalize(text: string): string;
  /** Normalise and run the shared front (for training and evaluation). */
  prepare(text: string): Prepared;
  readonly models: ReaderModels;
}

export function loadReadingData(dir = defaultNlpDataDir()): ReadingData {
  const vocabulary = loadVocabulary(dir);
  return { vocabulary, rules: loadHardRules(dir, vocabulary.concepts), domainLexicon: loadDomainLexicon(join(dir, "domain-lexicon.yaml")) };
}

/** The shipped models (nlp/data/*.json, rebuilt by `yizhan train-risk` and `yizhan train`). */
export function loadShippedModels(knowledge: Knowledge, dir = defaultNlpDataDir(), space = new FeatureSpace()): ReaderModels {
  return {
    risk: riskModel(readModelFile(join(dir, RISK_MODEL_FILE)), space),
    domain: domainModel(readModelFile(join(dir, DOMAIN_MODEL_FILE)), space),
    category: categoryModel(readModelFile(join(dir, CATEGORY_MODEL_FILE)), knowledge, space),
  };
}

/** Normaliser and front without any model: what training needs. */
export function createPreparer(deps: Omit<TriagerDeps, "models">): { normalize: (text: string) => string; prepare: (text: string) => Prepared; data: ReadingData } {
  const t2s = deps.t2s ?? createT2S();
  const data = deps.data ?? loadReadingData();
  const front = createFront({ knowledge: deps.knowledge, vocabulary: data.vocabulary, domainLexicon: data.domainLexicon, findPlaces: deps.findPlaces ?? gazetteerFindPlaces });
  const norm = (text: string) => normalize(text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text, t2s);
  return { normalize: norm, prepare: (text) => front(norm(text)), data };
}

export function createTriager(deps: TriagerDeps): Triager {
  const k = deps.knowledge;
  const { normalize: norm, prepare, data } = createPreparer(deps);
  // Only the models not given are read (a centre's own domain model replaces the shipped one).
  const space = new FeatureSpace();
  const dir = defaultNlpDataDir();
  const models: ReaderModels = {
    risk: deps.models?.risk ?? riskModel(readModelFile(join(dir, RISK_MODEL_FILE)), space),
    domain: deps.models?.domain ?? domainModel(readModelFile(join(dir, DOMAIN_MODEL_FILE)), space),
    category: deps.models?.category ?? categoryModel(readModelFile(join(dir, CATEGORY_MODEL_FILE)), k, space),
  };
  const owners: OwnerOf = ownerOf(colourRulesFromRubric(k.rubric));
  const services: ServiceMatcher = createServiceMatcher(k, models.category);
  const readers = { model: models.risk, rules: data.rules };

  function analyse(p: Prepared, extraReasons: RiskReason[] = []): Triage {
    const empty = p.reading.text.trim() === "";
    const cls: Classification = empty
      ? { kind: "unsure", domain: "other", confidence: 0, candidates: [], evidence: [] }
      : classifyDomain(models.domain, p.features);
    let risk = assessRisk(p, readers, owners);
    if (extraReasons.length > 0) {
      const color = extraReasons.reduce((c, r) => maxColor(c, r.color), risk.color);
      risk = { ...risk, color, ...owners(color), reasons: [...risk.reasons.filter((r) => r.signal !== "ordinary"), ...extraReasons] };
      if (color === "red") delete risk.ask;
    }
    return {
      domain: cls.domain,
      confidence: cls.confidence,
      unsure: cls.kind === "unsure",
      candidates: cls.candidates,
      risk,
      services: empty ? [] : services.match(p.reading.text, p.features, cls, risk),
      facts: p.facts,
      masked: p.masked,
      pii: p.pii,
      domainEvidence: cls.evidence,
    };
  }

  return {
    models,
    normalize: norm,
    prepare,
    triage: (text) => analyse(prepare(text)),
    triageTranscript(text) {
      const parsed = parseTranscript(norm(text));
      const body = [parsed.callerAccount, parsed.operatorNotes].filter(Boolean).join("\n");
      // What the operator asked may reveal a risk the caller only confirmed (坐席：您是不是想不开？来电人：嗯):
      // the hard rules read the operator's words, and a firing asks staff to check the caller's answer.
      const operatorText = maskPii(parsed.turns.filter((t) => t.speaker === "operator").map((t) => t.text).join("。")).masked;
      const operatorReading = readText(operatorText, data.vocabulary);
      const extra: RiskReason[] = applyHardRules(operatorReading, data.rules).map((f) => ({
        signal: `operator_${f.id}`,
        criterion: f.criterion,
        color: "orange",
        words: quoteHits(operatorReading, f.hits),
        explanation: `坐席在通话中问到（${f.explanation}），请核实来电人的回答`,
      }));
      const result = analyse(prepare(body), extra);
      return {
        ...result,
        callerAccount: maskPii(parsed.callerAccount).masked,
        operatorNotes: maskPii(parsed.operatorNotes).masked,
        turns: parsed.turns.map((t) => ({ ...t, text: maskPii(t.text).masked })),
      };
    },
  };
}
