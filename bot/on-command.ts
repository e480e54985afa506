// What each command (/start, /help, /cancel, /status, /lang, /resume, 转人工) does at any stage.
import type { Command } from "./commands.js";
import { fileNow } from "./filing.js";
import { consentPrompt, greet, reprompt } from "./prompts.js";
import { newSession, type Session } from "./session.js";
import type { TurnBuilder } from "./turn.js";

export function onCommand(b: TurnBuilder, command: Command, fresh: boolean): Session | null {
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
      if (stage.kind === "cancel_confirm") {
        // Asked to cancel, the resident says it again ("算了不弄了"): that is the yes.
        b.say(b.t.cancelled);
        return null;
      }
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
        b.s = { ...b.s, language: command.to, languageChosen: true };
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
      b.effect({ kind: "resume", step: "code", code: command.code });
      return b.s;
    case "human":
      return onHuman(b);
    case "question":
      // Answered in a line, then where we were is asked again (nothing is stored for it).
      b.say(b.t.questions[command.about]);
      if (fresh) greet(b);
      else reprompt(b);
      return b.s;
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
