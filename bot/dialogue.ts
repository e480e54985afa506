/**
 * The intake dialogue as a state machine: (session, input) → (session', replies, effects).
 * Pure: no channel, no database, no clock of its own (deps.now). The runner in
 * adapters/intake carries out the effects and feeds their results back as inputs.
 * @example respond(null, { kind: "text", text: "你好" }, who, deps).replies[0].text starts with the greeting
 */
import { mergeRisk } from "../nlp/risk.js";
import type { Triage } from "../nlp/types.js";
import { isNo, isYes, parseCommand, type Command } from "./commands.js";
import { parseCorrection } from "./correction.js";
import { answersFromFacts, applyAnswer, nextMissing, questionFor } from "./questions.js";
import { newSession, type Field, type Session, type Stage } from "./session.js";
import { caseDraft, correctionButtons, summaryMessage } from "./summary.js";
import { textsFor, type Texts } from "./texts.js";
import type { DialogueDeps, Effect, EffectResult, InboundMessage, Input, OutboundMessage, ResidentIdentity, Turn } from "./types.js";

const TRANSCRIPT_LIMIT = 80;

class TurnBuilder {
  readonly replies: OutboundMessage[] = [];
  readonly effects: Effect[] = [];
  constructor(public s: Session, readonly deps: DialogueDeps) {}
  get t(): Texts {
    return textsFor(this.s.language);
  }
  say(text: string, buttons?: OutboundMessage["buttons"]): void {
    this.replies.push(buttons && buttons.length > 0 ? { text, buttons } : { text });
  }
  send(message: OutboundMessage): void {
    this.replies.push(message);
  }
  effect(effect: Effect): void {
    this.effects.push(effect);
  }
}

export function respond(
  prev: Session | null,
  input: Input,
  who: ResidentIdentity,
  deps: DialogueDeps,
  opts: { notice?: NonNullable<Session["notice"]> } = {},
): Turn {
  const now = deps.now();
  if (prev === null && input.kind === "staff_message") {
    // The conversation expired but a person still writes: deliver without a new interview.
    return { session: null, replies: [{ text: `${textsFor("zh").staffPrefix(input.fromLabel)}${input.text}` }], effects: [] };
  }
  const fresh = prev === null;
  const b = new TurnBuilder(prev ?? { ...newSession(who, now), ...(opts.notice ? { notice: opts.notice } : {}) }, deps);
  b.s = { ...b.s, updatedAt: now.toISOString() };
  if (b.s.notice && isInbound(input)) {
    b.say(b.s.notice.caseNumber ? b.t.expiredWithCase(b.s.notice.caseNumber) : b.t.expired);
    const { notice: _notice, ...rest } = b.s;
    b.s = rest;
  }
  let session: Session | null;
  if (isInbound(input)) {
    if (input.kind === "text" && b.s.consentAt && !b.s.filed) record(b, "resident", input.text);
    session = onInbound(b, input, fresh);
  } else {
    session = onResult(b, input, fresh);
  }
  if (session && session.consentAt && !session.filed) {
    for (const reply of b.replies) record(b, "bot", reply.text);
    session = b.s;
  }
  return { session, replies: b.replies, effects: b.effects };
}

function isInbound(input: Input): input is InboundMessage {
  return input.kind === "text" || input.kind === "button" || input.kind === "file" || input.kind === "unsupported";
}

function record(b: TurnBuilder, from: "resident" | "bot", text: string): void {
  const transcript = [...b.s.transcript, { from, text, at: b.deps.now().toISOString() }].slice(-TRANSCRIPT_LIMIT);
  b.s = { ...b.s, transcript };
}

// ---------------------------------------------------------------- inbound messages

function onInbound(b: TurnBuilder, input: InboundMessage, fresh: boolean): Session | null {
  if (input.kind === "unsupported") {
    b.say(b.t.unsupported[input.what]);
    if (!fresh) reprompt(b);
    else greet(b);
    return b.s;
  }
  if (input.kind === "file") return onFile(b, input, fresh);
  if (input.kind === "text") {
    const command = parseCommand(input.text);
    if (command) return onCommand(b, command, fresh);
  } else {
    const global = onGlobalButton(b, input.value);
    if (global !== undefined) return global;
  }
  const stage = b.s.stage;
  switch (stage.kind) {
    case "consent":
      return onConsent(b, input, fresh);
    case "story":
      return onStory(b, input, stage.wantsPerson);
    case "asking":
      return onAnswer(b, input, stage.field, stage.tries);
    case "confirming":
    case "choosing_correction":
      return onConfirming(b, input);
    case "filing":
      // The last filing failed: any message retries it.
      return fileNow(b);
    case "handed_off":
      return onAfterHandoff(b, input);
    case "cancel_confirm":
      return onCancelConfirm(b, input, stage.back);
  }
}

