// The scripted conversations in tests/fixtures/conversations, played on any channel, and
// their expectations checked against what the resident saw and what the queue holds.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findPlaces } from "../../knowledge/gazetteer.js";
import { colourRulesFromRubric } from "../../knowledge/colours.js";
import { loadKnowledge } from "../../knowledge/load.js";
import type { Knowledge } from "../../knowledge/types.js";
import { createTriager, type Triager } from "../../nlp/triage.js";
import { createMemoryCaseDesk, type MemoryCaseDesk } from "../../queue/memory-case-desk.js";
import type { CaseDetail } from "../../queue/ports.js";
import { isNo, isYes, parseCommand } from "../../bot/commands.js";
import type { OutboundMessage } from "../../bot/types.js";
import { createDialogueDeps } from "../../adapters/intake/dialogue-deps.js";
import { createIntake, type Intake } from "../../adapters/intake/intake.js";
import { parseExpectations, parseScript, type ScriptStep } from "../../adapters/intake/script.js";
import { createLogger } from "../../adapters/logger.js";
import { loadConfig } from "../../adapters/config.js";
import type { KeyValueStore } from "../../adapters/store/key-value-store.js";

export const CONVERSATIONS_DIR = join(import.meta.dirname, "../fixtures/conversations");

export interface Conversation {
  name: string;
  steps: ScriptStep[];
  expect: Record<string, string[]>;
}

export function loadConversations(): Conversation[] {
  return readdirSync(CONVERSATIONS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => {
      const source = readFileSync(join(CONVERSATIONS_DIR, f), "utf8");
      return { name: f.replace(/\.txt$/, ""), steps: parseScript(source), expect: parseExpectations(source) };
    });
}

let shared: { knowledge: Knowledge; triager: Triager } | undefined;
/** The real catalogue and triager, built once per test file (pure after load). */
export function nlp(): { knowledge: Knowledge; triager: Triager } {
  if (!shared) {
    const knowledge = loadKnowledge();
    shared = { knowledge, triager: createTriager({ knowledge, findPlaces }) };
  }
  return shared;
}

export const silentLogger = () => createLogger(loadConfig({ LOG_LEVEL: "silent" }));

/** The queue's in-memory CaseDesk over the shipped catalogue and its rubric's colour rules. */
export function testCaseDesk(): MemoryCaseDesk {
  const { knowledge } = nlp();
  return createMemoryCaseDesk({ catalogue: knowledge, rules: colourRulesFromRubric(knowledge.rubric) });
}

/** A runner over the given store, with the queue's in-memory CaseDesk (the Prisma one is tested in integration). */
export function testIntake(store: KeyValueStore, desk: MemoryCaseDesk = testCaseDesk()): { intake: Intake; desk: MemoryCaseDesk } {
  const { knowledge, triager } = nlp();
  return { intake: createIntake({ store, caseDesk: desk, dialogue: createDialogueDeps({ knowledge, triager }), logger: silentLogger() }), desk };
}

/** One step of a played script and the replies it got (for the per-message crisis checks). */
export interface PlayedTurn {
  step: ScriptStep;
  replies: OutboundMessage[];
}

/** The bare acknowledgement a crisis message must never get. */
const BARE_ACK = /已补充到您的案件/;

/**
 * Crisis checks over the turns: from the first reply with 110 until a person writes, every
 * resident message gets a reply and none is the bare acknowledgement; after a person writes, the
 * bot stays quiet unless the message is dangerous.
 */
