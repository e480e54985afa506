/**
 * The triager: text → domain, services, risk colour with reasons, facts, masked text.
 * Build once with `createTriager` (loads the shipped data files unless given), then call
 * `triage` as often as needed: pure and fast, no I/O per call.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { findPlaces as gazetteerFindPlaces } from "../knowledge/gazetteer.js";
import { createServiceSearch } from "../knowledge/search.js";
import type { Knowledge } from "../knowledge/types.js";
import { classifyDomain, trainDomainModel, type Classification, type DomainModel } from "./classifier.js";
import { extractFacts } from "./facts.js";
import type { DomainLexicon } from "./features.js";
import { createT2S, normalize, type TextConverter } from "./normalize.js";
import { maskPii } from "./pii.js";
import { toPlaceHits, type FindPlacesFn } from "./places.js";
import {
  DEFAULT_MODEL_FILE,
  defaultNlpDataDir,
  loadDomainLexicon,
  loadDomainLexiconWords,
  loadDomainModel,
  DEFAULT_RISK_MODEL_FILE,
  loadRiskLexicon,
  loadRiskModel,
  parseLabelledJsonl,
} from "./resources.js";
import { assessRisk, maxColor, type OwnerOf } from "./risk.js";
import type { RiskLexicon } from "./risk-lexicon.js";
import { modelRiskReason, type RiskModel } from "./risk-model.js";
import { matchServices, type ServiceSearchFn } from "./services.js";
import { buildTrainingSet } from "./training.js";
import { parseTranscript } from "./transcript.js";
import type { RiskReason, Triage, TranscriptTriage } from "./types.js";
import { readFileSync } from "node:fs";

/** Longer inputs are cut to this many characters before analysis (100 KB pastes still work). */
export const MAX_INPUT_CHARS = 200_000;

export interface TriagerDeps {
  knowledge: Knowledge;
  model?: DomainModel;
  riskLexicon?: RiskLexicon;
  /**
   * The learned second opinion on risk (raise-only, never to red). Defaults to the shipped
   * nlp/data/risk-model.json when present; `null` turns it off (rules only).
   */
  riskModel?: RiskModel | null;
  domainLexicon?: DomainLexicon;
  /** Defaults to knowledge/search.ts `createServiceSearch(k).search` (BM25 over jieba tokens). */
  search?: ServiceSearchFn;
  /** Defaults to knowledge/gazetteer.ts `findPlaces`. */
  findPlaces?: FindPlacesFn;
  t2s?: TextConverter;
}

export interface Triager {
  triage(text: string): Triage;
  triageTranscript(text: string): TranscriptTriage;
  /** The normaliser this triager uses (t2s included). */
  normalize(text: string): string;
  readonly model: DomainModel;
}

/** The shipped model, or one built from the project's own phrases if the file is missing (~0.2 s). */
export function loadDefaultModel(knowledge?: Knowledge, lexicon?: DomainLexicon, t2s?: TextConverter): DomainModel {
  const path = join(defaultNlpDataDir(), DEFAULT_MODEL_FILE);
  if (existsSync(path)) return loadDomainModel(path);
  const phrases = parseLabelledJsonl(readFileSync(join(defaultNlpDataDir(), "domain-phrases.jsonl"), "utf8")).examples;
  const conv = t2s ?? createT2S();
  const training = buildTrainingSet(knowledge ? { phrases, lexiconWords: loadDomainLexiconWords(), knowledge } : { phrases, lexiconWords: loadDomainLexiconWords() });
  return trainDomainModel(training, (t) => normalize(t, conv), lexicon ?? loadDomainLexicon(), ["domain-phrases", "domain-lexicon", "catalogue"]);
}

/** The shipped risk model, or none (rules only) when the file is absent. */
function loadDefaultRiskModel(): RiskModel | null {
  const path = join(defaultNlpDataDir(), DEFAULT_RISK_MODEL_FILE);
  return existsSync(path) ? loadRiskModel(path) : null;
}

