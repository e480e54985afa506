/**
 * The effect runner between the channels and the pure dialogue: loads the resident's
 * session, runs `respond`, carries out its effects through the CaseDesk and the session
 * store, feeds their results back, and saves the session with compare-and-set.
 * Channels call `handle` and only translate the replies.
 */
import { randomUUID } from "node:crypto";
import { respond } from "../../bot/dialogue.js";
import type { Session } from "../../bot/session.js";
import { textsFor } from "../../bot/texts.js";
import type { DialogueDeps, Effect, EffectResult, InboundMessage, Input, OutboundMessage, ResidentIdentity } from "../../bot/types.js";
import type { CaseDesk, ResidentOutboxMessage } from "../../queue/case-desk.js";
import type { Logger } from "../logger.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import { PendingFilings } from "./pending-filings.js";
import { SessionStore } from "./session-store.js";

export interface IntakeDeps {
  store: KeyValueStore;
  caseDesk: CaseDesk;
  dialogue: DialogueDeps;
  logger: Logger;
}

export interface Intake {
  /** One resident message in, the replies to send back on the same channel. */
  handle(who: ResidentIdentity, message: InboundMessage): Promise<OutboundMessage[]>;
  /** A staff message for a resident: the replies to deliver, and to whom (after any resume). */
  staffMessage(message: ResidentOutboxMessage): Promise<{ residentKey: string; replies: OutboundMessage[] }>;
  /**
   * Files again every case whose filing failed; each resident's replies (the case number) go out
   * through the store's pub/sub (RESIDENT_REPLIES_CHANNEL) to the process that holds their channel.
   */
  retryPendingFilings(): Promise<{ filed: number; pending: number }>;
  readonly sessions: SessionStore;
}

/** Replies for a resident that did not come from their own message (a filing retried later). */
export const RESIDENT_REPLIES_CHANNEL = "resident-replies";

export interface ResidentReplies {
  residentKey: string;
  replies: OutboundMessage[];
}

const LOCK_WAIT_MS = 5_000;
/** How often a turn is played again when its session was changed underneath it. */
const MAX_CONFLICT_REPLAYS = 3;

export function createIntake(deps: IntakeDeps): Intake {
  const sessions = new SessionStore(deps.store);
  const pendingFilings = new PendingFilings(deps.store);
  const log = deps.logger.child({ module: "intake" });
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
      if (locked) await sessions.unlock(key, owner);
    }
  }

  async function runTurn(who: ResidentIdentity, first: Input, conflicts = 0): Promise<OutboundMessage[]> {
    const loaded = await sessions.load(who.residentKey);
    let session: Session | null = loaded.session;
    const replies: OutboundMessage[] = [];
    const pending: Input[] = [first];
    const afterSave: (() => Promise<void>)[] = [];
    let opts = loaded.expired ? { notice: { kind: "expired" as const, ...loaded.expired } } : {};
    while (pending.length > 0) {
      const input = pending.shift()!;
      const turn = respond(session, input, who, deps.dialogue, opts);
      opts = {};
      session = turn.session;
      replies.push(...turn.replies);
      for (const effect of turn.effects) {
        const result = await runEffect(effect, who, afterSave);
        if (result) pending.push(result);
      }
    }
    const saved = await sessions.save(who.residentKey, loaded.raw, session);
    if (!saved) {
      // Someone else wrote the session meanwhile (a lock that expired, another process): never
      // overwrite their turn; play this message again on the state they left.
      if (conflicts >= MAX_CONFLICT_REPLAYS) throw new Error("session kept changing concurrently");
      log.warn({ residentKey: who.residentKey }, "session changed concurrently; replaying the message on the new state");
      return runTurn(who, first, conflicts + 1);
    }
    for (const task of afterSave) await task();
    return replies;
  }

  async function fileWithOneRetry(draft: Parameters<CaseDesk["fileCase"]>[0]) {
    try {
      return await deps.caseDesk.fileCase(draft);
    } catch (error) {
      log.warn({ err: error, residentKey: draft.resident.key }, "filing failed; trying once more at once");
      return deps.caseDesk.fileCase(draft);
    }
  }

  async function runEffect(effect: Effect, who: ResidentIdentity, afterSave: (() => Promise<void>)[]): Promise<EffectResult | undefined> {
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
          return { kind: "filing_failed" };
        }
      case "append_to_case":
        await deps.caseDesk.appendResidentMessage(effect.caseNumber, {
          text: effect.text,
          at: effect.at,
          ...(effect.risk ? { risk: effect.risk } : {}),
        });
        return undefined;
      case "attach_evidence":
        await deps.caseDesk.attachEvidence(effect.caseNumber, effect.evidence);
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
      case "resume": {
        const fromKey = await sessions.resolveResumeCode(effect.code);
        if (fromKey === null || fromKey === who.residentKey) return { kind: "resume_failed" };
        const from = (await sessions.load(fromKey)).session;
        if (!from) return { kind: "resume_failed" };
        afterSave.push(async () => {
          await sessions.forget(fromKey);
          await sessions.setRoute(fromKey, who.residentKey);
          await sessions.registerResumeCode(effect.code, who.residentKey);
        });
        return { kind: "resumed", from };
      }
    }
  }

  return {
    sessions,
    handle: (who, message) =>
      serialised(who.residentKey, async () => {
        try {
          return await runTurn(who, message);
        } catch (error) {
          log.error({ err: error, residentKey: who.residentKey, channel: who.channel }, "intake turn failed");
          return [{ text: textsFor("zh").systemError }];
        }
      }),
    async retryPendingFilings() {
      let filed = 0;
      const keys = await pendingFilings.list();
      for (const residentKey of keys) {
        const channel = residentKey.split(":")[0] as ResidentIdentity["channel"];
        try {
          const replies = await serialised(residentKey, () => runTurn({ residentKey, channel }, { kind: "retry_filing" }));
          const session = (await sessions.load(residentKey)).session;
          if (!session || session.stage.kind !== "filing") {
            await pendingFilings.remove(residentKey);
            if (session?.filed) filed++;
          }
          if (replies.length > 0) await deps.store.publish(RESIDENT_REPLIES_CHANNEL, JSON.stringify({ residentKey, replies } satisfies ResidentReplies));
        } catch (error) {
          log.error({ err: error, residentKey }, "retrying a pending filing failed");
        }
      }
      return { filed, pending: (await pendingFilings.list()).length };
    },
    async staffMessage(message) {
      const residentKey = await sessions.route(message.residentKey);
      const channel = residentKey.split(":")[0] as ResidentIdentity["channel"];
      const replies = await serialised(residentKey, () =>
        runTurn({ residentKey, channel }, { kind: "staff_message", caseNumber: message.caseNumber, fromLabel: message.fromLabel, text: message.text }),
      );
      return { residentKey, replies };
    },
  };
}