function crisisFailures(turns: readonly PlayedTurn[]): string[] {
  const failures: string[] = [];
  let inCrisis = false;
  let staff = false;
  for (const turn of turns) {
    if (turn.step.kind === "staff") {
      staff = true;
      continue;
    }
    // A claim is not a person writing: the bot keeps answering; the notice itself must say who.
    if (turn.step.kind === "claim") {
      const label = turn.step.fromLabel;
      if (!turn.replies.some((r) => r.text.includes(label))) failures.push(`the claim notice (${label}) did not reach the resident`);
      continue;
    }
    const text = turn.replies.map((r) => r.text).join("\n");
    const said = turn.step.kind === "say" ? turn.step.text : `[${turn.step.kind}]`;
    if (inCrisis && !staff) {
      if (turn.replies.length === 0) failures.push(`no reply to "${said}" in crisis`);
      if (BARE_ACK.test(text)) failures.push(`bare acknowledgement to "${said}" in crisis`);
    }
    // Once a person writes, the bot never talks over them; only new danger gets 110 again.
    if (staff && turn.replies.length > 0 && !text.includes("110")) failures.push(`the bot talked over a person: "${text.slice(0, 30)}"`);
    if (text.includes("110")) inCrisis = true;
  }
  if (!inCrisis) failures.push("the crisis never began (no reply with 110)");
  return failures;
}

/** Every reply from the one that first showed 110 on, except a person's own words, as the bot's in the case transcript. */
function missingBotLines(replies: readonly OutboundMessage[], filed: NonNullable<Awaited<ReturnType<MemoryCaseDesk["repository"]["find"]>>>): string[] {
  const first = replies.findIndex((r) => r.text.includes("110"));
  if (first < 0) return ["no reply with 110"];
  const kept = new Set(filed.messages.filter((m) => m.author === "bot").map((m) => m.text));
  return replies.slice(first).filter((r) => !r.text.startsWith("【") && !kept.has(r.text)).map((r) => `bot reply not in the case transcript: "${r.text.slice(0, 30)}…"`);
}

