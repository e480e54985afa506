/**
 * Facts a mediator needs first: place, the other party and the relation, money at stake,
 * how long it has lasted, how many people, earlier attempts, what the resident wants.
 */
import { findQuantities, parseChineseNumber, type Quantity } from "./numbers.js";
import { placeOf, type PlaceHit } from "./places.js";
import type { Facts } from "./types.js";

/** A place found by the gazetteer (knowledge/gazetteer.ts), reduced to what facts need. */
export type { PlaceHit } from "./places.js";

/** Relation codes with the words residents use; the first match in the text wins. */
const RELATIONS: readonly [relation: string, pattern: RegExp][] = [
  ["ex_husband", /前夫/],
  ["ex_wife", /前妻/],
  ["husband", /老公|丈夫|我男人|我家那口子|孩子他爸|孩子爸/],
  ["wife", /老婆|妻子|媳妇|爱人|孩子他妈|孩子妈/],
  ["partner", /男朋友|女朋友|男友|女友|对象|未婚夫|未婚妻/],
  ["in_law", /婆婆|公公|岳父|岳母|丈母娘|老丈人|儿媳|女婿|小姑子|小叔子|妯娌|亲家|女方(?:家)?|男方(?:家)?/],
  ["child", /儿子|女儿|闺女|子女/],
  ["sibling", /哥哥|弟弟|姐姐|妹妹|兄弟|姐妹|大哥|二哥|大姐|(?<=[我俺])(?:哥|弟|姐|妹)(?![哥弟姐妹夫])/],
  ["parent", /父母|爸妈|父亲|母亲|老爸|老妈|(?<=[我俺])(?:妈|爸|娘|爹)(?![妈爸娘爹])/],
  ["relative", /亲戚|叔叔|伯伯|舅舅|姑姑|姨妈|堂哥|表哥|侄子|外甥/],
  ["neighbor", /(?:楼上|楼下|隔壁(?!班|宿舍|寝室)|对门|邻居|邻家|左邻右舍|同村的?|村里(?!的?[地田路水渠沟树林房款钱账事活规])的?)(?:的)?(?:邻居|人家|那家|老[王李张刘陈赵杨]|大[爷妈哥姐叔婶])?/],
  ["hospital", /(?:[县市镇区省]?(?:人民|中心|中医|妇幼|卫生)?医院|卫生院|诊所|卫生室|医生|大夫|护士|主治医师|药店)/],
  ["school", /(?:学校|幼儿园|小学|中学|初中|高中|大学|[县市镇][一二三四五六七八九]中|培训机构|补习班|辅导班|班主任|老师|校长|教练)/],
  // Pupils told by where they sit or their year (班上几个男生, 高年级的学生), not only as 同学.
  ["classmate", /同学|室友|同桌|(?:班上|班里|同班|隔壁班|[高低]年级)的?(?:几个|那几个|一个|有个|两个|三个)?(?:男生|女生|男孩|女孩|学生|孩子)/],
  ["online_lender", /网贷(?:平台|公司|APP|app)?|借贷平台|贷款平台|催收|小贷公司|金融公司|借呗|花呗|微粒贷/],
  ["bank", /银行|信用社|信用卡中心/],
  ["insurer", /保险公司/],
  ["lender", /借钱的人|债主|放贷的|高利贷/],
  ["debtor", /欠(?:我|我们)(?:的)?钱的人|借款人|老赖/],
  ["employer", /老板|包工头|工头|公司|厂里|单位|项目部|用人单位|雇主|老总/],
  ["landlord", /房东/],
  ["tenant", /租客|房客|租户/],
  ["property_company", /物业(?:公司)?/],
  ["developer", /开发商|房地产公司/],
  ["merchant", /商家|店家|卖家|商场|超市|网店|4S店/],
  ["village_committee", /村委会|村委|村干部|村支书|村长|社区/],
  ["government", /镇政府|乡政府|政府|街道办|城管|拆迁办/],
  ["driver", /司机|肇事者|车主/],
];

