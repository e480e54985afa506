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
  readonly sessions: SessionStore;
}

const LOCK_WAIT_MS = 5_000;

export function createIntake(deps: IntakeDeps): Intake {
  const sessions = new SessionStore(deps.store);
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

  async function runTurn(who: ResidentIdentity, first: Input): Promise<OutboundMessage[]> {
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
      log.error({ residentKey: who.residentKey }, "session changed concurrently; keeping the latest turn");
      await sessions.forget(who.residentKey);
      await sessions.save(who.residentKey, null, session);
    }
    for (const task of afterSave) await task();
    return replies;
  }

  async function runEffect(effect: Effect, who: ResidentIdentity, afterSave: (() => Promise<void>)[]): Promise<EffectResult | undefined> {
    switch (effect.kind) {
      case "file_case":
        try {
          const filed = await deps.caseDesk.fileCase(effect.draft);
          log.info({ caseNumber: filed.number, color: filed.color, channel: who.channel }, "case filed from intake");
          return { kind: "case_filed", filed };
        } catch (error) {
          log.error({ err: error, residentKey: who.residentKey }, "filing the case failed");
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
