// What is still missing after the story, how each question is asked, and how an
// answer (free words or a button) fills it.
import { looksLikePlaceName, placeOf } from "../nlp/places.js";
import type { Domain, Facts } from "../nlp/types.js";
import { findMobile, isSkip, toHalfWidth } from "./commands.js";
import type { Answers, Field, Session } from "./session.js";
import type { Texts } from "./texts.js";
import type { DialogueDeps, InboundMessage, OutboundMessage } from "./types.js";

const ASK_ORDER: Field[] = ["domain", "place", "otherParty", "since", "attempts", "wants", "contact"];

/** Facts the triage found, as answers (the resident can still correct them). */
export function answersFromFacts(facts: Facts, answers: Answers): Answers {
  const next: Answers = { ...answers };
  if (!next.place && (facts.township || facts.village)) {
    const text = [facts.township?.name, facts.village?.name].filter(Boolean).join(" ");
    next.place = { ...(facts.township ? { township: facts.township } : {}), ...(facts.village ? { village: facts.village } : {}), text, confirmed: true };
  }
  if (!next.otherParty && facts.otherParty) next.otherParty = { text: facts.otherParty.text, relation: facts.otherParty.relation };
  if (!next.since && facts.duration) next.since = { text: facts.duration.text, days: facts.duration.days };
  if (!next.attempts && facts.attempts.length > 0) {
    next.attempts = { text: facts.attempts.map((a) => a.text).join("、"), kinds: facts.attempts.map((a) => a.kind) };
  }
  if (!next.wants && facts.wants) next.wants = facts.wants;
  return next;
}

export function nextMissing(session: Session): Field | undefined {
  for (const field of ASK_ORDER) {
    if (field === "domain") {
      if (session.triage?.unsure && !session.answers.domain) return "domain";
      continue;
    }
    if (field === "contact") {
      if (!session.answers.contact) return "contact";
      continue;
    }
    if (session.answers[field] === undefined) return field;
  }
  return undefined;
}

export function questionFor(field: Field, session: Session, t: Texts, retry = false): OutboundMessage {
  switch (field) {
    case "domain": {
      const candidates = (session.triage?.candidates ?? []).slice(0, 3).map((c) => c.domain);
      const domains = candidates.length > 0 ? candidates : (["neighbor", "marital", "financial"] as Domain[]);
      return {
        text: t.ask.domain,
        buttons: [
          ...domains.filter((d) => d !== "other").map((d) => ({ label: t.domainLabels[d] ?? d, value: `domain:${d}` })),
          { label: t.domainNone, value: "domain:other" },
        ],
      };
    }
    case "place":
      return { text: retry ? t.ask.placeRetry : t.ask.place };
    case "otherParty":
      return { text: t.ask.otherParty };
    case "since":
      return { text: t.ask.since, buttons: t.sinceOptions.map((o) => ({ label: o.label, value: `since:${o.days}` })) };
    case "attempts":
      return { text: t.ask.attempts, buttons: t.attemptOptions.map((o) => ({ label: o.label, value: `attempts:${o.kind}` })) };
    case "wants":
      return { text: t.ask.wants, buttons: t.wantOptions.map((label, i) => ({ label, value: `wants:${i}` })) };
    case "contact":
      return {
        text: t.ask.contact,
        buttons: [
          { label: t.contactChannel, value: "contact:channel" },
          { label: t.contactPhone, value: "contact:phone" },
        ],
      };
    case "phone":
      return { text: retry ? t.ask.phoneRetry : t.ask.phone };
  }
}

export type AnswerOutcome = { ok: true; answers: Answers; next?: Field } | { ok: false };

