/**
 * Whose words a danger word is: the resident's own, someone else's story (people in general, the
 * person spoken to, someone told of), something done before (the experiential 过), and whose hesitation
 * a hedge is. The reading front (nlp/reading.ts) asks these of each hit in its clause and sentence.
 */

/** A clause or any stretch of the text, by offsets. */
interface Span {
  start: number;
  end: number;
}

const FIRST_PERSON = /[我俺额咱]|自己/;
/** The resident speaking: 自己 after people in general is theirs (好多人说自己想跳楼), so only the pronouns count there. */
const RESIDENT = /[我俺额咱]/;
const SOMEONE_ELSE = /有人|别人|人家|那个人|那个女孩|那个男孩/;
/** People in general (好多人, 有的人, 那么多…的人): what they say or do is told of, unless the resident is in the clause. */
const PEOPLE_IN_GENERAL = /(?:好多|很多|许多|不少|那么多|这么多|一些|有些|有的)(?:的)?人|那些人|这些人/;
/** The words as what marks people out (想死的人, 想死的都去死, 自杀的太多了): of others unless the resident is in the clause. */
const MARKS_PEOPLE = /^的(?:人|都|太多|很多|越来越多|不少)/;
/** Someone spoken to (你, 你们): what is said of them is not the resident's own unless the resident is in the clause too. */
const ADDRESSED = /你/;
/** Telling someone not to (别想不开, 千万不要): the one told is at risk, so it is neither a negation nor someone else's story. */
export const TELLING_NOT_TO = /[别莫勿]$|不要$|千万别$/;
/** Who a clause is about: a pronoun or a person named in it. A clause without one carries on the subject before it. */
const ANY_PERSON = /[我俺额咱你他她]|自己|人/;
/** A question put about someone else (假如你的孩子要自杀…, 要是别人想不开…): nobody in the clause is at risk yet. */
const SUPPOSING_SOMEONE = /(?:假如|假设|如果|要是|万一)(?:你|他|她|别人|有人|孩子|儿女)/;
/** Looking for company ("有人约吗", "有没有人一起"): the "someone" is who the resident wants beside them. */
const INVITATION = /有没有人|谁(?:愿意|想|要)|一起|做个?伴|结伴|约/;
/** The act as an attribute of an event or a person (跳楼的表姐, 跳楼自杀的事, 跳楼事件), not of a thought (轻生的想法). */
const ACT_AS_ATTRIBUTE = /^(?:自杀)?(?:的(?:事|新闻|消息|人|那个|女孩|男孩|学生|孩子|表姐|表哥|表妹|表弟|同学|邻居|情节|视频|案子)|事件|案件|新闻)/;

/**
 * An act told of someone else as an event: "有人跳崖了" (someone, and no "I" in the clause) or the
 * act as an attribute ("跳楼的表姐", "跳楼自杀的事") with no wish before it. Not a threat to the resident:
 * 有人要杀我 keeps its "我".
 */
export function toldOfSomeoneElse(text: string, clause: Span, sentenceFrom: number, start: number, end: number, selfHarm: boolean): boolean {
  const inClause = text.slice(clause.start, start);
  // A clause with nobody in it before the words carries on the sentence's subject (很多人一点事就说自己抑郁了，想跳楼了).
  const before = ANY_PERSON.test(inClause) ? inClause : text.slice(sentenceFrom, start);
  const whole = text.slice(clause.start, clause.end);
  if (SOMEONE_ELSE.test(before) && !FIRST_PERSON.test(whole) && !INVITATION.test(whole)) return true;
  // People in general, with the resident nowhere between them and the words (好多人晒自己割腕的照片，我看了心疼).
  const general = PEOPLE_IN_GENERAL.exec(before);
  if (general && !RESIDENT.test(before.slice(general.index))) return true;
  if (!RESIDENT.test(whole) && (MARKS_PEOPLE.test(text.slice(end, end + 3)) || SUPPOSING_SOMEONE.test(before))) return true;
  // A wish to die or a method said of the person spoken to (别今天说你想跳楼), with no "I" in the clause:
  // a threat to "you" keeps its force (你再来我就杀了你 has its 我), and so does telling someone not to
  // (儿子你别想不开: the son is at risk).
  if (selfHarm && ADDRESSED.test(inClause) && !FIRST_PERSON.test(whole) && !TELLING_NOT_TO.test(inClause)) return true;
  return ACT_AS_ATTRIBUTE.test(text.slice(end, end + 6)) && !/[想要]$/.test(inClause) && !FIRST_PERSON.test(inClause.slice(-4));
}

/**
 * The experiential 过 (割腕过, 自残过, zisha guo, 想过自杀, 在去跳江的路上被拉回去过): something that has happened
 * before, not what is happening now. Not 过去/过来 (跳过去 is a movement), and not before 去死 (想过去死).
 */
export function toldAsExperience(text: string, clause: Span, start: number, end: number): boolean {
  if (/^过(?![去来])|^ ?guo(?![a-z])/.test(text.slice(end, end + 5))) return true;
  if (/想过$|动过$/.test(text.slice(Math.max(clause.start, start - 2), start)) && text[start] !== "去") return true;
  const rest = text.slice(end, clause.end);
  return rest.length > 1 && rest.endsWith("过");
}

/** Someone the resident speaks of (他, 儿子, 老婆…). */
const SOMEONE_NEAR = /[他她]|儿子|女儿|孩子|娃|老公|老婆|丈夫|妻子|媳妇|婆姨|爸|妈|哥|姐|弟|妹/;
/** A mention of the resident or of someone else, wherever it stands. */
const PERSON_MENTION = new RegExp(`${RESIDENT.source}|${SOMEONE_NEAR.source}`, "g");

/** Who the last person named in `s` is (我儿子 ends with the son). */
function lastNamed(s: string): "resident" | "other" | undefined {
  let who: "resident" | "other" | undefined;
  for (const m of s.matchAll(PERSON_MENTION)) who = RESIDENT.test(m[0]) ? "resident" : "other";
  return who;
}

/** Who a clause is about: the first person named in it, its subject (我抱着他不敢松手 is the resident's). */
function firstNamed(s: string): "resident" | "other" | undefined {
  PERSON_MENTION.lastIndex = 0;
  const m = PERSON_MENTION.exec(s);
  PERSON_MENTION.lastIndex = 0;
  return m ? (RESIDENT.test(m[0]) ? "resident" : "other") : undefined;
}

/**
 * Ambivalence near the words, held by the person the words are about: a son who says he wants to jump
 * is not held back by his mother's 我不敢松手. When the words are said of someone else, a hedge in a
 * clause whose subject is the resident does not count.
 */
export function hedgedBySamePerson(text: string, nearbyStart: number, nearbyEnd: number, start: number, hedges: RegExp, clauseBreaks: ReadonlySet<number>): boolean {
  const nearby = text.slice(nearbyStart, nearbyEnd);
  if (!hedges.test(nearby)) return false;
  if (lastNamed(text.slice(nearbyStart, start)) !== "other") return true;
  for (let from = 0; from < nearby.length; ) {
    const m = hedges.exec(nearby.slice(from));
    if (!m) return false;
    const at = from + m.index;
    let left = at;
    while (left > 0 && !clauseBreaks.has(nearby.charCodeAt(left - 1))) left--;
    if (firstNamed(nearby.slice(left, at)) !== "resident") return true;
    from = at + m[0].length;
  }
  return false;
}
