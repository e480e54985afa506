/**
 * The crisis mode: once a red case is filed, every message is answered as crisis lines do —
 * acknowledge, 110/120 again when the danger is immediate or rising (the message's own triage is
 * red), then one question at a time: where are you, is someone with you, a number to call. What
 * the resident tells goes on the case at once; every bot reply goes into the staff transcript.
 * When a person has written, the bot says so once and then only repeats 110 on new danger.
 */
import { placeOf } from "../nlp/places.js";
import type { RiskAssessment } from "../nlp/types.js";
import type { ContactUpdate } from "../queue/case-desk.js";
import { findPhones } from "../nlp/pii.js";
import { isNo, maskPhone, toHalfWidth } from "./commands.js";
import { crisisTextsFor, type CrisisTexts } from "./crisis-texts.js";
import { safetyAnswerOf } from "./safety-answer.js";
import type { CrisisQuestion, CrisisState, Session } from "./session.js";
import type { TurnBuilder } from "./turn.js";
import type { Input } from "./types.js";

type Danger = "self" | "others" | "violence";

const DANGER_OF_CRITERION: Record<string, Danger> = {
  self_harm: "self",
  extreme_behavior: "self",
  violence_threat: "others",
  weapon: "others",
  group_incident: "others",
  domestic_violence: "violence",
};

/** The kinds of danger the red reasons of an assessment speak of. */
export function dangersOf(risk: RiskAssessment): Set<Danger> {
  const out = new Set<Danger>();
  const red = risk.reasons.filter((r) => r.color === "red");
  // A threat against the resident ("他说要杀了我") or one someone else made against the resident's family
  // ("还说再告诉老师就弄死他", of a bullied son) is told how to get safe, not "别动手".
  const againstResident = red.some((r) => r.words.some((w) => AGAINST_RESIDENT.test(w) || (REPORTED_THREAT.test(w) && !OWN_THREAT.test(w))));
  for (const r of red) {
    const danger = DANGER_OF_CRITERION[r.criterion] ?? "self";
    out.add(danger === "others" && againstResident ? "violence" : danger);
  }
  return out;
}

/** Words that make the resident the one threatened: 杀了我, 弄死我和孩子, 要我的命. */
const AGAINST_RESIDENT = /(?:杀|砍|捅|弄死|打死|打残|弄残|废|害|报复|收拾|整死)(?:了|掉)?(?:我|俺|额)|要(?:了)?(?:我|俺)的命|\b(?:kill|hurt|stab) (?:me|us)\b/i;

