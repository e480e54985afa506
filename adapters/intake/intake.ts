/**
 * The effect runner between the channels and the pure dialogue: keeps each inbound message in
 * the inbox (inbox.ts) before anything else, loads the resident's session, runs `respond`,
 * carries out its effects through the CaseDesk and the session store, feeds their results back,
 * and saves the session with compare-and-set. Channels call `handle` and only translate replies.
 */
import { randomUUID } from "node:crypto";
import { respond } from "../../bot/dialogue.js";
import type { Session } from "../../bot/session.js";
import { textsFor } from "../../bot/texts.js";
import { confirmationQuestion } from "../../bot/resume.js";
import type { DialogueDeps, Effect, EffectResult, InboundMessage, Input, OutboundMessage, ResidentIdentity, ResumeEffect } from "../../bot/types.js";
import type { CaseDesk, ResidentOutboxMessage } from "../../queue/case-desk.js";
import type { Logger } from "../logger.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import { ClaimNotices, claimNoticeId } from "./claim-notices.js";
import { Inbox } from "./inbox.js";
import { PendingFilings } from "./pending-filings.js";
import { publishResidentNotice } from "./resident-notices.js";
import type { SessionBackup } from "./session-backup.js";
import { SessionStore } from "./session-store.js";
import { NO_STAFF_ALERTS, type StaffAlerts } from "./staff-alerts.js";
import { withRefinedServices, type ServiceRefiner } from "../embeddings/refine.js";
import type { Reader } from "../../nlp/reader.js";

export interface IntakeDeps {
  store: KeyValueStore;
  caseDesk: CaseDesk;
  dialogue: DialogueDeps;
  logger: Logger;
  /** A database copy of sessions when the store does not persist (Redis without AOF/RDB). */
  sessionBackup?: SessionBackup;
  /** Who hears that a red case could not be filed yet (every channel that works). */
  alerts?: StaffAlerts;
  /**
   * Hybrid service suggestions (the embeddings reader, EMBEDDINGS_MODEL_DIR) for the case being filed;
   * the dialogue's own suggestions when absent, slow or failing.
   */
  refineServices?: ServiceRefiner;
  /**
   * A second reader of stories (the LLM, LLM_BASE_URL) for the intake items the offline reading left
   * empty; without one the dialogue's request is dropped and nothing calls a model.
   */
  storyReader?: Reader;
}

export interface HandleOptions {
  /** The channel's own id for the message (Telegram's update_id): a replay has one effect. */
  messageId?: string;
}

export interface Intake {
  /** One resident message in, the replies to send back on the same channel. */
  handle(who: ResidentIdentity, message: InboundMessage, options?: HandleOptions): Promise<OutboundMessage[]>;
  /** A staff message for a resident: the replies to deliver, and to whom (after any resume). */
  staffMessage(message: ResidentOutboxMessage): Promise<{ residentKey: string; replies: OutboundMessage[] }>;
  /**
   * Files again every case whose filing failed; each resident's replies (the case number) go out
   * as a resident notice (resident-notices.ts) to the process that holds their channel.
   */
  retryPendingFilings(): Promise<{ filed: number; pending: number }>;
  /**
   * Plays again the messages whose turn failed (kept in the inbox) and have waited at least
   * `olderThanMs`; their replies go out as resident notices. Then retries pending filings.
   */
  recover(olderThanMs?: number): Promise<{ replayed: number; waiting: number; filed: number; pending: number }>;
  /**
   * Tells the resident that a person has taken their case (the kept notice `id`, claim-notices.ts):
   * the notice's turn runs once, its words go out through `deliver`, and only then is the notice
   * taken out and its words kept in the staff transcript. False when it was already sent.
   */
  deliverClaimNotice(id: string, deliver: Deliver): Promise<boolean>;
  /**
   * Sends the kept claim notices of residents `channel` holds that have waited `olderThanMs` (the
   * live relay's first): what a restart or a failed delivery left. Returns how many went out.
   */
  deliverPendingClaimNotices(channel: string, deliver: Deliver, olderThanMs?: number): Promise<number>;
  readonly sessions: SessionStore;
  /** Settles when the stories being read by the second reader have been read and their turns played. */
  idle(): Promise<void>;
}

