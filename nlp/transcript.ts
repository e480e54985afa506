/**
 * Hotline transcripts → turns (speaker, text, time), the caller's account and the
 * operator's notes. Speaker labels may be roles (坐席/话务员/来电人/市民…) or letters (A/B),
 * with or without timestamps, with text on the same or the next lines.
 */
import type { Speaker, TranscriptTurn } from "./types.js";

const OPERATOR_LABELS = "坐席|话务员|接线员|客服|工作人员|热线|接听员|调解员|值班员|operator|agent";
const CALLER_LABELS = "来电人|来电者|来电群众|市民|群众|求助人|用户|居民|村民|老乡|反映人|诉求人|caller";
const NOTE_LABELS = "坐席备注|备注|工单摘要|记录|小结|摘要|处理意见|诉求摘要";
const LETTER_LABELS = "[A-Da-d]|甲|乙|说话人[12一二]|speaker ?[12]";
const TIME = String.raw`(\d{1,2}:\d{2}(?::\d{2})?)`;

const LINE = new RegExp(
  String.raw`^\s*(?:[\[(【]?${TIME}[\])】]?\s*)?(?:[\[【]?(${NOTE_LABELS}|${OPERATOR_LABELS}|${CALLER_LABELS}|${LETTER_LABELS})[\]】]?)\s*(?:[\[(]?${TIME}[\])]?)?\s*(?:[:：]|\s+|$)\s*(.*)$`,
  "i",
);
const TIME_ONLY = new RegExp(String.raw`^\s*[\[(【]?${TIME}[\])】]?\s*$`);

const OPERATOR_RE = new RegExp(`^(?:${OPERATOR_LABELS})$`, "i");
const CALLER_RE = new RegExp(`^(?:${CALLER_LABELS})$`, "i");
const NOTE_RE = new RegExp(`^(?:${NOTE_LABELS})$`);

export interface ParsedTranscript {
  turns: TranscriptTurn[];
  callerAccount: string;
  operatorNotes: string;
  /** True when speaker labels were found; false means the whole text was taken as the caller's. */
  labelled: boolean;
}

interface RawTurn {
  label: string;
  text: string;
  time?: string;
}

/** Which letter label is the operator: the one whose words sound like a hotline greeting or questions. */
function operatorLetter(raws: RawTurn[]): string | undefined {
  const score = new Map<string, number>();
  raws.forEach((r, i) => {
    if (!/^(?:[A-Da-d]|甲|乙|说话人.|speaker ?\d)$/i.test(r.label)) return;
    let s = score.get(r.label) ?? 0;
    if (i === 0) s += 1;
    if (/您好|你好.{0,6}(?:这里是|热线|中心)|这里是|请问|请您|我们会|已经记录|为您|帮您|工单|还有什么|稍等|核实/.test(r.text)) s += 2;
    if (/我家|我们家|我老公|我的|俺|求求|帮帮我/.test(r.text)) s -= 2;
    score.set(r.label, s);
  });
  let best: string | undefined;
  let bestScore = -Infinity;
  for (const [label, s] of score) if (s > bestScore) [best, bestScore] = [label, s];
  return best;
}

/**
 * Parses a transcript. Lines without a label continue the previous turn.
 * @example parseTranscript("坐席：您好\n来电人：我家楼上漏水").callerAccount === "我家楼上漏水"
 */
export function parseTranscript(text: string): ParsedTranscript {
  const raws: RawTurn[] = [];
  let pendingTime: string | undefined;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const timeOnly = TIME_ONLY.exec(line);
    if (timeOnly) {
      pendingTime = timeOnly[1];
      continue;
    }
    const m = LINE.exec(line);
    if (m && m[2]) {
      const time = m[1] ?? m[3] ?? pendingTime;
      pendingTime = undefined;
      const turn: RawTurn = { label: m[2], text: (m[4] ?? "").trim() };
      if (time) turn.time = time;
      raws.push(turn);
    } else if (raws.length > 0) {
      const last = raws[raws.length - 1]!;
      last.text = last.text ? `${last.text}${line.trim()}` : line.trim();
    } else {
      raws.push({ label: "", text: line.trim() });
    }
  }
  const labelled = raws.some((r) => r.label !== "");
  const opLetter = operatorLetter(raws);
  const turns: TranscriptTurn[] = [];
  const notes: string[] = [];
  for (const r of raws) {
    if (NOTE_RE.test(r.label)) {
      if (r.text) notes.push(r.text);
      continue;
    }
    let speaker: Speaker = "unknown";
    if (OPERATOR_RE.test(r.label)) speaker = "operator";
    else if (CALLER_RE.test(r.label)) speaker = "caller";
    else if (r.label !== "" && opLetter) speaker = r.label === opLetter ? "operator" : "caller";
    else if (!labelled) speaker = "caller";
    if (!r.text) continue;
    const turn: TranscriptTurn = { speaker, text: r.text };
    if (r.time) turn.time = r.time;
    turns.push(turn);
  }
  const callerTurns = turns.filter((t) => t.speaker === "caller" || t.speaker === "unknown");
  return {
    turns,
    callerAccount: callerTurns.map((t) => ensureStop(t.text)).join(""),
    operatorNotes: notes.map(ensureStop).join(""),
    labelled,
  };
}

function ensureStop(s: string): string {
  return /[。！？!?.…]$/.test(s) ? s : `${s}。`;
}