/** A threat told as someone else's words: 还说…, 放话…, 扬言…, 威胁… */
const REPORTED_THREAT = /(?:说|放话|放出话|扬言|威胁|叫嚣|嚷嚷|撂下话)/;
/** The resident's own threat, even when told as what they said: 我说了再来我就弄死他, 俺非砍了他. */
const OWN_THREAT = /(?:我|俺|额)(?:们)?(?:今晚|明天|马上|现在|一定|肯定|非|就|要|也|迟早)*(?:去|得|把他|把她)?(?:杀|砍|捅|弄死|打死|整死|宰|剁|收拾|拼命|同归于尽)|\b(?:i|we)(?:'ll| will| am going to| gonna)? (?:kill|stab|hurt)\b/i;

/**
 * The hotlines for this danger: a threat to others or violence under way gets 110 first (not the
 * psychological hotline text); self-harm gets 110/120 and 12356.
 * @example crisisHelp("zh", riskOf("他再来我就拿刀砍他")) starts with "现在最要紧的是谁都不要受伤"
 */
export function crisisHelp(language: Session["language"], risk: RiskAssessment | undefined): string {
  const t = crisisTextsFor(language);
  // Without a danger word in the resident's words the kind of danger is not known: the general lines.
  if (!risk || risk.ask) return t.help.general;
  const dangers = dangersOf(risk);
  const first = dangers.has("others") ? t.help.others : dangers.has("violence") ? t.help.violence : t.help.self;
  const help = first === t.help.self || !dangers.has("self") ? first : `${first}\n${t.help.alsoSelf}`;
  return risk.reasons.some((r) => r.signal === "self_means_at_hand") ? `${help}\n${t.help.putAway}` : help;
}

/** The danger is immediate or rising (this message's own triage is red): 110/120 now, and what to do. */
function dangerAgain(b: TurnBuilder, risk: RiskAssessment): string[] {
  const t = crisisTexts(b);
  const dangers = dangersOf(risk);
  const what = dangers.has("others") ? t.again.others : dangers.has("violence") ? t.again.violence : t.again.self;
  return [t.stillDanger, what];
}

function crisisTexts(b: TurnBuilder): CrisisTexts {
  return crisisTextsFor(b.s.language);
}

/** Starts the crisis mode (a red case was just filed, or a later message was red) and asks the first question. */
export function startCrisis(b: TurnBuilder, lead: string[] = []): Session {
  const { unfiled, ...crisis }: CrisisState = b.s.crisis ?? { startedAt: b.deps.now().toISOString(), askedBefore: [] };
  const risk = b.s.triage?.risk;
  // A red without a danger word in the resident's words: ask first whether anyone is in danger.
  const unsure = risk?.color === "red" ? risk.ask : undefined;
  b.s = { ...b.s, crisis: unsure && !crisis.askedBefore.includes("safety") ? { ...crisis, safetyFirst: unsure.kind } : crisis };
  // What was told while the filing was retried goes on the case now that it exists.
  const number = b.s.filed?.number;
  if (number && unfiled && (unfiled.place || unfiled.phone)) b.effect({ kind: "update_contact", caseNumber: number, contact: unfiled });
  sayWithQuestion(b, lead);
  return b.s;
}

/**
 * A message while a red filing is still being retried: what it tells (where, who is with them, a
 * phone) is kept, so that once the case exists it goes on the case and is not asked again.
 */
export function heardBeforeFiling(b: TurnBuilder, text: string): void {
  const crisis: CrisisState = b.s.crisis ?? { startedAt: b.deps.now().toISOString(), askedBefore: [] };
  b.s = { ...b.s, crisis };
  const heard = readAnswers(b, text, b.triage(text).pii);
  const before = b.s.crisis!.unfiled ?? {};
  if (heard.contact.place || heard.contact.phone) b.s = { ...b.s, crisis: { ...b.s.crisis!, unfiled: { ...before, ...heard.contact } } };
}

/** A resident's message while in crisis (the case is filed). */
export function onCrisisMessage(b: TurnBuilder, input: { kind: "text"; text: string } | { kind: "button"; value: string }): Session {
  const number = b.s.filed!.number;
  const t = crisisTexts(b);
  const text = input.kind === "text" ? input.text.trim() : "";
  const triage = text ? b.triage(text) : undefined;
  const risk = triage?.risk;
  const kept = input.kind === "text" ? input.text : input.value;
  b.effect({ kind: "append_to_case", caseNumber: number, text: kept, at: b.deps.now(), ...(risk && risk.color !== "blue" ? { risk } : {}) });
  const heard = text ? readAnswers(b, text, triage!.pii) : { lines: [], contact: {} };
  if (heard.contact.place || heard.contact.phone) b.effect({ kind: "update_contact", caseNumber: number, contact: heard.contact });
  const red = risk?.color === "red";
  const safety = b.s.crisis?.asked === "safety" && !red ? safetyAnswerOf(input) : undefined;
  if (safety?.no && !safety.yes) return endCrisis(b, number);
  if (b.s.staffActive) {
    // A person is talking with the resident: never talk over them, only repeat 110 on new danger.
    if (red) b.say(t.stillDanger);
    return b.s;
  }
  const claimedBy = b.s.claimedBy;
  const crisis = b.s.crisis!;
  if (safety && !safety.yes && !safety.no && !crisis.safetyAskedAgain) {
    // The safety question answered with other words ("县医院"): put it once more, kindly, before the others.
    b.s = { ...b.s, crisis: { ...crisis, safetyAskedAgain: true, askedBefore: crisis.askedBefore.filter((q) => q !== "safety") } };
    sayWithQuestion(b, [...heard.lines, t.heard.safetyAgain]);
    return b.s;
  }
  const said = safety?.yes ? [t.heard.safetyYes, ...heard.lines] : heard.lines;
  const lead = red ? [...dangerAgain(b, risk!), ...(claimedBy ? [t.responsible(claimedBy)] : [])] : said.length > 0 ? said : [plainReply(b, text)];
  sayWithQuestion(b, lead);
  return b.s;
}

/** "算了", "不用你管", "没用": giving up, answered with care and the hotlines (never a case withdrawn). */
const GIVING_UP = /^(?:你们?|我)?(?:算了|不用了|不用你管|别管我|不要管我|你别管|管不了|没用的?|没意思|不想说了|随便吧?|无所谓|give up|leave me alone|forget it|never ?mind|it'?s no use)/i;
const NOT_SURE = /^(?:不知道|不清楚|说不清|不晓得|不好说|i don'?t know|not sure)/i;

/** The reply to a message in crisis that answered no question: what fits it, or that the bot is listening. */
function plainReply(b: TurnBuilder, text: string): string {
  const t = crisisTexts(b);
  const said = text.replace(/[。.!！~…\s]+$/, "");
  if (GIVING_UP.test(said)) return t.heard.givingUp;
  if (NOT_SURE.test(said)) return t.heard.notSure;
  return t.heard.anything;
}

/**
 * No one is in danger, the resident says, to the safety question of a red read without a danger word:
 * the crisis mode ends (the case stays red with staff, who see the question and the answer).
 */
function endCrisis(b: TurnBuilder, number: string): Session {
  const { crisis: _crisis, ...rest } = b.s;
  b.s = rest;
  const reply = crisisTexts(b).heard.safetyNo(number);
  b.say(reply);
  b.effect({ kind: "keep_bot_replies", caseNumber: number, texts: [reply], at: b.deps.now() });
  return b.s;
}

/** In crisis, a claim: the resident hears who is responsible now; the bot keeps answering until that person writes. */
export function onCrisisClaimed(b: TurnBuilder, label: string): void {
  if (b.s.staffActive) return;
  b.say(crisisTexts(b).claimed(label));
}

/** In crisis, a staff message is followed once by the note that a person has taken over. */
export function onCrisisStaffMessage(b: TurnBuilder): void {
  const crisis = b.s.crisis;
  if (!crisis || crisis.personTold) return;
  const { asked: _asked, ...rest } = crisis;
  b.s = { ...b.s, crisis: { ...rest, personTold: true } };
  b.say(crisisTexts(b).personTookOver);
}

/**
 * Every bot reply of a crisis turn goes into the case's transcript (author "bot"), except the
 * staff member's own words (already kept as theirs). The runner's dedupe keys keep them once.
 */
export function keepCrisisReplies(b: TurnBuilder, input: Input): void {
  const number = b.s.filed?.number;
  if (!b.s.crisis || !number) return;
  const staffLine = input.kind === "staff_message" ? `${b.t.staffPrefix(input.fromLabel)}${input.text}` : undefined;
  const texts = b.replies.map((r) => r.text).filter((t) => t !== staffLine);
  if (texts.length > 0) b.effect({ kind: "keep_bot_replies", caseNumber: number, texts, at: b.deps.now() });
}

const ORDER: CrisisQuestion[] = ["safety", "place", "company", "phone"];

function sayWithQuestion(b: TurnBuilder, lead: string[]): void {
  const crisis = b.s.crisis!;
  const t = crisisTexts(b);
  const known: Record<CrisisQuestion, boolean> = {
    safety: crisis.safetyFirst === undefined,
    place: crisis.place !== undefined,
    company: crisis.company !== undefined,
    phone: b.s.answers.phone !== undefined || crisis.phoneDeclined === true,
  };
  // Someone hiding from violence is not asked who is with them (the one nearby may be the attacker).
  const dangers = b.s.triage ? dangersOf(b.s.triage.risk) : undefined;
  const hiding = dangers !== undefined && dangers.has("violence") && !dangers.has("self");
  const next = ORDER.find((q) => !known[q] && !crisis.askedBefore.includes(q) && !(q === "company" && hiding));
  const { asked: _asked, ...rest } = crisis;
  b.s = { ...b.s, crisis: next ? { ...rest, asked: next, askedBefore: [...crisis.askedBefore, next] } : rest };
  const idle = b.s.claimedBy ? t.idleClaimed(b.s.claimedBy) : t.ask.idle;
  if (next === "safety") {
    b.say([...lead, t.ask.safety[crisis.safetyFirst!]].join("\n"), [{ label: b.t.safety.yes, value: "safety:yes" }, { label: b.t.safety.no, value: "safety:no" }]);
    return;
  }
  b.say([...lead, next ? t.ask[next] : idle].join("\n"));
}

/** Words that say where someone is (a free-text answer to "where are you" when the gazetteer knows none). */
const PLACE_WORDS = /家|楼|屋|房|桥|河|湖|水库|井|山|村|镇|乡|县|城|路|街|医院|学校|门口|院|厂|地里|田|车站|站|店|宾馆|旅馆|公园|广场|单位|工地|屋顶|天台|江|坝/;
const ALONE = /没有|没人|没谁|就我(?:一个|自己)?|一个人|我自己|独自|只有我/;
const WITH_SOMEONE = /^有|^在的?$|陪着|在旁边|在身边|一起|老婆|老公|爱人|妈|爸|儿子|女儿|孩子|朋友|邻居|家人|亲戚/;
/** Said without being asked: "身边有人" / "没人陪我" / "我老婆在旁边陪着我" (not a bare kinship word). */
const COMPANY_SAID = /(?:身边|旁边|跟前|这儿|这里)(?:有|没有?)人|(?:有|没有?|没)人(?:陪|在身边|在旁边|在跟前)|(?:在|就在)(?:我)?(?:身边|旁边|跟前)|陪着我|(?:和|跟)我在一起|就我(?:一个人?|自己)|只有我(?:一个人?|自己)?|独自一人/;
const COMPANY_NONE = /没有?人|没人|就我|只有我|独自/;
/** The resident says where they are, unasked: "我现在已经在楼顶上了", "我到了河边". */
const SELF_LOCATED = /(?:我|俺)(?:现在|此刻|目前|已经|正|就|一个人)*(?:在|到了?|跑到|来到)/;
const NO_PHONE = /不留|不想留|不方便|不给|不要|算了|没有手机|没手机/;

/** What a message in crisis answers: the place (gazetteer or, when asked, in words), the phone, who is with them. */
function readAnswers(b: TurnBuilder, text: string, pii: readonly { kind: string; raw?: string }[]): { lines: string[]; contact: ContactUpdate } {
  const t = crisisTexts(b);
  let crisis = b.s.crisis!;
  const asked = crisis.asked;
  const lines: string[] = [];
  const contact: ContactUpdate = {};
  // A mobile or a landline (0912-3456789, or the local number said as a phone): either can be called.
  const phone = pii.find((p) => (p.kind === "mobile" || p.kind === "landline") && p.raw)?.raw ?? findPhones(toHalfWidth(text))[0];
  if (phone && phone !== b.s.answers.phone) {
    contact.phone = phone;
    b.s = { ...b.s, answers: { ...b.s.answers, phone, contact: "phone" } };
    lines.push(t.heard.phone(maskPhone(phone)));
  } else if (!phone && asked === "phone" && (isNo(text) || NO_PHONE.test(text))) {
    crisis = { ...crisis, phoneDeclined: true };
    lines.push(t.heard.phoneDeclined);
  }
  const place = placeIn(b, text, (asked === "place" && !phone) || SELF_LOCATED.test(text));
  if (place && place.text !== crisis.place) {
    contact.place = { text: place.text, ...(place.townshipId ? { townshipId: place.townshipId } : {}), ...(place.villageId ? { villageId: place.villageId } : {}) };
    crisis = { ...crisis, place: place.text };
    // "在家" with no township or village known is kept, but staff could not find it: say so, and ask once more.
    lines.push(place.vague ? t.heard.placeVague(place.text) : t.heard.place);
  }
  // Company said in so many words counts whenever it is said, and corrects an earlier reading ("没人 就我一个");
  // an answer to the question counts only when it is not a phone or a place (在电市镇的河边 says where, not who).
  const explicit = COMPANY_SAID.test(text) ? (COMPANY_NONE.test(text) ? "no" : "yes") : undefined;
  const answered = asked === "company" && !phone && !place ? (ALONE.test(text) ? "no" : WITH_SOMEONE.test(text) ? "yes" : undefined) : undefined;
  const company = explicit ?? (crisis.company === undefined ? answered : undefined);
  // A place given for the company question leaves it open: it is put once more (not assumed either way).
  if (!company && asked === "company" && place && place.text !== b.s.crisis?.place) crisis = { ...crisis, askedBefore: crisis.askedBefore.filter((q) => q !== "company") };
  if (company && company !== crisis.company) {
    crisis = { ...crisis, company };
    const selfHarm = b.s.triage ? dangersOf(b.s.triage.risk).has("self") : true;
    lines.push(company === "yes" ? t.heard.companyYes : selfHarm ? t.heard.companyNoSelf : t.heard.companyNo);
  }
  b.s = { ...b.s, crisis };
  return { lines, contact };
}

/** Where someone is, said without any name a person could find (在家, 楼顶上, 路边): true only with no place known. */
const GENERIC_PLACE = /^(?:家|家里|家中|自己家|屋里|屋头|房间里?|卧室|宿舍|寝室|外面|外边|外头|路上|路边|街上|楼上|楼下|楼顶上?|天台上?|屋顶上?|这里|这儿|这边|那里|村里|地里|单位|厂里|学校|医院|桥上|河边|车里|车上|山上)$/;

function placeIn(b: TurnBuilder, text: string, asked: boolean): (NonNullable<ContactUpdate["place"]> & { vague?: boolean }) | undefined {
  const { township, village, villageText } = placeOf(b.deps.findPlaces(text));
  if (township || village) {
    const name = [township?.name, village?.name ?? villageText].filter(Boolean).join("");
    const words = placeWords(text, name);
    return { text: words.includes(name) ? words : `${name}（${words}）`, ...(township ? { townshipId: township.id } : {}), ...(village ? { villageId: village.id } : {}) };
  }
  if (!asked || !PLACE_WORDS.test(text) || text.length > 40) return undefined;
  const words = placeWords(text);
  if (!words) return undefined;
  // "在家" says little alone: next to the place the case already has, it says where to go.
  const known = b.s.answers.place?.confirmed ? b.s.answers.place.text : undefined;
  return known ? { text: crisisTexts(b).placeNow(known, words) } : { text: words, ...(GENERIC_PLACE.test(words) ? { vague: true } : {}) };
}

/**
 * The parts of a message that say where (never a phone number or other digits), without "我现在在…了".
 * @example placeWords("我在马蹄沟镇盐湾村的桥上，电话13912345678", "马蹄沟镇盐湾村") → "马蹄沟镇盐湾村的桥上"
 */
function placeWords(text: string, name?: string): string {
  const parts = text
    .split(/[，,。；;！!？?\n]+/)
    .filter((p) => !/\d{3,}/.test(p) && ((name !== undefined && p.includes(name)) || PLACE_WORDS.test(p)))
    .map((p) =>
      p
        .trim()
        .replace(/^(?:我|俺)?(?:现在|目前|此刻)?(?:已经|就|正)?(?:在|到了|到)/, "")
        .replace(/[了呢啊呀吧\s]+$/, ""),
    )
    .filter(Boolean);
  return (parts.join("，") || name || "").slice(0, 40);
}

/**
 * Consent refused after a red message: nothing personal is kept, but the danger is not dropped —
 * the masked words and their risk go to the duty staff as an anonymous red record (no resident
 * key, name, phone or channel route), and the resident hears the hotlines and, honestly, what was kept.
 */
export function declinedInDanger(b: TurnBuilder): void {
  const triage = b.s.heldTriage;
  if (!triage) return;
  const at = b.deps.now();
  const { township, village } = triage.facts;
  // The masked text has no phone or ID numbers; a name the resident gave for themselves goes too.
  const words = triage.masked.replace(/(我叫|我姓|我的名字是|本人叫|名叫)[\u4e00-\u9fa5·]{1,4}/g, "$1**");
  b.effect({
    kind: "report_declined_danger",
    draft: {
      filingKey: `declined|${b.s.channel}|${b.s.createdAt}`,
      channel: b.s.channel,
      resident: { key: `anonymous:${b.s.channel}`, channel: b.s.channel, preferredContact: "channel", language: b.s.language },
      story: words,
      messages: [{ from: "resident", text: words, at }],
      triage: { ...triage, pii: [], facts: { attempts: [], ...(township ? { township } : {}), ...(village ? { village } : {}) } },
      urgent: true,
    },
  });
  b.say(crisisHelp(b.s.language, triage.risk));
  b.say(crisisTexts(b).declinedInDanger);
}