function onGlobalButton(b: TurnBuilder, value: string): Session | null | undefined {
  if (value === "lang:zh" || value === "lang:en") {
    b.s = { ...b.s, language: value === "lang:en" ? "en" : "zh" };
    b.say(b.t.langSet);
    reprompt(b);
    return b.s;
  }
  return undefined;
}

function greet(b: TurnBuilder): void {
  b.say(b.t.greeting);
  consentPrompt(b, b.t.privacyNotice);
}

function consentPrompt(b: TurnBuilder, text: string): void {
  b.say(text, [
    { label: b.t.consentYes, value: "consent:yes" },
    { label: b.t.consentNo, value: "consent:no" },
  ]);
}

function onConsent(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>, fresh: boolean): Session | null {
  const text = input.kind === "text" ? input.text : "";
  if (input.kind === "button" ? input.value === "consent:yes" : !fresh && isYes(text)) {
    const code = b.deps.newResumeCode();
    b.s = { ...b.s, consentAt: b.deps.now().toISOString(), resumeCode: code, stage: { kind: "story", wantsPerson: false } };
    b.effect({ kind: "register_resume_code", code });
    if (b.s.heldStory) {
      const held = b.s.heldStory;
      const { heldStory: _held, ...rest } = b.s;
      b.s = rest;
      record(b, "resident", held);
      return takeStory(b, held, true);
    }
    b.say(`${b.t.askStory}\n${b.t.resumeCodeNote(code)}`);
    return b.s;
  }
  if (input.kind === "button" ? input.value === "consent:no" : isNo(text)) {
    b.say(b.t.consentDeclined);
    return null;
  }
  if (text && isRed(b, text)) {
    // Life first: help at once, and keep this one message so it can be filed on consent.
    b.s = { ...b.s, heldStory: [b.s.heldStory, text].filter(Boolean).join("\n"), redHelpShown: true, urgent: true };
    b.say(b.t.red.help);
    if (fresh) b.say(b.t.greeting);
    consentPrompt(b, `${b.t.privacyNotice}\n${b.t.red.beforeConsent}`);
    return b.s;
  }
  if (fresh) greet(b);
  else consentPrompt(b, b.t.consentReminder);
  return b.s;
}

function onStory(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>, wantsPerson: boolean): Session {
  if (input.kind === "button") {
    b.say(b.t.askStory);
    return b.s;
  }
  const text = input.text.trim();
  if (text.length < 4 && !isRed(b, text)) {
    b.say(b.t.storyTooShort);
    return b.s;
  }
  return takeStory(b, text, wantsPerson);
}

function takeStory(b: TurnBuilder, text: string, fileAtOnce: boolean): Session {
  const story = b.s.story ? `${b.s.story}\n${text}` : text;
  const triage = b.deps.triage(story);
  let answers = answersFromFacts(triage.facts, b.s.answers);
  const mobile = triage.pii.find((p) => p.kind === "mobile" && p.raw);
  if (mobile?.raw && !answers.phone) answers = { ...answers, phone: mobile.raw, contact: "phone" };
  b.s = { ...b.s, story, triage, answers };
  if (triage.risk.color === "red") return redFiling(b);
  if (fileAtOnce) {
    b.say(b.t.human.filingNow);
    b.s = { ...b.s, urgent: true };
    return fileNow(b);
  }
  b.say(b.t.storyReceived);
  return askNext(b);
}

function askNext(b: TurnBuilder): Session {
  const field = nextMissing(b.s);
  if (field === undefined) {
    b.s = { ...b.s, stage: { kind: "confirming" }, returnToConfirm: false };
    b.send(summaryMessage(b.s, b.t));
    return b.s;
  }
  return ask(b, field, 0);
}

