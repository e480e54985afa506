// Every item a resident's message answers goes into the answers, whichever question was asked
// (nlp/slots.ts reads them); the dialogue then asks only what is still missing.
import { readOtherParty } from "../nlp/facts.js";
import { findMobiles } from "../nlp/pii.js";
import type { ReaderFacts } from "../nlp/reader.js";
import { readSlots, type Slots } from "../nlp/slots.js";
import { toHalfWidth } from "./commands.js";
import type { Answers, Field } from "./session.js";
import type { Texts } from "./texts.js";
import type { DialogueDeps } from "./types.js";

export function slotsOf(text: string, deps: DialogueDeps): Slots {
  const plain = toHalfWidth(text);
  return readSlots(plain, deps.findPlaces(plain));
}

/** Letters and digits only: a second reader's phrase is compared with the story without spacing or punctuation. */
const bare = (s: string) => s.replace(/[\s，,。.；;：:！!？?、"“”'‘’（）()]/g, "");

/**
 * A second reader's facts (the LLM's, nlp/reader.ts) as slots, each only if the resident said it:
 * its words are in the story (a phrase the model made up or reworded is dropped, and so is anything
 * masked), and a place names a township or village of the gazetteer that the story names too.
 */
export function slotsFromReader(facts: ReaderFacts, story: string, deps: DialogueDeps): Slots {
  const told = bare(toHalfWidth(story));
  const said = (v: string | undefined): v is string => v !== undefined && !v.includes("*") && bare(v).length >= 2 && told.includes(bare(toHalfWidth(v)));
  const out: Slots = {};
  if (facts.place && !facts.place.includes("*")) {
    const place = slotsOf(facts.place, deps).place;
    const names = [place?.village?.name, place?.township?.name].filter((n): n is string => n !== undefined);
    if (place && names.some((n) => told.includes(n.replace(/[镇乡村]$/, "")))) out.place = place;
  }
  if (said(facts.otherParty)) {
    const party = readOtherParty(facts.otherParty);
    out.otherParty = { text: facts.otherParty, relation: party?.relation ?? "other", named: party?.name !== undefined };
  }
  if (said(facts.since)) {
    const days = slotsOf(facts.since, deps).since?.days;
    out.since = { text: facts.since, ...(days === undefined ? {} : { days }) };
  }
  if (said(facts.attempts)) out.attempts = { text: facts.attempts, kinds: deps.extractFacts(facts.attempts, []).attempts.map((a) => a.kind) };
  if (said(facts.wants)) out.wants = facts.wants;
  return out;
}

/** The field a slot answers (phone answers the contact question). */
export function answersField(field: Field, slots: Slots): boolean {
  switch (field) {
    case "domain":
      return false;
    case "contact":
    case "phone":
      return slots.phone !== undefined;
    default:
      return slots[field] !== undefined;
  }
}

/** The items of a story a message can answer in any order (a phone or a name never stands in for an answer). */
export const STORY_ITEMS = ["place", "otherParty", "since", "attempts", "wants"] as const satisfies readonly Field[];

/** The main items a message can misfile. */
export function answersSomethingElse(field: Field, slots: Slots): boolean {
  return STORY_ITEMS.some((f) => f !== field && slots[f] !== undefined);
}

/**
 * The answers with what the slots say. Fields in `replace` (the question being answered) take
 * the new reading; the others are only filled where empty, and a bare relation ("邻居")
 * gains the name said later ("邻居张大海").
 * @returns the answers and the fields that changed
 */
export function fillAnswers(answers: Answers, slots: Slots, replaceFields: readonly Field[] = []): { answers: Answers; filled: Field[] } {
  const next: Answers = { ...answers };
  const filled: Field[] = [];
  const replace = (field: Field) => replaceFields.includes(field);
  if (slots.place && (replace("place") || !next.place || !next.place.confirmed)) {
    const { township, village, text } = slots.place;
    next.place = { ...(township ? { township } : {}), ...(village ? { village } : {}), text, confirmed: true };
    filled.push("place");
  }
  const party = slots.otherParty;
  const unnamed = next.otherParty !== undefined && readOtherParty(next.otherParty.text)?.name === undefined;
  if (party && (!next.otherParty || replace("otherParty") || (party.named && unnamed))) {
    if (next.otherParty?.text !== party.text) {
      next.otherParty = { text: party.text, relation: party.relation };
      filled.push("otherParty");
    }
  }
  // "他姓王" after "邻居": the name joins the relation told before (邻居（姓王）, 邻居王老三).
  if (slots.otherName && !slots.otherParty && (!next.otherParty || unnamed)) {
    const name = slots.otherName;
    const text = next.otherParty ? `${next.otherParty.text}${name.startsWith("姓") ? `（${name}）` : name}` : name;
    next.otherParty = { text, relation: next.otherParty?.relation ?? "other" };
    filled.push("otherParty");
  }
  if (slots.since && (replace("since") || !next.since || moreOf(slots.since.text, next.since.text))) {
    next.since = slots.since;
    filled.push("since");
  }
  if (slots.attempts && (replace("attempts") || !next.attempts || moreOf(slots.attempts.text, next.attempts.text))) {
    next.attempts = slots.attempts;
    filled.push("attempts");
  } else if (slots.attempts && next.attempts && slots.attempts.kinds.some((k) => !next.attempts!.kinds.includes(k))) {
    // Something else tried, told later ("也找过劳动监察"): it joins what was already said.
    next.attempts = { text: `${next.attempts.text}${joinedBy(slots.attempts.text)}${slots.attempts.text}`, kinds: [...new Set([...next.attempts.kinds, ...slots.attempts.kinds])] };
    filled.push("attempts");
  }
  if (slots.wants && (replace("wants") || !next.wants || moreOf(slots.wants, next.wants))) {
    next.wants = slots.wants;
    filled.push("wants");
  }
  if (slots.phone && (replace("contact") || replace("phone") || !next.phone)) {
    next.phone = slots.phone;
    next.contact = "phone";
    filled.push("contact");
  }
  if (slots.name && !next.name) next.name = slots.name;
  return { answers: next, filled };
}

/** Between two things tried, in the resident's own words: "找过村委会/社区；找过劳动监察", "Village committee; …". */
const joinedBy = (text: string) => (/[\u3400-\u9fff]/.test(text) ? "；" : "; ");

/** The new reading says what the old one did and more ("去年夏天" after "夏天"). */
function moreOf(fresh: string, old: string): boolean {
  return fresh.length > old.length && fresh.includes(old);
}

/** "对方：邻居王老三；开始时间：去年秋天", for telling the resident what was kept. */
export function describeFilled(fields: readonly Field[], answers: Answers, t: Texts): string {
  const l = t.summaryLabels;
  const parts: string[] = [];
  for (const field of fields) {
    if (field === "place" && answers.place) parts.push(`${l.place}${t.colon}${answers.place.text}`);
    if (field === "otherParty" && answers.otherParty) parts.push(`${l.otherParty}${t.colon}${answers.otherParty.text}`);
    if (field === "since" && answers.since) parts.push(`${l.since}${t.colon}${answers.since.text}`);
    if (field === "attempts" && answers.attempts) parts.push(`${l.attempts}${t.colon}${answers.attempts.text}`);
    if (field === "wants" && answers.wants) parts.push(`${l.wants}${t.colon}${answers.wants}`);
  }
  return parts.join(t.listSeparator);
}

/** The words of a message without the clauses that only gave a phone or a name. */
export function withoutContactClauses(text: string, slots: Slots): string {
  if (!slots.phone && !slots.name) return text;
  return text
    .split(/[，,；;。\n]+/)
    .filter((c) => findMobiles(c).length === 0 && !/电话|手机|号码|我叫|我姓|名字/.test(c))
    .join("，")
    .trim();
}

// "还有一件事…", "另外…", "补充一下…": more of the story, told in the middle of the questions.
const AMEND = /^(?:还有(?:一件事|件事|个事|一点|一个情况)?|另外|补充(?:一下|一点)?|我再补充(?:一下|一点)?|对了|忘了说(?:了)?|我忘了说|再说一下)[，,：:。\s]*/;

/** The added part of an amendment, or undefined when the message is not one. */
export function amendment(text: string): string | undefined {
  const m = AMEND.exec(toHalfWidth(text));
  if (!m) return undefined;
  const rest = toHalfWidth(text).slice(m[0].length).trim();
  return rest.length >= 2 ? rest : undefined;
}
