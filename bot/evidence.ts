// Files the resident sends: held until filing, attached to the case after it.
import { consentPrompt, reprompt } from "./prompts.js";
import type { Session } from "./session.js";
import { onStory } from "./story.js";
import { record, type TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

export function onFile(b: TurnBuilder, input: Extract<InboundMessage, { kind: "file" }>, fresh: boolean): Session | null {
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