function ask(b: TurnBuilder, field: Field, tries: number): Session {
  const counted = !b.s.returnToConfirm;
  b.s = { ...b.s, stage: { kind: "asking", field, tries }, questionsAsked: b.s.questionsAsked + (counted ? 1 : 0) };
  b.send(questionFor(field, b.s, b.t, tries > 0));
  return b.s;
}

function onAnswer(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>, field: Field, tries: number): Session {
  if (input.kind === "text" && isRed(b, input.text)) {
    b.s = { ...b.s, story: `${b.s.story}\n${input.text}` };
    return redFiling(b);
  }
  const outcome = applyAnswer(field, input, b.s, b.deps, b.t, tries);
  if (!outcome.ok) return ask(b, field, tries + 1);
  let answers = outcome.answers;
  if (input.kind === "text" && input.text.length >= 8) {
    // A long answer often carries more than was asked: keep what it says.
    answers = answersFromFacts(b.deps.extractFacts(input.text, b.deps.findPlaces(input.text)), answers);
  }
  b.s = { ...b.s, answers };
  if (outcome.next) return ask(b, outcome.next, 0);
  if (b.s.returnToConfirm) {
    b.say(b.t.corrected);
    b.s = { ...b.s, stage: { kind: "confirming" }, returnToConfirm: false };
    b.send(summaryMessage(b.s, b.t));
    return b.s;
  }
  return askNext(b);
}

function onConfirming(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>): Session {
  if (input.kind === "button") {
    if (input.value === "confirm:yes") return fileNow(b);
    if (input.value.startsWith("edit:")) {
      b.s = { ...b.s, returnToConfirm: true };
      return ask(b, input.value.slice(5) as Field, 0);
    }
    b.s = { ...b.s, stage: { kind: "choosing_correction" } };
    b.send(correctionButtons(b.t));
    return b.s;
  }
  if (isRed(b, input.text)) {
    b.s = { ...b.s, story: `${b.s.story}\n${input.text}` };
    return redFiling(b);
  }
  const correction = parseCorrection(input.text, b.deps);
  switch (correction.kind) {
    case "confirm":
      return fileNow(b);
    case "choose":
    case "unclear":
      b.s = { ...b.s, stage: { kind: "choosing_correction" } };
      if (correction.kind === "unclear") b.say(b.t.correctionNotUnderstood);
      b.send(correctionButtons(b.t));
      return b.s;
    case "ask":
      b.s = { ...b.s, returnToConfirm: true };
      return ask(b, correction.field, 0);
    case "answer": {
      const outcome = applyAnswer(correction.field, { kind: "text", text: correction.value }, b.s, b.deps, b.t, 1);
      b.s = { ...b.s, returnToConfirm: true };
      if (!outcome.ok) return ask(b, correction.field, 0);
      if (outcome.next) return ask(b, outcome.next, 0);
      b.s = { ...b.s, answers: outcome.answers, stage: { kind: "confirming" }, returnToConfirm: false };
      b.say(b.t.corrected);
      b.send(summaryMessage(b.s, b.t));
      return b.s;
    }
  }
}

function onAfterHandoff(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>): Session {
  const number = b.s.filed?.number;
  const text = input.kind === "text" ? input.text : input.value;
  if (!number) return b.s;
  // A later message can carry a new danger: its risk travels with it so the case's
  // colour can only go up (the queue raises it; nothing here lowers it).
  const risk = input.kind === "text" ? b.deps.triage(input.text).risk : undefined;
  b.effect({ kind: "append_to_case", caseNumber: number, text, at: b.deps.now(), ...(risk && risk.color !== "blue" ? { risk } : {}) });
  if (risk?.color === "red") {
    b.say(`${b.t.red.help}\n${b.t.red.filedNow}`);
    return b.s;
  }
  // A person is already talking with the resident: the bot stays quiet.
  if (!b.s.staffActive) b.say(b.t.afterHandoffAck(number));
  return b.s;
}