export function createTriager(deps: TriagerDeps): Triager {
  const k = deps.knowledge;
  const t2s = deps.t2s ?? createT2S();
  const riskLexicon = deps.riskLexicon ?? loadRiskLexicon();
  const domainLexicon = deps.domainLexicon ?? loadDomainLexicon();
  const model = deps.model ?? loadDefaultModel(k, domainLexicon, t2s);
  const riskModel = deps.riskModel === undefined ? loadDefaultRiskModel() : deps.riskModel;
  const search: ServiceSearchFn = deps.search ?? ((searcher) => (text, opts) => searcher.search(text, opts))(createServiceSearch(k));
  const findPlaces = deps.findPlaces ?? gazetteerFindPlaces;
  const levels = new Map(k.rubric.map((l) => [l.color, l]));
  const ownerOf: OwnerOf = (color) => {
    const level = levels.get(color);
    return level ? { owner: level.owner, ownerTitle: level.ownerTitle } : { owner: "mediator", ownerTitle: "调解员" };
  };
  const norm = (text: string) => normalize(text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text, t2s);

  function analyse(normalized: string, extraReasons: RiskReason[] = []): Triage {
    const { masked, findings } = maskPii(normalized);
    // Analysis runs on the masked text: numbers in PII are not money or people counts.
    const facts = extractFacts(masked, toPlaceHits(findPlaces(k, masked)));
    const cls: Classification =
      masked.trim() === ""
        ? { kind: "unsure", domain: "other", confidence: 0, candidates: [], evidence: [] }
        : classifyDomain(model, masked, domainLexicon);
    let risk = assessRisk(masked, facts, riskLexicon, ownerOf);
    // The learned second opinion only raises what the rules (and the operator's words) left low.
    const rulesColor = extraReasons.reduce((c, r) => maxColor(c, r.color), risk.color);
    const modelReason = riskModel && masked.trim() !== "" ? modelRiskReason(riskModel, masked, { color: rulesColor, reasons: risk.reasons }) : undefined;
    const extra = modelReason ? [...extraReasons, modelReason] : extraReasons;
    if (extra.length > 0) {
      const color = extra.reduce((c, r) => maxColor(c, r.color), risk.color);
      const reasons = [...risk.reasons.filter((r) => r.signal !== "ordinary"), ...extra];
      risk = { color, reasons, ...ownerOf(color) };
    }
    if (masked.trim() === "") {
      risk.reasons = [{ signal: "empty", criterion: "ordinary", color: "blue", words: [], explanation: "内容为空或无法识别，请当事人再描述一下遇到的问题" }];
    }
    const services = masked.trim() === "" ? [] : matchServices(k, search, masked, cls, risk, facts);
    return {
      domain: cls.domain,
      confidence: cls.confidence,
      unsure: cls.kind === "unsure",
      candidates: cls.candidates,
      risk,
      services,
      facts,
      masked,
      pii: findings,
      domainEvidence: cls.evidence,
    };
  }

  return {
    model,
    normalize: norm,
    triage: (text) => analyse(norm(text)),
    triageTranscript(text) {
      const parsed = parseTranscript(norm(text));
      const body = [parsed.callerAccount, parsed.operatorNotes].filter(Boolean).join("\n");
      // What the operator said may reveal a risk the caller only confirmed (坐席：您是不是想不开？来电人：嗯).
      const operatorText = parsed.turns.filter((t) => t.speaker === "operator").map((t) => t.text).join("。");
      const operatorRisk = assessRisk(maskPii(operatorText).masked, { attempts: [] }, riskLexicon, ownerOf);
      const extra: RiskReason[] = operatorRisk.reasons
        .filter((r) => r.color === "red" || r.color === "orange")
        .map((r) => ({
          ...r,
          signal: `operator_${r.signal}`,
          color: "orange",
          explanation: `坐席在通话中提到“${r.words.join("、")}”（${r.explanation}），请核实来电人的回答`,
        }));
      const result = analyse(body, extra);
      return {
        ...result,
        callerAccount: maskPii(parsed.callerAccount).masked,
        operatorNotes: maskPii(parsed.operatorNotes).masked,
        turns: parsed.turns.map((t) => ({ ...t, text: maskPii(t.text).masked })),
      };
    },
  };
}