export const ATTEMPTS: readonly [kind: string, pattern: RegExp][] = [
  ["village_committee", /(?:找|寻)(?:过|了)(?:[^，。,!?！？]{0,6})?(?:村委会|村委|村干部|村支书|村主任|村长|社区|网格员)|(?:村委会|村干部|村长|社区|村上|村里)(?:的)?(?:干部|支书|主任)?(?:也)?(?:来)?(?:调解过|来过|管过|处理过|出面|说过|来人)/],
  ["police", /报(?:过|了)?警|打(?:过|了)?110|找(?:过|了)(?:[^，。,!?！？]{0,4})?(?:派出所|警察|公安)|派出所(?:也)?(?:来过|处理过|调解过)/],
  ["court", /起诉(?:过|了)|告(?:过|了)(?:他|她|他们|对方)?|打(?:过|了)官司|法院(?:判|立案|调解)|上诉/],
  ["petition", /上访|信访|访过/],
  ["hotline", /(?<!\d)12345(?!\d)|市长热线|热线/],
  // Someone asked to talk to the other side: a go-between (托媒人说过), a relative, an elder.
  ["mediation", /调解(?:过|了)|人民调解|(?:托|请|找)(?:了|过)?[^，。,!?！？]{1,6}(?:说过|说和|说合|劝过|调和过?)/],
  ["complaint", /投诉(?:过|了)|举报(?:过|了)|反映(?:过|了)/],
  ["lawyer", /找(?:过|了)律师|请(?:过|了)律师|咨询(?:过|了)律师/],
  ["labour_bureau", /找(?:过|了)(?:[^，。,!?！？]{0,4})?(?:劳动局|人社局|劳动监察|仲裁)|(?:劳动)?仲裁(?:过|了)/],
  ["department", /找(?:过|了)(?:[^，。,!?！？]{0,4})?(?:其他部门|有关部门|相关部门|卫健局|卫生局|教育局|住建局|市场监管|消协|信访局|镇政府|乡政府|街道办)|找(?:过|了)[^，。,!?！？]{0,6}(?:医务科|医患办|办公室|管委会|物业|学校|公司|厂里)/],
  // A person in charge asked to sort it out (找过班主任, 寻过队长, 问过校长): tried, not the other side.
  ["someone_in_charge", /(?:找|寻|问|求)(?:过|了)[^，。,!?！？]{0,4}?(?:班主任|老师|校长|领导|主任|老板|队长|组长|书记|镇长|乡长|干部|长辈|中间人)/],
];

const MONEY_UNITS = new Set(["元", "块", "块钱", "元钱", "万元", "万块", "w", "W", "k", "K"]);
const MONEY_CONTEXT = /钱|元|块|借|欠|贷|赔|费|款|工资|彩礼|押金|损失|本金|利息|还/;
const DURATION_DAYS: Record<string, number> = { 年: 365, 个月: 30, 个多月: 30, 多个月: 30, 月: 30, 周: 7, 星期: 7, 天: 1, 日: 1 };
const PEOPLE_UNITS = new Set(["户", "家", "个人", "个工人", "名", "人", "口", "位"]);

function pickMoney(text: string, qs: Quantity[]): Facts["money"] {
  let best: Facts["money"];
  for (const q of qs) {
    const explicit = MONEY_UNITS.has(q.unit) || /万$/.test(q.text);
    const near = text.slice(Math.max(0, q.start - 6), q.end + 3);
    if (!explicit && !(q.unit === "" && MONEY_CONTEXT.test(near))) continue;
    if (q.unit === "" && q.value >= 1900 && q.value <= 2100 && /年/.test(text.slice(q.end, q.end + 1))) continue;
    if (!best || q.value > best.amount) best = { amount: q.value, text: q.text };
  }
  return best;
}

function pickDuration(text: string, qs: Quantity[]): Facts["duration"] {
  let best: Facts["duration"];
  for (const q of qs) {
    const per = DURATION_DAYS[q.unit];
    if (!per || (q.unit === "年" && q.value >= 100)) continue;
    // A duration is followed by 了/多/来/以来/的时间 or preceded by 已经/拖了/有…
    const after = text.slice(q.end, q.end + 3);
    const before = text.slice(Math.max(0, q.start - 3), q.start);
    if (!/^(?:了|多|来|以来|都|的时间|时间|还|没|过去|之久)/.test(after) && !/(?:已经|拖了|快|有|了|近|都|整整|足足|这)$/.test(before)) continue;
    const days = Math.round(q.value * per);
    // "两年多了" is told as 两年多, "好几年" as 好几年: the resident's words belong in the summary.
    const told = `${text[q.start - 1] === "好" && q.text.startsWith("几") ? "好" : ""}${q.text}${after.startsWith("多") && !q.text.endsWith("多") ? "多" : ""}`;
    if (!best || days > best.days) best = { days, text: told };
  }
  if (!best) {
    // 一个星期, 两个礼拜: the counter 个 hides the unit from the quantity reader.
    const weeks = /([一两二三四五六七八九十\d]{1,3})个(?:多)?(?:星期|礼拜)(?=了|多|来|以来|都|还|没)/.exec(text);
    const n = weeks ? parseChineseNumber(weeks[1]!) : null;
    if (weeks && n) best = { days: n * 7, text: weeks[0] };
  }
  if (!best) {
    const m = /大半年|半年多|半年|一年多|好几年|好些年|好多年|很多年|这些年|多年|几年|去年|前年|半个多月|半个月/.exec(text);
    if (m) {
      const days: Record<string, number> = { 半年: 180, 半年多: 200, 大半年: 270, 半个多月: 20, 好些年: 1095, 这些年: 1095, 一年多: 400, 好几年: 1095, 好多年: 1825, 很多年: 1825, 多年: 1095, 几年: 1095, 去年: 365, 前年: 730, 半个月: 15 };
      best = { days: days[m[0]] ?? 365, text: m[0] };
    }
  }
  return best;
}

