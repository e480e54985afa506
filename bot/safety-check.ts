// The safety question (as crisis lines ask it): when the triage reads a danger signal but the
// colour stays below red, the bot asks once, directly and kindly. A yes is red at once with the
// hotlines; a no is recorded with the answer on the case; anything else never blocks filing.
import { maxColor } from "../knowledge/colours.js";
import { ownerOf } from "../nlp/risk.js";
import type { RiskReason, Triage } from "../nlp/types.js";
import { askNext } from "./asking.js";
import { safetyAnswerOf } from "./safety-answer.js";
import { isRed, redAddition, redFiling } from "./filing.js";
import type { SafetyAbout, SafetyAnswer, Session } from "./session.js";
import { reprompt } from "./prompts.js";
import type { TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

/** Asks the question if the story's triage wants it and it was not asked before; true when asked. */
export function maybeAskSafety(b: TurnBuilder): boolean {
  const ask = b.s.triage?.risk.ask;
  if (!ask || b.s.safety || b.s.triage?.risk.color === "red") return false;
  b.s = { ...b.s, stage: { kind: "safety_check", about: ask.kind } };
  reprompt(b);
  return true;
}

function withReason(triage: Triage, reason: RiskReason, b: TurnBuilder): Triage {
  const color = maxColor(triage.risk.color, reason.color);
  const risk = { ...triage.risk, color, ...ownerOf(b.deps.colours)(color), reasons: [...triage.risk.reasons, reason] };
  delete risk.ask;
  return { ...triage, risk };
}

function answered(b: TurnBuilder, about: SafetyAbout, answer: SafetyAnswer["answer"], text: string): void {
  b.s = { ...b.s, safety: { about, answer, text, at: b.deps.now().toISOString() } };
}

const QUESTION: Record<SafetyAbout, string> = { self_harm: "是否有伤害自己的想法", danger: "现在是否有人有危险" };

export function onSafetyAnswer(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>, about: SafetyAbout): Session {
  const text = input.kind === "text" ? input.text.trim() : "";
  const { yes, no } = safetyAnswerOf(input);
  const said = text || (yes ? b.t.safety.yes : b.t.safety.no);
  if (yes && !no) {
    answered(b, about, "yes", said);
    b.s = {
      ...b.s,
      triage: withReason(b.s.triage!, {
        signal: "resident_confirmed",
        criterion: about === "self_harm" ? "self_harm" : "violence_threat",
        color: "red",
        words: [said],
        explanation: `询问当事人${QUESTION[about]}，当事人回答“${said}”，需立即由专人联系`,
      }, b),
    };
    return redFiling(b);
  }
  if (input.kind === "text" && !no && isRed(b, text)) {
    answered(b, about, "yes", text);
    return redAddition(b, text);
  }
  answered(b, about, no ? "no" : "unclear", said);
  b.s = {
    ...b.s,
    triage: withReason(b.s.triage!, {
      signal: no ? "resident_denied" : "resident_unclear",
      criterion: about === "self_harm" ? "self_harm" : "violence_threat",
      color: b.s.triage!.risk.color,
      words: [said],
      explanation: `已询问当事人${QUESTION[about]}，当事人回答“${said}”，请工作人员联系时再确认`,
    }, b),
  };
  b.say(no ? b.t.safety.afterNo : b.t.safety.afterUnclear);
  return askNext(b);
}