function onFile(b: TurnBuilder, input: Extract<InboundMessage, { kind: "file" }>, fresh: boolean): Session | null {
  if (!b.s.consentAt) {
    if (fresh) b.say(b.t.greeting);
    consentPrompt(b, `${fresh ? `${b.t.privacyNotice}\n` : ""}${b.t.evidenceBeforeConsent}`);
    return b.s;
  }
  const at = b.deps.now();
  if (b.s.filed) {
    b.effect({ kind: "attach_evidence", caseNumber: b.s.filed.number, evidence: { kind: input.file, ref: input.ref, name: input.name, at } });
    if (input.caption) b.effect({ kind: "append_to_case", caseNumber: b.s.filed.number, text: input.caption, at });
    if (!b.s.staffActive) b.say(b.t.evidenceAttached(b.s.filed.number));
    return b.s;
  }
  b.s = { ...b.s, evidence: [...b.s.evidence, { kind: input.file, ref: input.ref, name: input.name, at: at.toISOString() }] };
  b.say(b.t.evidenceHeld);
  if (input.caption && b.s.stage.kind === "story") {
    record(b, "resident", input.caption);
    return onStory(b, { kind: "text", text: input.caption }, b.s.stage.wantsPerson);
  }
  reprompt(b);
  return b.s;
}

function onCancelConfirm(
  b: TurnBuilder,
  input: Extract<InboundMessage, { kind: "text" | "button" }>,
  back: Exclude<Stage, { kind: "cancel_confirm" }>,
): Session | null {
  const text = input.kind === "text" ? input.text : "";
  if (input.kind === "button" ? input.value === "cancel:yes" : isYes(text)) {
    b.say(b.t.cancelled);
    return null;
  }
  b.s = { ...b.s, stage: back };
  if (input.kind === "button" ? input.value === "cancel:no" : isNo(text)) {
    b.say(b.t.continueAfterCancelNo);
    reprompt(b);
    return b.s;
  }
  return onInbound(b, input, false);
}

// ---------------------------------------------------------------- commands

function onCommand(b: TurnBuilder, command: Command, fresh: boolean): Session | null {
  switch (command.kind) {
    case "start":
      if (fresh || b.s.stage.kind === "consent") {
        greet(b);
        return b.s;
      }
      if (b.s.filed) {
        // A new matter after a hand-off: consent stands, the earlier case stays open.
        const next = newSession(b.s, b.deps.now(), b.s.language);
        b.s = { ...next, consentAt: b.s.consentAt, ...(b.s.resumeCode ? { resumeCode: b.s.resumeCode } : {}), stage: { kind: "story", wantsPerson: false } };
        b.say(b.t.askStory);
        return b.s;
      }
      b.say(b.t.startInProgress);
      reprompt(b);
      return b.s;
    case "help":
      b.say(b.t.help);
      if (fresh) greet(b);
      else reprompt(b);
      return b.s;
    case "cancel": {
      if (b.s.filed) {
        b.say(b.t.cancelAfterFiling(b.s.filed.number));
        return b.s;
      }
      const stage = b.s.stage;
      if (fresh || stage.kind === "consent") {
        b.say(b.t.cancelled);
        return null;
      }
      if (stage.kind === "cancel_confirm") return b.s;
      b.s = { ...b.s, stage: { kind: "cancel_confirm", back: stage } };
      b.say(b.t.cancelAsk, [
        { label: b.t.cancelYes, value: "cancel:yes" },
        { label: b.t.cancelNo, value: "cancel:no" },
      ]);
      return b.s;
    }
    case "status":
      b.effect(command.number ? { kind: "request_status", caseNumber: command.number } : { kind: "request_status" });
      return fresh ? null : b.s;
    case "lang":
      if (command.to) {
        b.s = { ...b.s, language: command.to };
        b.say(b.t.langSet);
        if (fresh) greet(b);
        else reprompt(b);
        return b.s;
      }
      b.say(b.t.langAsk, [
        { label: "中文", value: "lang:zh" },
        { label: "English", value: "lang:en" },
      ]);
      return b.s;
    case "resume":
      b.effect({ kind: "resume", code: command.code });
      return b.s;
    case "human":
      return onHuman(b);
  }
}