/** Who a bare count or a generic measure word (个, 号, 多个) may count: 六十多个农民工, 一百多号人. */
const PEOPLE_NOUN = /^(?:号|多号|来号|个|多个|来个|几个)?(?:人|农民工|工人|民工|村民|居民|群众|业主|家长|学生|孩子|小孩|娃娃|娃|病人|患者|老人|职工|员工|师傅|乡亲|老乡|住户|户|家属|亲戚|兄弟|债主|投资人|会员|散户|租户|商户|摊贩|老师|司机|骑手)/;

function pickPeople(text: string, qs: Quantity[]): Facts["peopleCount"] {
  let best: Facts["peopleCount"];
  for (const q of qs) {
    if (q.value < 2 || q.value > 100_000) continue;
    if (!PEOPLE_UNITS.has(q.unit)) {
      // 五十多个 + 农民工, 两百多 + 号人: the unit is generic or missing, the noun after it says who.
      if (q.unit !== "" && !/^(?:个|多个|来个|号|多号)$/.test(q.unit)) continue;
      const noun = PEOPLE_NOUN.exec(text.slice(q.end, q.end + 5));
      if (!noun) continue;
      const counted = { count: q.value, text: text.slice(q.start, q.end + noun[0].length) };
      if (!best || counted.count > best.count) best = counted;
      continue;
    }
    if (q.unit === "家" && /[一1]家/.test(q.text)) continue;
    if (!best || q.value > best.count) best = { count: q.value, text: q.text };
  }
  if (!best) {
    const m = /全村|整个村|全组|全小区|整栋楼|所有业主|上百户|好多户|很多户|好几户|几十户/.exec(text);
    if (m) {
      const counts: Record<string, number> = { 全村: 100, 整个村: 100, 全组: 30, 全小区: 100, 整栋楼: 30, 所有业主: 50, 上百户: 100, 好多户: 10, 很多户: 10, 好几户: 4, 几十户: 20 };
      best = { count: counts[m[0]] ?? 10, text: m[0] };
    }
  }
  return best;
}

// The commonest surnames, enough to tell a name (张大海, 王老三) from the words after a relation.
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
// Words that end a name: what comes after it in a sentence (就住, 家, 的, 他…).
const AFTER_NAME = /[就住家的他她在把说一总天经又也还不没和跟是了借欠打骂要给让叫都，,。！？!?、；;\s]/;
/** A numeral that starts an amount (李四两万块, 张三五千): the name ends before it. */
const AMOUNT_AHEAD = /^[一二两三四五六七八九十百千][十百千万块元个斤亩]/;
const NAME_MARKER = /^(?:，|,)?(?:名字?叫|叫做?|姓|是)?/;
const CONJUNCTIONS = /[和与同跟及]/;
/** The relation words as they would start the text after a conjunction (…和开发商). */
const RELATIONS_AT_START = RELATIONS.map(([, p]) => new RegExp(`^(?:${p.source})`));
/** The same patterns, global, built once: every match in a text (matchAll copies them, so they are never shared state). */
const RELATIONS_ALL = RELATIONS.map(([relation, p]) => [relation, new RegExp(p.source, "g")] as const);

/**
 * A name right after a relation word: 邻居张大海, 邻居叫王老三, 隔壁姓王的. A surname then one or
 * two characters (or 老/小 before a surname); after 姓 the surname alone.
 */