/** Checks a finished conversation; returns the failures (empty when all hold). */
export async function checkExpectations(
  conversation: Conversation,
  replies: readonly OutboundMessage[],
  desk: MemoryCaseDesk,
  residentKey: string,
  turns?: readonly PlayedTurn[],
): Promise<string[]> {
  const failures: string[] = [];
  const all = replies.map((r) => r.text).join("\n");
  const filed = await desk.repository.latestForResident(residentKey, false);
  for (const [key, values] of Object.entries(conversation.expect)) {
    for (const value of values) {
      switch (key) {
        case "filed":
          if ((value === "yes") !== (filed !== null)) failures.push(`filed: expected ${value}`);
          if (value === "yes" && !/ZZ-\d{4}-\d+/.test(all)) failures.push("no case number shown to the resident");
          break;
        case "domain":
          if (filed?.domain !== value) failures.push(`domain: expected ${value}, got ${filed?.domain}`);
          break;
        case "colour":
          if (filed?.color !== value) failures.push(`colour: expected ${value}, got ${filed?.color}`);
          break;
        case "urgent":
          if (filed?.urgent !== (value === "yes")) failures.push(`urgent: expected ${value}`);
          break;
        case "evidence":
          if ((filed?.evidence.length ?? 0) !== Number(value)) failures.push(`evidence: expected ${value}, got ${filed?.evidence.length}`);
          break;
        case "reply":
          // `#= reply: 已经改过来了` (some reply says it), `#= reply: !有人在身边就好` (none may).
          if (value.startsWith("!") ? all.includes(value.slice(1)) : !all.includes(value)) failures.push(value.startsWith("!") ? `a reply contains "${value.slice(1)}"` : `no reply contains "${value}"`);
          break;
        case "summary":
          if (!filed || !(filed.place ?? "").includes(value)) failures.push(`place: expected ${value}, got ${filed?.place}`);
          break;
        case "field": {
          // `#= field: otherParty 王老三` (the record holds it), `#= field: wants !139` (it must not).
          const m = /^(\w+)\s+(!?)(.*)$/.exec(value);
          if (!m || !filed) {
            failures.push(`field: ${value}: ${filed ? "malformed" : "no case filed"}`);
            break;
          }
          const [, name, not, expected] = m as unknown as [string, string, string, string];
          const got = recordField(filed, name);
          if (got === undefined && !not) failures.push(`field ${name}: expected "${expected}", got nothing`);
          else if (got !== undefined && got.includes(expected) === Boolean(not)) failures.push(`field ${name}: expected ${not ? "no " : ""}"${expected}", got "${got}"`);
          break;
        }
        case "story": {
          // `#= story: 鸡打死了` (the filed story says it), `#= story: !asdfgh` (it must not).
          const not = value.startsWith("!");
          const text = not ? value.slice(1) : value;
          if (!filed || filed.story.includes(text) === not) failures.push(`story: expected it ${not ? "not " : ""}to include "${text}", got "${filed?.story}"`);
          break;
        }
        case "lost": {
          // Every message the resident typed is in the case: its story or its transcript.
          // Greetings, yes/no and commands are the conversation's steering, not its content.
          const said = conversation.steps.flatMap((st) =>
            st.kind === "say" && !isYes(st.text) && !isNo(st.text) && !parseCommand(st.text) && !/^(?:你好|您好|在吗|hello|hi)[。!！]*$/i.test(st.text) ? [st.text] : [],
          );
          const kept = [filed?.story ?? "", ...(filed?.messages ?? []).filter((msg) => msg.author === "resident").map((msg) => msg.text)].join("\n");
          const lost = said.filter((text) => !kept.includes(text.trim()));
          if (String(lost.length) !== value) failures.push(`lost: expected ${value}, lost ${JSON.stringify(lost)}`);
          break;
        }
        case "not-reply":
          if (all.includes(value)) failures.push(`a reply contains "${value}"`);
          break;
        case "location":
          if (!filed || !(filed.place ?? "").includes(value)) failures.push(`location on the case: expected ${value}, got ${filed?.place}`);
          break;
        case "phone":
          if (!filed?.residentPhone?.endsWith(value)) failures.push(`phone on the case: expected …${value}, got ${filed?.residentPhone ? "another" : "none"}`);
          break;
        case "phone-asked":
          if (!replies.some((r) => /留个手机号|mobile number/.test(r.text))) failures.push("no reply asked for a phone number");
          break;
        case "crisis":
          if (!turns) failures.push("crisis checks need the played turns");
          else failures.push(...crisisFailures(turns));
          break;
        case "bot-transcript":
          if (!filed) failures.push("bot-transcript: nothing filed");
          else failures.push(...missingBotLines(replies, filed));
          break;
        case "anonymous-red": {
          const reds = await desk.repository.list({ colors: ["red"], limit: 50 });
          const details = await Promise.all(reds.map((r) => desk.repository.find(r.id)));
          const anonymous = details.filter((d) => d?.residentKey.startsWith("anonymous:"));
          if ((anonymous.length > 0) !== (value === "yes")) failures.push(`anonymous red record: expected ${value}`);
          if (anonymous.some((d) => d!.residentPhone || d!.residentName || /1[3-9]\d{9}/.test(d!.story))) failures.push("the anonymous red record keeps personal details");
          break;
        }
        case "asked-domain":
          if (!replies.some((r) => r.buttons?.some((b) => b.value.startsWith("domain:")))) failures.push("no domain question with buttons");
          break;
        default:
          failures.push(`unknown expectation ${key}`);
      }
    }
  }
  return failures;
}

/** One field of a filed case as the resident confirmed it, in plain text. */
function recordField(filed: CaseDetail, name: string): string | undefined {
  const f = filed.facts;
  switch (name) {
    case "place":
      return filed.place ?? undefined;
    case "otherParty":
      return f?.otherParty?.text;
    case "since":
      return f?.since ?? f?.duration?.text;
    case "attempts":
      return f?.attempts.length ? f.attempts.map((a) => `${a.kind} ${a.text}`).join("；") : undefined;
    case "wants":
      return f?.wants;
    case "phone":
      return filed.residentPhone ?? undefined;
    case "name":
      return filed.residentName ?? undefined;
    case "contact":
      return filed.preferredContact;
    default:
      return `unknown field ${name}`;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
