// The follow-up questions: which one comes next, asking it, and taking its answer.
import { isGibberish } from "../nlp/gibberish.js";
import { looksLikePlaceName } from "../nlp/places.js";
import { isYes, onlySadEmoji } from "./commands.js";
import { isRed, redAddition } from "./filing.js";
import { fieldsCorrectedInPassing, parseCorrections } from "./correction.js";
import { applyAnswer, nextMissing, questionFor } from "./questions.js";
import type { Field, Session } from "./session.js";
import type { Slots } from "../nlp/slots.js";
import { amendment, answersField, answersSomethingElse, describeFilled, fillAnswers, slotsOf, STORY_ITEMS, withoutContactClauses } from "./slot-filling.js";
import { addToStory } from "./story-triage.js";
import { summaryMessage } from "./summary.js";
import type { TurnBuilder } from "./turn.js";
import type { InboundMessage } from "./types.js";

export function askNext(b: TurnBuilder): Session {
  const field = nextMissing(b.s);
  if (field === undefined) {
    b.s = { ...b.s, stage: { kind: "confirming" }, returnToConfirm: false };
    b.send(summaryMessage(b.s, b.t));
    return b.s;
  }
  return ask(b, field, 0);
}

export function ask(b: TurnBuilder, field: Field, tries: number, lead?: string): Session {
  const counted = !b.s.returnToConfirm;
  b.s = { ...b.s, stage: { kind: "asking", field, tries }, questionsAsked: b.s.questionsAsked + (counted ? 1 : 0) };
  const question = questionFor(field, b.s, b.t, tries > 0);
  b.send(lead ? { ...question, text: `${lead}${question.text}` } : question);
  return b.s;
}

/** The same question again, not counted as a new one: the resident's message said nothing we could use. */
function askAgain(b: TurnBuilder, field: Field, lead: string): Session {
  const question = questionFor(field, b.s, b.t);
  b.say(lead);
  b.send(question);
  return b.s;
}

export function onAnswer(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>, field: Field, tries: number): Session {
  if (input.kind === "button") return takeAnswer(b, input, field, tries);
  const text = input.text;
  if (isRed(b, text)) return redAddition(b, text);
  const added = amendment(text);
  if (added) {
    // More of the story: it joins the story, fills what it answers, and the question stands.
    addToStory(b, added, b.triage(text));
    b.s = { ...b.s, answers: fillAnswers(b.s.answers, slotsOf(added, b.deps)).answers };
    b.say(b.t.amended);
    return continueAfter(b, field);
  }
  if (onlySadEmoji(text)) return askAgain(b, field, b.t.feelingSeen);
  if (isGibberish(text)) return askAgain(b, field, b.t.notUnderstood);
  // "确认", "好的" to a question that wants words: never taken as the answer (a place called "确认").
  if (isYes(text) && field !== "contact") return askAgain(b, field, b.t.needAnswer);
  // The label of the contact buttons typed (or an older button list tapped as text) answers that question, not this one.
  if (field !== "contact" && field !== "phone" && text.trim() === b.t.contactChannel) {
    b.s = { ...b.s, answers: { ...b.s.answers, contact: "channel" } };
    return askAgain(b, field, b.t.contactNotedEarly);
  }
  const slots = slotsOf(text, b.deps);
  // Before the domain words are read: a story that mentions money ("说没钱") is not an answer "借钱".
  if (tellsMoreOfStory(field, text, slots)) {
    // The story told (again, or more of it) where a short answer was asked for: it joins the story,
    // which may settle the question (a domain the first words left unsure), and fills what it answers.
    addToStory(b, text, b.triage(text));
    b.s = { ...b.s, answers: fillAnswers(b.s.answers, slots).answers };
    b.say(b.t.amended);
    return continueAfter(b, field);
  }
  if (field === "place" && !answersField(field, slots) && looksLikePlaceName(text)) {
    // "县医院", "张家湾村": where it happened, even when the same words also name the other party.
    b.s = { ...b.s, answers: fillAnswers(b.s.answers, slots).answers };
    return takeAnswer(b, input, field, tries);
  }
  const domainChosen = field === "domain" && applyAnswer(field, input, b.s, b.deps, b.t, tries).ok;
  if (domainChosen) {
    b.s = { ...b.s, answers: fillAnswers(b.s.answers, slots).answers };
    return takeAnswer(b, input, field, tries);
  }
  if (!answersField(field, slots) && answersSomethingElse(field, slots)) {
    // The answer to another question: keep it there, and ask this one again, kindly. A message that
    // answers one item on its own ("去年三月份") is the resident's word for it and replaces what the
    // story let the bot guess.
    const sole = soleAnswer(field, text, slots);
    const { answers } = fillAnswers(b.s.answers, sole.includes("otherParty") ? ownWordsFor("otherParty", text, slots) : slots, sole);
    b.s = { ...b.s, answers };
    if (nextMissing(b.s) !== field && !b.s.returnToConfirm) return askNext(b);
    const mentioned = STORY_ITEMS.filter((f) => slots[f] !== undefined);
    const items = describeFilled(mentioned, answers, b.t);
    // The kind of matter is asked twice at most: then the best reading stands, for staff to check.
    if (field === "domain" && tries >= 1) return guessDomain(b, b.t.notedOnly(items));
    return ask(b, field, field === "domain" ? tries + 1 : tries, b.t.notedOther(items));
  }
  if (answersField(field, slots)) {
    const inPassing = fieldsCorrectedInPassing(text);
    b.s = { ...b.s, answers: fillAnswers(b.s.answers, ownWordsFor(field, text, slots), [field, ...inPassing]).answers };
    correctInPassing(b, text, field, inPassing, slots);
    if (field === "phone" || field === "contact") b.s = { ...b.s, answers: { ...b.s.answers, contact: "phone" } };
    return afterAnswer(b);
  }
  if (field === "domain") {
    // Not a kind of matter ("好些年咧", "咋弄嘛"): the words join the story, so nothing said is lost;
    // asked once more with a plain hint, then the best reading is taken for staff to check.
    addToStory(b, text, b.triage(text));
    b.s = { ...b.s, answers: fillAnswers(b.s.answers, slots).answers };
    return tries < 1 ? ask(b, field, tries + 1, b.t.domainPleaseTap) : guessDomain(b);
  }
  // Nothing a reader recognises for this question: the resident's own words are the answer
  // (without a phone or a name given alongside, which still fill their own items).
  b.s = { ...b.s, answers: fillAnswers(b.s.answers, slots, [field]).answers };
  const rest = withoutContactClauses(text, slots);
  if (rest.length === 0 && (slots.phone || slots.name)) return continueAfter(b, field);
  return takeAnswer(b, { kind: "text", text: rest || text }, field, tries);
}