/** A channel's way of sending replies to one of its residents (throws when it could not). */
export type Deliver = (residentKey: string, replies: OutboundMessage[]) => Promise<void>;

/** A claim notice no process of its channel sent within a conversation's lifetime is dropped. */
const CLAIM_NOTICE_KEPT_MS = 72 * 3_600_000;

/** A message waits this long in the inbox before the recovery job (not its own turn) plays it. */
export const INBOX_REPLAY_AFTER_MS = 15_000;
const PRUNE_EVERY_MS = 3_600_000;


const LOCK_WAIT_MS = 5_000;
/** How often a turn is played again when its session was changed underneath it. */
const MAX_CONFLICT_REPLAYS = 3;

export function createIntake(deps: IntakeDeps): Intake {
  const log = deps.logger.child({ module: "intake" });
  const sessions = new SessionStore(deps.store, {
    ...(deps.sessionBackup ? { backup: deps.sessionBackup } : {}),
    onBackupError: (error, residentKey) => log.warn({ err: error, residentKey }, "the database copy of a session could not be read or written"),
  });
  const pendingFilings = new PendingFilings(deps.store);
  const claimNotices = new ClaimNotices(deps.store);
  const inbox = new Inbox(deps.store, (residentKey) => log.error({ residentKey }, "an inbox could not be read; it was set aside under intake:inbox-unreadable"));
  const alerts = deps.alerts ?? NO_STAFF_ALERTS;
  let lastPrune = 0;
  // Messages of one resident are handled one after another within this process…
  const queues = new Map<string, Promise<unknown>>();

  function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => withStoreLock(key, work), () => withStoreLock(key, work));
    const tail = next.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return next;
  }

  // …and across processes through a short lock in the key-value store.
  async function withStoreLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const owner = randomUUID();
    const deadline = Date.now() + LOCK_WAIT_MS;
    let locked = await sessions.lock(key, owner);
    while (!locked && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      locked = await sessions.lock(key, owner);
    }
    if (!locked) log.warn({ residentKey: key }, "session lock not acquired in time; relying on compare-and-set");
    try {
      return await work();
    } finally {
      // A lock that cannot be released expires by itself; the turn's outcome stands.
      if (locked) await sessions.unlock(key, owner).catch((error: unknown) => log.warn({ err: error, residentKey: key }, "could not release a session lock"));
    }
  }

  /** `inboxId`: the inbound message this turn answers, saved with the session (played once). */
  async function runTurn(who: ResidentIdentity, first: Input, inboxId?: string, conflicts = 0): Promise<OutboundMessage[]> {
    const loaded = await sessions.load(who.residentKey);
    if (inboxId !== undefined && loaded.handled.includes(inboxId)) return [];
    const handled = inboxId === undefined ? loaded.handled : [...loaded.handled, inboxId];
    let session: Session | null = loaded.session;
    const replies: OutboundMessage[] = [];
    const pending: Input[] = [first];
    const afterSave: (() => Promise<void>)[] = [];
    let effectCount = 0;
    let opts = loaded.expired ? { notice: { kind: "expired" as const, ...loaded.expired } } : {};
    while (pending.length > 0) {
      const input = pending.shift()!;
      const turn = respond(session, input, who, deps.dialogue, opts);
      opts = {};
      session = turn.session;
      replies.push(...turn.replies);
      for (const [index, effect] of turn.effects.entries()) {
        // The dedupe key of an append or attachment: the same on every replay of this message.
        const key = inboxId === undefined ? undefined : `${who.residentKey}|${inboxId}|${effectCount + index}`;
        const result = await runEffect(effect, who, afterSave, key);
        if (result) pending.push(result);
      }
      effectCount += turn.effects.length;
    }
    const saved = await sessions.save(who.residentKey, loaded.raw, session, handled);
    if (!saved) {
      // Someone else wrote the session meanwhile (a lock that expired, another process): never
      // overwrite their turn; play this message again on the state they left.
      if (conflicts >= MAX_CONFLICT_REPLAYS) throw new Error("session kept changing concurrently");
      log.warn({ residentKey: who.residentKey }, "session changed concurrently; replaying the message on the new state");
      return runTurn(who, first, inboxId, conflicts + 1);
    }
    for (const task of afterSave) await task();
    return replies;
  }

  const reading = new Set<Promise<void>>();
  function track(work: Promise<void>): void {
    reading.add(work);
    void work.finally(() => reading.delete(work));
  }

  /** The second reader's facts, played as a turn of their own (the dialogue says nothing back). */
  async function readStoryLater(reader: Reader, who: ResidentIdentity, effect: Extract<Effect, { kind: "read_story" }>): Promise<void> {
    try {
      const answer = await reader.read({ text: effect.text, offline: effect.triage });
      if (answer.kind !== "answer") return;
      await serialised(who.residentKey, () => runTurn(who, { kind: "story_read", facts: answer.answer.facts }));
    } catch (error) {
      log.error({ err: error, residentKey: who.residentKey }, "the second reading of a story could not be used");
    }
  }

  async function fileWithOneRetry(given: Parameters<CaseDesk["fileCase"]>[0]) {
    const draft = deps.refineServices === undefined
      ? given
      : { ...given, triage: await withRefinedServices(deps.refineServices, given.story, given.triage, { logger: log }) };
    try {
      return await deps.caseDesk.fileCase(draft);
    } catch (error) {
      log.warn({ err: error, residentKey: draft.resident.key }, "filing failed; trying once more at once");
      return deps.caseDesk.fileCase(draft);
    }
  }

  async function runEffect(effect: Effect, who: ResidentIdentity, afterSave: (() => Promise<void>)[], dedupeKey?: string): Promise<EffectResult | undefined> {
    switch (effect.kind) {
      case "file_case":
        try {
          // The same filing key on every attempt: a retry finds the case an earlier attempt made.
          const filed = await fileWithOneRetry(effect.draft);
          await pendingFilings.remove(who.residentKey).catch((error: unknown) => log.warn({ err: error }, "could not clear a pending filing"));
          log.info({ caseNumber: filed.number, color: filed.color, channel: who.channel }, "case filed from intake");
          return { kind: "case_filed", filed };
        } catch (error) {
          const color = effect.draft.triage.risk.color;
          // Kept for the retry job (pending-filings.ts) before the resident is told it will be retried.
          await pendingFilings.add(who.residentKey);
          log.error({ err: error, residentKey: who.residentKey, color, urgent: effect.draft.urgent }, color === "red" ? "RED case could not be filed; retrying until it is" : "filing the case failed; retrying until it is");
          if (color === "red") await alerts.redFilingFailed({ residentKey: who.residentKey, channel: who.channel, draft: effect.draft });
          return { kind: "filing_failed" };
        }
      case "keep_bot_replies":
        await deps.caseDesk.appendBotMessages(effect.caseNumber, effect.texts.map((text) => ({ text, at: effect.at })), dedupeKey);
        return undefined;
      case "append_to_case":
        await deps.caseDesk.appendResidentMessage(
          effect.caseNumber,
          { text: effect.text, at: effect.at, ...(effect.risk ? { risk: effect.risk } : {}) },
          dedupeKey,
        );
        return undefined;
      case "update_contact":
        await deps.caseDesk.updateContact(effect.caseNumber, effect.contact);
        log.info({ caseNumber: effect.caseNumber, fields: Object.keys(effect.contact) }, "place or phone told in crisis set on the case");
        return undefined;
      case "report_declined_danger": {
        // No resident key, name or phone: the masked words and their risk only (README: crisis).
        const filed = await fileWithOneRetry(effect.draft);
        log.warn({ caseNumber: filed.number, color: filed.color, channel: who.channel }, "RED message from a resident who refused consent: kept as an anonymous red record");
        return undefined;
      }
      case "attach_evidence":
        await deps.caseDesk.attachEvidence(effect.caseNumber, effect.evidence, dedupeKey);
        return undefined;
      case "request_status": {
        const view = effect.caseNumber
          ? await deps.caseDesk.statusForResident(effect.caseNumber, who.residentKey)
          : await deps.caseDesk.latestForResident(who.residentKey);
        return { kind: "status", view, ...(effect.caseNumber ? { asked: effect.caseNumber } : {}) };
      }
      case "register_resume_code":
        await sessions.registerResumeCode(effect.code, who.residentKey);
        return undefined;
      case "read_story":
        // After the turn is saved, and never awaited: the resident has their next question already.
        if (deps.storyReader) afterSave.push(async () => void track(readStoryLater(deps.storyReader!, who, effect)));
        return undefined;
      case "resume":
        return resumeStep({ sessions, store: deps.store, log, continueOn: (to, input) => serialised(to.residentKey, () => runTurn(to, input)) }, effect, who, afterSave);
    }
  }

  /**
   * Plays the resident's kept messages in the order they came, each as one turn, and takes each
   * out once its turn is saved. The first that fails stays, with the ones after it, for later.
   */
  async function playInbox(residentKey: string): Promise<{ replies: OutboundMessage[]; failed: boolean }> {
    const replies: OutboundMessage[] = [];
    for (const entry of await inbox.pending(residentKey)) {
      try {
        replies.push(...(await runTurn(entry.who, entry.message, entry.id)));
      } catch (error) {
        log.error(
          { err: error, residentKey, channel: entry.who.channel, failures: entry.failures + 1 },
          "intake turn failed; the message is kept and will be played again",
        );
        await inbox.failed(residentKey, entry.id).catch((e: unknown) => log.warn({ err: e, residentKey }, "could not count a failed turn"));
        return { replies, failed: true };
      }
      // The turn is saved with its id (runTurn skips it if played again), so a failure here is harmless.
      await inbox.done(residentKey, entry.id).catch((e: unknown) => log.warn({ err: e, residentKey }, "could not take an answered message out of the inbox"));
    }
    return { replies, failed: false };
  }

  async function retryPendingFilings() {
    let filed = 0;
    const keys = new Set(await pendingFilings.list());
    // A Redis restart may have lost the list; the database copy of the sessions still knows them.
    for (const key of await sessions.waitingToFile().catch(() => [])) keys.add(key);
    for (const residentKey of keys) {
      const channel = channelOf(residentKey);
      try {
        const replies = await serialised(residentKey, () => runTurn({ residentKey, channel }, { kind: "retry_filing" }));
        const session = (await sessions.load(residentKey)).session;
        if (!session || session.stage.kind !== "filing") {
          await pendingFilings.remove(residentKey);
          if (session?.filed) {
            filed++;
            if (session.filed.color === "red") await alerts.redFiledAfterRetry({ residentKey, channel, caseNumber: session.filed.number });
          }
        }
        await publishResidentNotice(deps.store, residentKey, replies);
      } catch (error) {
        log.error({ err: error, residentKey }, "retrying a pending filing failed");
      }
    }
    return { filed, pending: (await pendingFilings.list()).length };
  }

  async function deliverClaimNotice(id: string, deliver: Deliver): Promise<boolean> {
    const first = await claimNotices.find(id);
    if (!first) return false;
    const residentKey = await sessions.route(first.notice.residentKey);
    return serialised(residentKey, async () => {
      // Another process may have sent it while this one waited for the lock.
      const pending = await claimNotices.find(id);
      if (!pending) return false;
      const { caseNumber, fromLabel } = pending.notice;
      let replies: OutboundMessage[] | undefined = pending.replies?.map((r) => (r.buttons ? { text: r.text, buttons: r.buttons } : { text: r.text }));
      if (!replies) {
        // The notice's id goes with the session: played again, the turn has no second effect.
        replies = await runTurn({ residentKey, channel: channelOf(residentKey) }, { kind: "case_claimed", caseNumber, fromLabel }, id);
        await claimNotices.setReplies(id, replies);
      }
      await deliver(residentKey, replies);
      await claimNotices.remove(id);
      // Written only now that the channel has sent it: the transcript never says more than was said.
      const at = deps.dialogue.now();
      await deps.caseDesk
        .appendBotMessages(caseNumber, replies.map((r) => ({ text: r.text, at })), id)
        .catch((error: unknown) => log.warn({ err: error, caseNumber }, "the claim notice was sent but could not be kept in the transcript"));
      log.info({ caseNumber, channel: channelOf(residentKey) }, "resident told that a person has taken the case");
      return true;
    });
  }

  async function deliverPendingClaimNotices(channel: string, deliver: Deliver, olderThanMs = INBOX_REPLAY_AFTER_MS): Promise<number> {
    let sent = 0;
    const cutoff = Date.now() - olderThanMs;
    const stale = Date.now() - CLAIM_NOTICE_KEPT_MS;
    for (const { notice } of await claimNotices.list()) {
      if (Date.parse(notice.at) > cutoff) continue;
      if (Date.parse(notice.at) < stale) {
        // No process of the resident's channel ran for as long as a conversation lives (Telegram turned off).
        await claimNotices.remove(claimNoticeId(notice));
        log.warn({ caseNumber: notice.caseNumber }, "a claim notice no channel could send for 72 hours was dropped");
        continue;
      }
      try {
        const target = await sessions.route(notice.residentKey);
        if (!target.startsWith(`${channel}:`)) continue;
        if (await deliverClaimNotice(claimNoticeId(notice), deliver)) sent++;
      } catch (error) {
        log.warn({ err: error, caseNumber: notice.caseNumber, channel }, "a claim notice could not be sent yet; it is kept and tried again");
      }
    }
    return sent;
  }

  return {
    sessions,
    idle: async () => {
      while (reading.size > 0) await Promise.allSettled([...reading]);
    },
    deliverClaimNotice,
    deliverPendingClaimNotices,
    handle: (who, message, options = {}) =>
      serialised(who.residentKey, async () => {
        const t = textsFor("zh");
        try {
          const recorded = await inbox.record(who, message, options.messageId);
          if (recorded.kind === "duplicate") {
            log.info({ residentKey: who.residentKey, channel: who.channel, messageId: options.messageId }, "a message seen before was not handled again");
            return [];
          }
        } catch (error) {
          // Not kept anywhere: the resident must hear that it was not received.
          log.error({ err: error, residentKey: who.residentKey, channel: who.channel }, "an inbound message could not be recorded");
          return [{ text: t.systemError }];
        }
        try {
          const played = await playInbox(who.residentKey);
          return played.failed ? [...played.replies, { text: t.systemErrorKept }] : played.replies;
        } catch (error) {
          log.error({ err: error, residentKey: who.residentKey, channel: who.channel }, "the inbox could not be played");
          return [{ text: t.systemErrorKept }];
        }
      }).catch((error: unknown) => {
        // The store could not even be asked for the resident's lock: nothing was kept.
        log.error({ err: error, residentKey: who.residentKey, channel: who.channel }, "an inbound message could not be recorded");
        return [{ text: textsFor("zh").systemError }];
      }),
    retryPendingFilings,
    async recover(olderThanMs = INBOX_REPLAY_AFTER_MS) {
      let replayed = 0;
      let waiting = 0;
      const cutoff = Date.now() - olderThanMs;
      for (const residentKey of await inbox.residents()) {
        try {
          const entries = await inbox.pending(residentKey);
          if (entries.length === 0) {
            await inbox.dropIfEmpty(residentKey);
            continue;
          }
          // A fresh message is its own turn's business (it may be waiting for the lock right now).
          if (Date.parse(entries[0]!.receivedAt) > cutoff) {
            waiting += entries.length;
            continue;
          }
          const played = await serialised(residentKey, () => playInbox(residentKey));
          const left = played.failed ? (await inbox.pending(residentKey)).length : 0;
          replayed += entries.length - left;
          waiting += left;
          if (played.replies.length > 0) await publishResidentNotice(deps.store, residentKey, played.replies);
        } catch (error) {
          log.error({ err: error, residentKey }, "replaying kept messages failed");
        }
      }
      // Expired database copies are dropped hourly, not on every 5-second round.
      if (Date.now() - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        await sessions.prune().catch((error: unknown) => log.warn({ err: error }, "could not prune expired session copies"));
      }
      return { replayed, waiting, ...(await retryPendingFilings()) };
    },
    async staffMessage(message) {
      const residentKey = await sessions.route(message.residentKey);
      const channel = channelOf(residentKey);
      const replies = await serialised(residentKey, () =>
        runTurn({ residentKey, channel }, { kind: "staff_message", caseNumber: message.caseNumber, fromLabel: message.fromLabel, text: message.text }),
      );
      return { residentKey, replies };
    },
  };
}