export function nameAfter(text: string, from: number): { name: string; end: number } | undefined {
  const marker = NAME_MARKER.exec(text.slice(from))?.[0] ?? "";
  const start = from + marker.length;
  let i = start;
  // 和, 与, 同 right after a relation join a second party (镇政府和开发商), they do not start a name.
  if (marker === "" && CONJUNCTIONS.test(text[i] ?? "")) return undefined;
  if (/[老小]/.test(text[i] ?? "") && SURNAMES.includes(text[i + 1] ?? "")) i += 2;
  else if (SURNAMES.includes(text[i] ?? "")) i += 1;
  else return undefined;
  const limit = marker.endsWith("姓") ? i : start + 3;
  while (i < limit && i < text.length && /[\u4e00-\u9fff]/.test(text[i]!) && !(i > start + 1 && (AFTER_NAME.test(text[i]!) || AMOUNT_AHEAD.test(text.slice(i, i + 2))))) i += 1;
  if (i - start < 2 && !marker.endsWith("姓")) return undefined;
  return { name: `${marker.endsWith("姓") ? "姓" : ""}${text.slice(start, i)}`, end: i };
}

const ATTEMPTS_ALL = ATTEMPTS.map(([, p]) => new RegExp(p.source, "g"));

/** Where earlier attempts are mentioned (村委会调解过): the relation words inside are not the other party. */
function attemptSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const pattern of ATTEMPTS_ALL) {
    for (const m of text.matchAll(pattern)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

/** The other party with the name said after the relation word, if any: 邻居张大海 → name 张大海. */
export function readOtherParty(text: string): { text: string; relation: string; name?: string } | undefined {
  const skip = attemptSpans(text);
  // The first mention of each relation, earliest first.
  const found: { text: string; relation: string; index: number; end: number }[] = [];
  for (const [relation, pattern] of RELATIONS_ALL) {
    for (const m of text.matchAll(pattern)) {
      const end = m.index + m[0].length;
      if (skip.some(([a, b]) => m.index < b && end > a)) continue;
      found.push({ text: m[0], relation, index: m.index, end });
      break;
    }
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.index - b.index);
  // A parent telling about their own child (我儿子在二中上学，班上几个男生打他): the child is whom it
  // concerns, the side named after it (classmates, a lender, a hospital, a son-in-law) is the other party.
  const first = found[0]!;
  const ownFamily = OWN_DEPENDANTS.has(first.relation) && OWN_MARK.test(text.slice(Math.max(0, first.index - 3), first.index));
  const others = ownFamily ? found.filter((f) => !OWN_DEPENDANTS.has(f.relation) && f.relation !== "relative") : [];
  // The school the child goes to (在县二中上初一) is where, not who, unless nobody else is named.
  const best = others.find((f) => !(f.relation === "school" && STUDIES_AT.test(text.slice(f.end, f.end + 2)))) ?? others[0] ?? first;
  // Two parties joined (镇政府和开发商, 物业跟开发商): both are the other side.
  const after = text.slice(best.end + 1);
  const second = CONJUNCTIONS.test(text[best.end] ?? "") ? RELATIONS_AT_START.map((p) => p.exec(after)?.[0]).find(Boolean) : undefined;
  if (second) return { text: `${best.text}${text[best.end]}${second}`, relation: best.relation };
  const name = nameAfter(text, best.end);
  // 管一管, 说一说: a verb said twice, not a person named 管一管.
  const named = name && !/^(.)一\1/.test(name.name) ? name : undefined;
  return named ? { text: `${best.text}${named.name}`, relation: best.relation, name: named.name } : { text: best.text, relation: best.relation };
}

/** Relations a resident speaks for (my son, my mother, my brother) rather than against, when another side is named. */
const OWN_DEPENDANTS = new Set(["child", "parent", "sibling"]);
/** 在县二中上初一, 在镇小学读书: the school a child attends, told as a place. */
const STUDIES_AT = /^(?:上|读|念)/;
/** 我儿子, 俺闺女, 我家女儿, 我的弟弟: the resident's own. */
const OWN_MARK = /(?:我|俺|额|我家|俺家|我们家|我的|俺的)$/;

function pickOtherParty(text: string): Facts["otherParty"] {
  const party = readOtherParty(text);
  return party && { text: party.text, relation: party.relation };
}

function pickWants(text: string): string | undefined {
  // A wish is also told as what the other side should do: "叫他一个月给点生活费", "让他把猪圈挪走";
  // not "要他的钱" (what bullies demand: 要 with a possessive is taking, not asking).
  const m =
    /(?:我(?:们)?(?:就)?(?:想|希望|要求|只想|只要|就想)|希望|要求|请求|能不能|能否|可不可以|想让|想要|想请|(?:^|[，,。\s])(?:叫|让|要)(?=(?:他|她|他们|对方|人家|医院|学校|老板|公司)(?!的)[^，。,！!？?]{0,6}?(?:把|给|赔|还|退|别|不要|搬|拆|挪|改|修|停|道歉|出))|(?:^|[，,。\s])(?:叫|让)(?=[^，。,！!？?\s]{1,8}?(?:管一管|管管|处理|道歉|赔|还钱|退钱|搬走|拆了|挪走|停下|别再|不要再|出面))|(?:^|[，,。\s])(?=把[^，。,！!？?]{1,10}(?:还给|退给|赔给|给)(?:我|我们)))([^。！？!?\n]{2,60})/.exec(text);
  if (!m) return undefined;
  // The wish ends where contact details or the place begin (电话…, a phone-long number, 我叫…, 我住…): they
  // are not part of it; an amount is (赔我3000块).
  const wish = m[0].split(/[，,；;\s]*(?:我的?|联系)?(?:电话|手机|号码|联系方式|微信)|[，,；;\s]*\+?\d[\d\s-]{6,}|[，,；;\s]*(?:我叫|我姓)|[，,；;\s]+(?:不对|说错了|错了|不是)(?=[\s，,]|$)|[，,；;\s]+(?:我|我们|俺)?(?:家)?(?:住在?|地方是|地点是|地址是)/)[0] ?? m[0];
  return wish.replace(/^[，,。\s]+/, "").slice(0, 80);
}

/** Relation codes in Chinese, for summaries. */
export const RELATION_LABELS: Record<string, string> = {
  ex_husband: "前夫", ex_wife: "前妻", husband: "丈夫", wife: "妻子", partner: "恋爱对象", in_law: "姻亲",
  child: "子女", sibling: "兄弟姐妹", parent: "父母", relative: "亲戚", neighbor: "邻居", hospital: "医疗机构",
  school: "学校", classmate: "同学", online_lender: "网贷平台", bank: "银行", insurer: "保险公司", lender: "债主",
  debtor: "欠款人", employer: "用人单位/老板", landlord: "房东", tenant: "租客", property_company: "物业",
  developer: "开发商", merchant: "商家", village_committee: "村（社区）", government: "政府部门", driver: "车主/司机",
};

/** Attempt kinds in Chinese. */
export const ATTEMPT_LABELS: Record<string, string> = {
  village_committee: "找过村（社区）", police: "报过警", court: "起诉过", petition: "上访过", hotline: "打过热线",
  mediation: "调解过", complaint: "投诉过", lawyer: "找过律师", labour_bureau: "找过劳动部门", department: "找过有关部门",
  someone_in_charge: "找过负责的人",
};

/** A village-shaped name (高家沟村), not 同村, 本村, 村里 or 村委会. */
const VILLAGE_SHAPED = /(?<![同本邻全外各])((?:(?![镇乡县区街])[\u4e00-\u9fff]){2,4}村)(?![委里民干长上子部])/;

/**
 * Extracts facts from a normalised text; `places` come from the gazetteer.
 * @example extractFacts("借了他八万块两年了", []).money?.amount === 80000
 */
export function extractFacts(text: string, places: readonly PlaceHit[] = []): Facts {
  // Digits next to a mask (138****5678) belong to personal data, not to money or counts.
  const qs = findQuantities(text).filter((q) => !/\*/.test(text.slice(Math.max(0, q.start - 1), q.end + 1)));
  const facts: Facts = { attempts: [] };
  const place = placeOf(places);
  if (place.township) facts.township = place.township;
  if (place.village) facts.village = place.village;
  // A village the gazetteer does not hold (马蹄沟镇高家沟村) is kept as told, beside its township.
  const villageText = place.villageText ?? (place.township && !place.village ? VILLAGE_SHAPED.exec(text)?.[1] : undefined);
  if (villageText) facts.placeText = [place.township?.name, villageText].filter(Boolean).join(" ");
  const otherParty = pickOtherParty(text);
  if (otherParty) facts.otherParty = otherParty;
  const money = pickMoney(text, qs);
  if (money) facts.money = money;
  const duration = pickDuration(text, qs);
  if (duration) facts.duration = duration;
  const people = pickPeople(text, qs);
  if (people) facts.peopleCount = people;
  for (const [kind, pattern] of ATTEMPTS) {
    const m = pattern.exec(text);
    if (m) facts.attempts.push({ kind, text: m[0] });
  }
  const wants = pickWants(text);
  if (wants) facts.wants = wants;
  return facts;
}