function onHuman(b: TurnBuilder): Session {
  if (!b.s.consentAt) {
    consentPrompt(b, `${b.t.human.beforeConsent}\n${b.t.privacyNotice}`);
    return b.s;
  }
  if (b.s.filed) {
    b.effect({ kind: "append_to_case", caseNumber: b.s.filed.number, text: "（居民请求人工）", at: b.deps.now() });
    b.say(b.t.human.already);
    return b.s;
  }
  if (!b.s.story) {
    b.s = { ...b.s, stage: { kind: "story", wantsPerson: true } };
    b.say(b.t.human.noStory);
    return b.s;
  }
  b.say(b.t.human.filingNow);
  b.s = { ...b.s, urgent: true };
  return fileNow(b);
}

// ---------------------------------------------------------------- filing and results

function isRed(b: TurnBuilder, text: string): boolean {
  return b.deps.triage(text).risk.color === "red";
}

function redFiling(b: TurnBuilder): Session {
  b.s = { ...b.s, urgent: true, redHelpShown: true };
  b.say(`${b.t.red.help}\n${b.t.red.filedNow}`);
  return fileNow(b);
}

function fileNow(b: TurnBuilder): Session {
  const triage = currentTriage(b);
  b.s = { ...b.s, triage, stage: { kind: "filing" } };
  b.effect({ kind: "file_case", draft: caseDraft(b.s, triage) });
  return b.s;
}

/** The story's triage, with any red seen later merged in (a colour never goes down by itself). */
function currentTriage(b: TurnBuilder): Triage {
  const latest = b.deps.triage(b.s.story || b.s.heldStory || "");
  const previous = b.s.triage;
  if (!previous) return latest;
  return { ...previous, risk: mergeRisk(previous.risk, latest.risk) };
}

function onResult(b: TurnBuilder, result: EffectResult, fresh: boolean): Session | null {
  switch (result.kind) {
    case "case_filed": {
      const { filed } = result;
      b.s = { ...b.s, filed: { number: filed.number, color: filed.color }, stage: { kind: "handed_off" }, evidence: [] };
      if (b.s.redHelpShown) {
        b.say(b.t.red.filed(filed.number));
        b.say(b.s.answers.place ? b.t.red.gentle : b.t.red.gentlePlace);
        return b.s;
      }
      const minutes = Math.max(1, Math.round((filed.firstResponseDue.getTime() - b.deps.now().getTime()) / 60_000));
      b.say(
        b.t.handoff({
          number: filed.number,
          ...(filed.studioName ? { studio: filed.studioName } : {}),
          ...(filed.serviceName ? { service: filed.serviceName } : {}),
          agencies: filed.agencyNames.join("、"),
          response: b.t.responseTime(minutes),
          urgent: b.s.urgent,
        }),
      );
      return b.s;
    }
    case "filing_failed":
      b.say(b.t.filingFailed);
      return b.s;
    case "status": {
      const v = result.view;
      if (!v) b.say(b.t.statusNone);
      else
        b.say(
          b.t.status({
            number: v.number,
            statusText: v.statusText,
            updated: v.updatedAt.toISOString().slice(0, 16).replace("T", " "),
            ...(v.claimedBy ? { claimedBy: v.claimedBy } : {}),
          }),
        );
      return fresh ? null : b.s;
    }
    case "resumed": {
      const from = result.from;
      b.s = { ...from, residentKey: b.s.residentKey, channel: b.s.channel, ...(b.s.displayName ? { displayName: b.s.displayName } : {}), updatedAt: b.s.updatedAt };
      b.say(b.t.resumeOk);
      reprompt(b);
      return b.s;
    }
    case "resume_failed":
      b.say(b.t.resumeFailed);
      reprompt(b);
      return b.s;
    case "staff_message":
      b.s = { ...b.s, staffActive: true };
      b.say(`${b.t.staffPrefix(result.fromLabel)}${result.text}`);
      return b.s;
  }
}

/** Repeats where we are, without counting it as a new question. */
function reprompt(b: TurnBuilder): void {
  const stage = b.s.stage;
  switch (stage.kind) {
    case "consent":
      consentPrompt(b, b.t.privacyNotice);
      return;
    case "story":
      b.say(b.t.askStory);
      return;
    case "asking":
      b.send(questionFor(stage.field, b.s, b.t));
      return;
    case "confirming":
      b.send(summaryMessage(b.s, b.t));
      return;
    case "choosing_correction":
      b.send(correctionButtons(b.t));
      return;
    case "cancel_confirm":
    case "filing":
    case "handed_off":
      return;
  }
}