function channelOf(residentKey: string): ResidentIdentity["channel"] {
  return residentKey.split(":")[0] as ResidentIdentity["channel"];
}

/** 30 failed attempts from one conversation or address, then an hour's cool-off (issue 10). */
export const RESUME_MAX_FAILURES = 30;
export const RESUME_COOL_OFF_SECONDS = 3600;
/** Wrong last-4 digits against one conversation, whoever tries: 10,000 choices, 5 tries. */
export const RESUME_DIGIT_TRIES = 5;
const RESUME_REQUEST_TTL_SECONDS = 15 * 60;

interface ResumeContext {
  sessions: SessionStore;
  store: KeyValueStore;
  log: Logger;
  /** Runs a turn for another resident (the other side of a move) under that resident's lock. */
  continueOn(who: ResidentIdentity, input: Input): Promise<OutboundMessage[]>;
}

/**
 * One step of a resume. The code alone shows nothing: the digits (or the original channel's
 * yes) come first, and the staff route moves only when the move is done.
 */
async function resumeStep(
  ctx: ResumeContext,
  effect: ResumeEffect,
  who: ResidentIdentity,
  afterSave: (() => Promise<void>)[],
): Promise<EffectResult> {
  const { sessions } = ctx;
  const scopes = [`conv:${who.residentKey}`, ...(who.address ? [`addr:${who.address}`] : [])];
  if (effect.step === "answer") return answerOnOriginal(ctx, effect.yes, who, afterSave);
  const blocked = await blockedMinutes(sessions, scopes);
  if (blocked !== null) return { kind: "resume_failed", reason: "blocked", minutes: blocked };
  const fromKey = await sessions.resolveResumeCode(effect.code);
  const from = fromKey === null || fromKey === who.residentKey ? null : (await sessions.load(fromKey)).session;
  if (fromKey === null || from === null) {
    if (effect.step === "digits") return { kind: "resume_failed", reason: "expired" };
    return failed(ctx, scopes, who);
  }
  if (effect.step === "code") {
    if (from.answers.phone) return { kind: "resume_check", check: "digits", code: effect.code, fromChannel: from.channel };
    await sessions.setResumeRequest(fromKey, { toKey: who.residentKey, toChannel: who.channel, code: effect.code }, RESUME_REQUEST_TTL_SECONDS);
    const t = textsFor(from.language);
    await publishResidentNotice(ctx.store, fromKey, [confirmationQuestion(t)]);
    ctx.log.info({ channel: who.channel, fromChannel: from.channel }, "resume waits for a yes on the original channel");
    return { kind: "resume_check", check: "confirmation", code: effect.code, fromChannel: from.channel };
  }
  const target = `digits:${fromKey}`;
  const targetBlocked = await blockedMinutes(sessions, [target]);
  if (targetBlocked !== null) return { kind: "resume_failed", reason: "digits_blocked", minutes: targetBlocked };
  if (from.answers.phone?.slice(-4) !== effect.digits) {
    const againstTarget = await sessions.addResumeFailure(target, RESUME_COOL_OFF_SECONDS);
    const result = await failed(ctx, scopes, who);
    if (result.reason === "blocked") return result;
    if (againstTarget >= RESUME_DIGIT_TRIES) {
      await sessions.blockResume(target, RESUME_COOL_OFF_SECONDS);
      return { kind: "resume_failed", reason: "digits_blocked", minutes: RESUME_COOL_OFF_SECONDS / 60 };
    }
    return { kind: "resume_failed", reason: "wrong_digits", triesLeft: RESUME_DIGIT_TRIES - againstTarget };
  }
  afterSave.push(() => completeMove(sessions, fromKey, who.residentKey, effect.code));
  ctx.log.info({ channel: who.channel, fromChannel: from.channel }, "conversation resumed on another channel");
  return { kind: "resumed", from };
}

