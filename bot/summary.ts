// The confirmation summary in plain words, and the case draft built from it.
import type { NewCase } from "../queue/case-desk.js";
import type { Domain, Facts, Triage } from "../nlp/types.js";
import { saysNothingTried } from "../nlp/slots.js";
import { maskPhone } from "./commands.js";
import type { Answers, Field, Session } from "./session.js";
import { textsFor, type Texts } from "./texts.js";
import type { OutboundMessage } from "./types.js";

export function chosenDomain(session: Session): Domain {
  return session.answers.domain ?? session.triage?.domain ?? "other";
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The words an answer holds, as the summary shows them. */
export function answerWords(a: Answers, field: Field): string | undefined {
  switch (field) {
    case "place":
      return a.place?.text;
    case "otherParty":
      return a.otherParty?.text;
    case "since":
      return a.since?.text;
    case "attempts":
      return a.attempts?.text;
    case "wants":
      return a.wants;
    default:
      return undefined;
  }
}

export function summaryMessage(session: Session, t: Texts): OutboundMessage {
  const a = session.answers;
  const l = t.summaryLabels;
  // What a second reader filled and the resident has not answered since is marked for them to check.
  const mark = (field: Field) => (session.machineFilled?.[field] !== undefined && session.machineFilled[field] === answerWords(a, field) ? t.machineRead : "");
  const place = a.place ? `${a.place.text}${a.place.confirmed ? "" : t.placeUnconfirmed}${mark("place")}` : t.notSaid;
  const contact = a.contact === "phone" && a.phone ? t.contactByPhone(maskPhone(a.phone)) : `${t.contactByChannel}${t.inParens(t.channelNames[session.channel] ?? session.channel)}`;
  const c = t.colon;
  const lines = [
    t.summaryTitle,
    `1. ${l.domain}${c}${t.domainLabels[chosenDomain(session)] ?? chosenDomain(session)}`,
    `2. ${l.story}${c}${shorten(session.story, 60)}`,
    `3. ${l.place}${c}${place}`,
    `4. ${l.otherParty}${c}${a.otherParty ? `${a.otherParty.text}${mark("otherParty")}` : t.notSaid}`,
    `5. ${l.since}${c}${a.since ? `${a.since.text}${mark("since")}` : t.notSaid}`,
    `6. ${l.attempts}${c}${a.attempts ? `${a.attempts.text}${mark("attempts")}` : t.notSaid}`,
    `7. ${l.wants}${c}${a.wants ? `${a.wants}${mark("wants")}` : t.notSaid}`,
    // The name the resident gave is shown with the contact, so a misheard name can be corrected too.
    `8. ${l.contact}${c}${a.name ? `${a.name}${t.listSeparator}${contact}` : contact}`,
    "",
    t.summaryHint,
  ];
  return {
    text: lines.join("\n"),
    buttons: [
      { label: t.confirm, value: "confirm:yes" },
      { label: t.correct, value: "confirm:edit" },
    ],
  };
}

export function correctionButtons(t: Texts): OutboundMessage {
  const l = t.summaryLabels;
  return {
    text: t.whichField,
    buttons: [
      { label: l.place, value: "edit:place" },
      { label: l.otherParty, value: "edit:otherParty" },
      { label: l.since, value: "edit:since" },
      { label: l.attempts, value: "edit:attempts" },
      { label: l.wants, value: "edit:wants" },
      { label: l.contact, value: "edit:contact" },
      { label: l.domain, value: "edit:domain" },
      // Nothing to change after all: the resident can still submit from here.
      { label: t.confirm, value: "confirm:yes" },
    ],
  };
}

/** What the resident confirmed, in the triage's own fact shape. */
export function confirmedFacts(session: Session): Partial<Facts> {
  const a = session.answers;
  const facts: Partial<Facts> = {};
  if (a.place?.township) facts.township = a.place.township;
  if (a.place?.village) facts.village = a.place.village;
  // The place as the resident said it when that is more than the gazetteer's names (a village it does not
  // know, 滨河新区的碧桂园工地 after the township): staff read it, never dropped.
  const named = [a.place?.township?.name, a.place?.village?.name].filter(Boolean).join(" ");
  if (a.place && a.place.text !== textsFor(session.language).unknownAnswer && a.place.text !== named) facts.placeText = a.place.text;
  if (a.otherParty) facts.otherParty = a.otherParty;
  if (a.since?.days !== undefined) facts.duration = { days: a.since.days, text: a.since.text };
  // A start told without a day count ("去年秋天") is kept as told, not lost.
  if (a.since && a.since.text !== textsFor(session.language).unknownAnswer) facts.since = a.since.text;
  // What was tried is kept as the resident confirmed it, also when no kind of office is recognised in
  // it (找过村主任, 没寻过谁): the record staff read is the one the resident approved.
  if (a.attempts && a.attempts.text !== textsFor(session.language).unknownAnswer) {
    const { text, kinds } = a.attempts;
    facts.attempts = kinds.length > 0 ? kinds.map((kind) => ({ kind, text })) : [{ kind: saysNothingTried(text) ? "none" : "other", text }];
  }
  if (a.wants) facts.wants = a.wants;
  return facts;
}

/** The case as filed: the story unmasked (stored), the triage with the resident's domain choice. */
export function caseDraft(session: Session, triage: Triage): NewCase {
  const domain = chosenDomain(session);
  const story = session.story || session.heldStory || "";
  return {
    filingKey: `${session.residentKey}|${session.createdAt}`,
    channel: session.channel,
    resident: {
      key: session.residentKey,
      channel: session.channel,
      // The name the resident gave in the conversation before the channel's display name.
      ...(session.answers.name ?? session.displayName ? { displayName: session.answers.name ?? session.displayName } : {}),
      ...(session.answers.phone ? { phone: session.answers.phone } : {}),
      preferredContact: session.answers.contact === "phone" && session.answers.phone ? "phone" : "channel",
      language: session.language,
    },
    story,
    messages: session.transcript.map((m) => ({ from: m.from, text: m.text, at: new Date(m.at) })),
    triage: domain === triage.domain ? triage : { ...triage, domain, unsure: false },
    confirmedFacts: confirmedFacts(session),
    urgent: session.urgent,
    evidence: session.evidence.map((e) => ({ kind: e.kind, ref: e.ref, name: e.name, at: new Date(e.at) })),
  };
}
