// The results of effects the runner carried out (filed, status, resume steps, staff message), fed back as input.
import { formatChinaTime } from "../queue/china-time.js";
import { onCrisisClaimed, onCrisisStaffMessage, startCrisis } from "./crisis.js";
import { crisisTextsFor } from "./crisis-texts.js";
import { fileNow } from "./filing.js";
import { reprompt } from "./prompts.js";
import { onResumeResult } from "./resume.js";
import { fillAnswers, slotsFromReader } from "./slot-filling.js";
import { answerWords } from "./summary.js";
import type { Session } from "./session.js";
import type { TurnBuilder } from "./turn.js";
import type { EffectResult } from "./types.js";

export function onResult(b: TurnBuilder, result: EffectResult, fresh: boolean): Session | null {
  switch (result.kind) {
    case "case_filed": {
      const { filed } = result;
      const { filingRetrying: retried, filingAnswerOwed: _owed, ...rest } = b.s;
      b.s = { ...rest, filed: { number: filed.number, color: filed.color }, stage: { kind: "handed_off" }, evidence: [] };
      if (b.s.redHelpShown) {
        // Said only now that the case exists (never before: the filing may fail).
        // After a wait (the filing was retried) the hotlines are said again: the last time was a while ago.
        const again = retried ? `\n${crisisTextsFor(b.s.language).hotlinesAgain}` : "";
        b.say(`${b.t.red.filedNow}\n${b.t.red.filed(filed.number)}${again}`);
        return startCrisis(b);
      }
      const minutes = Math.max(1, Math.round((filed.firstResponseDue.getTime() - b.deps.now().getTime()) / 60_000));
      b.say(
        b.t.handoff({
          number: filed.number,
          ...(filed.studioName ? { studio: filed.studioName } : {}),
          ...(filed.serviceName ? { service: filed.serviceName } : {}),
          agencies: filed.agencyNames.join(b.t.nameSeparator),
          response: b.t.responseTime(minutes),
          urgent: b.s.urgent,
        }),
      );
      // Two matters told at once: the other one is registered next, on the resident's word.
      if (b.s.secondMatter) b.say(b.t.secondMatter);
      return b.s;
    }
    case "filing_failed":
      // The runner keeps the filing and retries it; the resident hears so once, honestly.
      // A red filing still being retried: the resident is not left without an answer meanwhile
      // (said only now that this attempt failed too, never on the turn that files it).
      if (!b.s.filingRetrying) b.say(b.s.redHelpShown ? b.t.red.filingRetrying : b.t.filingFailed);
      else if (b.s.filingAnswerOwed) b.say(crisisTextsFor(b.s.language).stillFiling);
      b.s = { ...b.s, filingRetrying: true };
      delete b.s.filingAnswerOwed;
      return b.s;
    case "retry_filing":
      return b.s.stage.kind === "filing" ? fileNow(b) : b.s;
    case "story_read":
      return fresh ? null : onStoryRead(b, result);
    case "status": {
      const v = result.view;
      if (!v && !fresh && !b.s.filed && b.s.consentAt) {
        // Asked mid-intake ("有人管吗"): nothing is filed yet; say so and carry on where we were.
        b.say(b.t.statusInProgress);
        reprompt(b);
      } else if (!v) b.say(b.t.statusNone);
      else
        b.say(
          b.t.status({
            number: v.number,
            statusText: v.statusText,
            updated: formatChinaTime(v.updatedAt),
            ...(v.claimedBy ? { claimedBy: v.claimedBy } : {}),
          }),
        );
      return fresh ? null : b.s;
    }
    case "resume_check":
    case "resumed":
    case "resume_failed":
    case "resume_answered":
      return onResumeResult(b, result);
    case "staff_message":
      b.s = { ...b.s, staffActive: true };
      b.say(`${b.t.staffPrefix(result.fromLabel)}${result.text}`);
      onCrisisStaffMessage(b);
      return b.s;
    case "case_claimed":
      b.s = { ...b.s, claimedBy: result.fromLabel };
      if (b.s.crisis) onCrisisClaimed(b, result.fromLabel);
      else b.say(b.t.claimed(result.fromLabel, result.caseNumber));
      return b.s;
  }
}

/**
 * A second reader's facts, arriving after the resident was already asked the next question: they
 * fill only items still empty (the resident's own answers stand), and only while the questions are
 * still being asked. Nothing is said: the resident sees them in the summary, to confirm or correct.
 */
function onStoryRead(b: TurnBuilder, result: Extract<EffectResult, { kind: "story_read" }>): Session {
  if (b.s.stage.kind !== "asking" || !b.s.story) return b.s;
  const slots = slotsFromReader(result.facts, b.s.story, b.deps);
  const empty = Object.fromEntries(Object.entries(slots).filter(([field]) => b.s.answers[field as keyof typeof b.s.answers] === undefined));
  const { answers, filled } = fillAnswers(b.s.answers, empty);
  if (filled.length === 0) return b.s;
  const machineFilled = { ...b.s.machineFilled };
  for (const field of filled) {
    const words = answerWords(answers, field);
    if (words) machineFilled[field] = words;
  }
  b.s = { ...b.s, answers, machineFilled };
  return b.s;
}