/** The yes or no pressed on the original channel; the new channel hears the outcome by notice. */
async function answerOnOriginal(ctx: ResumeContext, yes: boolean, who: ResidentIdentity, afterSave: (() => Promise<void>)[]): Promise<EffectResult> {
  const { sessions } = ctx;
  const request = await sessions.takeResumeRequest(who.residentKey);
  const from = request ? (await sessions.load(who.residentKey)).session : null;
  if (!request || !from) return { kind: "resume_answered", outcome: "none" };
  const to: ResidentIdentity = { residentKey: request.toKey, channel: request.toChannel };
  if (!yes) {
    await sessions.addResumeFailure(`conv:${to.residentKey}`, RESUME_COOL_OFF_SECONDS);
    afterSave.push(async () => publishResidentNotice(ctx.store, to.residentKey, await ctx.continueOn(to, { kind: "resume_failed", reason: "declined" })));
    ctx.log.warn({ channel: to.channel, fromChannel: who.channel }, "resume declined on the original channel");
    return { kind: "resume_answered", outcome: "kept" };
  }
  afterSave.push(async () => {
    await completeMove(sessions, who.residentKey, to.residentKey, request.code);
    await publishResidentNotice(ctx.store, to.residentKey, await ctx.continueOn(to, { kind: "resumed", from }));
  });
  ctx.log.info({ channel: to.channel, fromChannel: who.channel }, "conversation resumed on another channel after confirmation");
  return { kind: "resume_answered", outcome: "moved", toChannel: to.channel };
}