/** Reads an answer to `field`; `{ok:false}` asks again (at most once for places and phones). */
export function applyAnswer(
  field: Field,
  input: Extract<InboundMessage, { kind: "text" } | { kind: "button" }>,
  session: Session,
  deps: DialogueDeps,
  t: Texts,
  tries: number,
): AnswerOutcome {
  const answers = { ...session.answers };
  const button = input.kind === "button" ? input.value : undefined;
  const text = input.kind === "text" ? toHalfWidth(input.text) : "";
  const skipped = input.kind === "text" && isSkip(text);
  switch (field) {
    case "domain": {
      const chosen = button?.startsWith("domain:") ? button.slice(7) : matchDomainLabel(text, t);
      if (!chosen) return skipped ? { ok: true, answers: { ...answers, domain: session.triage?.domain ?? "other" } } : { ok: false };
      return { ok: true, answers: { ...answers, domain: chosen as Domain } };
    }
    case "place": {
      const { township, village, villageText } = placeOf(deps.findPlaces(text));
      if (township || village) {
        const name = [township?.name, village?.name ?? villageText].filter(Boolean).join(" ");
        const detail = placeDetail(text, [township?.name, village?.name, villageText]);
        answers.place = { ...(township ? { township } : {}), ...(village ? { village } : {}), text: detail ? `${name} ${detail}` : name, confirmed: true };
        return { ok: true, answers };
      }
      if (skipped) return { ok: true, answers: { ...answers, place: { text: t.unknownAnswer, confirmed: false } } };
      // A name shaped like a place ("张家湾村") that the gazetteer does not hold is taken as said, for
      // the clerk to check; asking again would not make it known. Other words get one more try. The
      // township already known stays (地点是高家沟村 after 印斗镇 is 印斗镇 高家沟村).
      if (looksLikePlaceName(text)) {
        const known = answers.place?.township;
        const said = text.trim().slice(0, 40);
        return { ok: true, answers: { ...answers, place: { ...(known ? { township: known } : {}), text: known && !said.includes(known.name) ? `${known.name} ${said}` : said, confirmed: false } } };
      }
      if (tries < 1 || text.length === 0) return { ok: false };
      return { ok: true, answers: { ...answers, place: { text: text.slice(0, 40), confirmed: false } } };
    }
    case "otherParty": {
      if (text.length === 0) return { ok: false };
      const relation = deps.extractFacts(text, []).otherParty?.relation ?? "stated";
      return { ok: true, answers: { ...answers, otherParty: { text: skipped ? t.unknownAnswer : text.slice(0, 40), relation } } };
    }
    case "since": {
      const option = button?.startsWith("since:") ? t.sinceOptions.find((o) => `since:${o.days}` === button) : undefined;
      if (option) return { ok: true, answers: { ...answers, since: { text: option.label, days: option.days } } };
      if (text.length === 0) return { ok: false };
      const duration = deps.extractFacts(text, []).duration;
      return { ok: true, answers: { ...answers, since: { text: skipped ? t.unknownAnswer : text.slice(0, 40), ...(duration ? { days: duration.days } : {}) } } };
    }
    case "attempts": {
      const option = button?.startsWith("attempts:") ? t.attemptOptions.find((o) => `attempts:${o.kind}` === button) : undefined;
      if (option) return { ok: true, answers: { ...answers, attempts: { text: option.label, kinds: option.kind === "none" ? [] : [option.kind] } } };
      if (text.length === 0) return { ok: false };
      const kinds = deps.extractFacts(text, []).attempts.map((a) => a.kind);
      return { ok: true, answers: { ...answers, attempts: { text: text.slice(0, 60), kinds } } };
    }
    case "wants": {
      const index = button?.startsWith("wants:") ? Number(button.slice(6)) : NaN;
      const chosen = Number.isInteger(index) ? t.wantOptions[index] : undefined;
      if (chosen) return { ok: true, answers: { ...answers, wants: chosen } };
      if (text.length === 0) return { ok: false };
      return { ok: true, answers: { ...answers, wants: skipped ? t.unknownAnswer : text.slice(0, 80) } };
    }
    case "contact": {
      const phone = findMobile(text);
      if (phone) return { ok: true, answers: { ...answers, contact: "phone", phone } };
      if (button === "contact:phone" || /电话|手机|phone/i.test(text)) return { ok: true, answers, next: "phone" };
      if (button === "contact:channel" || text.length > 0) return { ok: true, answers: { ...answers, contact: "channel" } };
      return { ok: false };
    }
    case "phone": {
      const phone = findMobile(text);
      if (phone) return { ok: true, answers: { ...answers, contact: "phone", phone } };
      if (skipped || tries >= 1) return { ok: true, answers: { ...answers, contact: "channel" } };
      return { ok: false };
    }
  }
}

function matchDomainLabel(text: string, t: Texts): string | undefined {
  if (!text) return undefined;
  if (/都不是|其他|别的/.test(text)) return "other";
  const words: [string, RegExp][] = [
    ["medical", /医|病|看病/],
    ["marital", /婚|家庭|夫妻|彩礼|赡养|抚养/],
    ["neighbor", /邻|噪音|漏水|界墙|通行/],
    ["financial", /借|贷|钱|保险|欠/],
    ["campus", /学校|校园|学生|孩子在校|老师/],
  ];
  for (const [domain, pattern] of words) if (pattern.test(text)) return domain;
  for (const [domain, label] of Object.entries(t.domainLabels)) if (label.toLowerCase().startsWith(text.toLowerCase())) return domain;
  return undefined;
}

/**
 * What the resident said of the place beyond the gazetteer's names (双湖峪街道滨河新区的碧桂园工地 →
 * 滨河新区的碧桂园工地, 在电市镇 我娘家门口的河边 → 我娘家门口的河边), so a correction or a crisis
 * answer keeps its detail; bare fillers (的, 那边) are not detail.
 */
function placeDetail(text: string, names: readonly (string | undefined)[]): string | undefined {
  let rest = text.trim();
  for (const n of names) if (n) rest = rest.split(n).join(" ");
  rest = rest
    .replace(/^[\s，,。]*(?:地点|地方)?(?:是|在|就在|住在|我家在|我在|俺在|额在)?/, "")
    .replace(/[\s，,。！!？?]*(?:的|那边|这边|那儿|这儿|呢|啊|吧|了)?[\s，,。！!？?]*$/, "")
    .replace(/\s+/g, " ")
    .trim();
  return (rest.match(/[\u3400-\u9fff]/g)?.length ?? 0) >= 2 ? rest.slice(0, 40) : undefined;
}