/**
 * A short answer to "对方是谁" is kept in the resident's words (班里的几个同学, not 同学) when the reading
 * is inside it: the relation the reader found stays for routing.
 */
function ownWordsFor(field: Field, text: string, slots: Slots): Slots {
  const said = text.trim();
  const party = slots.otherParty;
  if (field !== "otherParty" || !party || said.length > 20 || !said.includes(party.text) || /[，,。；;]/.test(said)) return slots;
  return { ...slots, otherParty: { ...party, text: said.replace(/^(?:对方是|是)/, "") } };
}

/**
 * An item set right in passing that no reader found (a village the gazetteer does not know: 地点是印斗镇
 * 高家沟村): its words after 是 are taken as that item's answer, as at the summary.
 */
function correctInPassing(b: TurnBuilder, text: string, field: Field, inPassing: readonly Field[], slots: Slots): void {
  for (const c of parseCorrections(text, b.deps)) {
    if (c.kind !== "answer" || c.field === field || !inPassing.includes(c.field)) continue;
    const item = STORY_ITEMS.find((f) => f === c.field);
    if (!item || slots[item] !== undefined) continue;
    const outcome = applyAnswer(c.field, { kind: "text", text: c.value }, b.s, b.deps, b.t, 1);
    if (outcome.ok) b.s = { ...b.s, answers: outcome.answers };
  }
}

/** The kind of matter as the story reads best, said to the resident (staff check it). */
function guessDomain(b: TurnBuilder, lead = ""): Session {
  const domain = b.s.triage?.domain ?? "other";
  b.s = { ...b.s, answers: { ...b.s.answers, domain } };
  b.say(`${lead}${b.t.domainGuessed(b.t.domainLabels[domain] ?? domain)}`);
  return afterAnswer(b);
}

function takeAnswer(b: TurnBuilder, input: Extract<InboundMessage, { kind: "text" | "button" }>, field: Field, tries: number): Session {
  const outcome = applyAnswer(field, input, b.s, b.deps, b.t, tries);
  if (!outcome.ok) return ask(b, field, tries + 1);
  b.s = { ...b.s, answers: outcome.answers };
  if (outcome.next) return ask(b, outcome.next, 0);
  return afterAnswer(b);
}

function afterAnswer(b: TurnBuilder): Session {
  if (b.s.returnToConfirm) {
    b.say(b.t.corrected);
    b.s = { ...b.s, stage: { kind: "confirming" }, returnToConfirm: false };
    b.send(summaryMessage(b.s, b.t));
    return b.s;
  }
  return askNext(b);
}

/** After a message that did not answer `field` directly: ask it again unless it got filled meanwhile. */
function continueAfter(b: TurnBuilder, field: Field): Session {
  const stillMissing = nextMissing(b.s) === field || (b.s.returnToConfirm && !answered(b.s, field));
  if (stillMissing) {
    b.send(questionFor(field, b.s, b.t));
    return b.s;
  }
  return afterAnswer(b);
}

/** Story words a story item question cannot hold: at the domain buttons, or long with nothing of the item. */
function tellsMoreOfStory(field: Field, text: string, slots: Slots): boolean {
  const words = text.replace(/[\p{P}\p{S}\s\d]/gu, "").length;
  if (field === "domain") return words >= 10;
  if (field !== "place" && field !== "otherParty" && field !== "since") return false;
  return words > 24 && !answersField(field, slots) && !answersSomethingElse(field, slots);
}

/** The one item a short message answers by itself (it then replaces the earlier reading). */
function soleAnswer(field: Field, text: string, slots: Slots): Field[] {
  const given = STORY_ITEMS.filter((f) => f !== field && slots[f] !== undefined);
  return given.length === 1 && text.replace(/[\p{P}\p{S}\s]/gu, "").length <= 16 ? [given[0]!] : [];
}

function answered(s: Session, field: Field): boolean {
  return field === "contact" || field === "phone" ? s.answers.contact !== undefined : field === "domain" ? s.answers.domain !== undefined : s.answers[field] !== undefined;
}