async function completeMove(sessions: SessionStore, fromKey: string, toKey: string, code: string): Promise<void> {
  await sessions.forget(fromKey);
  await sessions.setRoute(fromKey, toKey);
  await sessions.registerResumeCode(code, toKey);
}

async function blockedMinutes(sessions: SessionStore, scopes: string[]): Promise<number | null> {
  for (const scope of scopes) {
    const seconds = await sessions.resumeBlockedFor(scope);
    if (seconds !== null) return Math.max(1, Math.ceil(seconds / 60));
  }
  return null;
}

/** Counts a failure in every scope; the one that reaches the limit starts its cool-off. */
async function failed(ctx: ResumeContext, scopes: string[], who: ResidentIdentity): Promise<Extract<EffectResult, { kind: "resume_failed" }>> {
  let blocked = false;
  for (const scope of scopes) {
    const count = await ctx.sessions.addResumeFailure(scope, RESUME_COOL_OFF_SECONDS);
    if (count >= RESUME_MAX_FAILURES) {
      await ctx.sessions.blockResume(scope, RESUME_COOL_OFF_SECONDS);
      blocked = true;
    }
  }
  if (blocked) {
    ctx.log.warn({ channel: who.channel, residentKey: who.residentKey }, "too many failed resume attempts; cooling off");
    return { kind: "resume_failed", reason: "blocked", minutes: RESUME_COOL_OFF_SECONDS / 60 };
  }
  return { kind: "resume_failed", reason: "unknown" };
}
