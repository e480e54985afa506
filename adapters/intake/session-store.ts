// Intake sessions over the key-value store: versioned JSON, written with compare-and-set,
// 72 hours of life, a longer-lived marker so an expired conversation gets a polite note,
// resume codes and the route of a resident who moved to another channel.
import { createHash } from "node:crypto";
import { z } from "zod";
import { normaliseResumeCode } from "../../bot/resume-code.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import type { SessionBackup } from "./session-backup.js";
import { handledIds, parseSession, serializeSession, type Session } from "../../bot/session.js";

const ResumeRequest = z.object({
  toKey: z.string().min(1),
  toChannel: z.enum(["telegram", "webchat", "terminal", "hotline"]),
  code: z.string().min(1),
});
export type ResumeRequest = z.infer<typeof ResumeRequest>;

export const SESSION_TTL_SECONDS = 72 * 3600;
const MARKER_TTL_SECONDS = 30 * 24 * 3600;

export interface LoadedSession {
  /** The exact stored value, for compare-and-set. */
  raw: string | null;
  session: Session | null;
  /** Inbound message ids this session already answered (inbox.ts plays a message at most once). */
  handled: string[];
  /** The session expired (silence), as opposed to never existing or being cancelled. */
  expired?: { caseNumber?: string };
}

export interface SessionStoreOptions {
  /** A copy in the database, for a store that does not persist (session-backup.ts). */
  backup?: SessionBackup;
  /** A backup read or write failed: the conversation goes on from the store; the caller logs. */
  onBackupError?: (error: unknown, residentKey: string) => void;
  prefix?: string;
}

export class SessionStore {
  private readonly prefix: string;

  constructor(
    private readonly store: KeyValueStore,
    private readonly options: SessionStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? "intake:";
  }

  async load(residentKey: string): Promise<LoadedSession> {
    const raw = (await this.store.get(this.key("session", residentKey))) ?? (await this.restore(residentKey));
    const session = parseSession(raw);
    const handled = handledIds(raw);
    if (session) return { raw, session, handled };
    const marker = await this.store.get(this.key("seen", residentKey));
    if (raw === null && marker !== null) {
      const caseNumber = (JSON.parse(marker) as { caseNumber?: string }).caseNumber;
      return { raw, session: null, handled, expired: caseNumber ? { caseNumber } : {} };
    }
    return { raw, session: null, handled };
  }

  /**
   * Writes only if nobody else wrote since `expectedRaw` was read; null deletes. `handled`: the
   * inbound message ids answered so far, kept in the same value as the state.
   */
  async save(residentKey: string, expectedRaw: string | null, session: Session | null, handled: readonly string[] = []): Promise<boolean> {
    const key = this.key("session", residentKey);
    if (session === null) {
      await this.store.delete(this.key("seen", residentKey));
      if (expectedRaw === null) return true;
      const current = await this.store.get(key);
      if (current !== expectedRaw) return false;
      await this.store.delete(key);
      await this.backupDo(residentKey, (b) => b.delete(residentKey));
      return true;
    }
    const value = serializeSession(session, handled);
    const written = await this.store.compareAndSet(key, expectedRaw, value, { ttlSeconds: SESSION_TTL_SECONDS });
    if (written) {
      const marker = JSON.stringify(session.filed ? { caseNumber: session.filed.number } : {});
      await this.store.set(this.key("seen", residentKey), marker, { ttlSeconds: MARKER_TTL_SECONDS });
      const expiresAt = new Date(Date.now() + SESSION_TTL_SECONDS * 1000);
      await this.backupDo(residentKey, (b) => b.save(residentKey, value, session.stage.kind, expiresAt));
    }
    return written;
  }

  async forget(residentKey: string): Promise<void> {
    await this.store.delete(this.key("session", residentKey));
    await this.store.delete(this.key("seen", residentKey));
    await this.backupDo(residentKey, (b) => b.delete(residentKey));
  }

  /** Conversations the backup holds at the filing stage (their pending-filing entry may be gone with Redis). */
  async waitingToFile(): Promise<string[]> {
    return this.options.backup ? this.options.backup.waitingToFile() : [];
  }

  /** Drops expired database copies (the store expires its own keys). */
  async prune(): Promise<void> {
    await this.options.backup?.prune();
  }

  /** The store lost the session (a Redis restart): put the database's copy back and go on from it. */
  private async restore(residentKey: string): Promise<string | null> {
    const backup = this.options.backup;
    if (!backup) return null;
    let raw: string | null;
    try {
      raw = await backup.load(residentKey);
    } catch (error) {
      this.options.onBackupError?.(error, residentKey);
      return null;
    }
    if (raw === null) return null;
    const key = this.key("session", residentKey);
    // Someone may have started a new conversation meanwhile: theirs wins.
    if (!(await this.store.compareAndSet(key, null, raw, { ttlSeconds: SESSION_TTL_SECONDS }))) return this.store.get(key);
    return raw;
  }

  private async backupDo(residentKey: string, work: (backup: SessionBackup) => Promise<void>): Promise<void> {
    if (!this.options.backup) return;
    try {
      await work(this.options.backup);
    } catch (error) {
      this.options.onBackupError?.(error, residentKey);
    }
  }

  async registerResumeCode(code: string, residentKey: string): Promise<void> {
    await this.store.set(this.key("resume", resumeCodeDigest(code)), residentKey, { ttlSeconds: SESSION_TTL_SECONDS });
  }

  async resolveResumeCode(code: string): Promise<string | null> {
    const key = this.key("resume", resumeCodeDigest(code));
    const found = await this.store.get(key);
    if (found !== null) return found;
    // A code registered in clear before digests (at most SESSION_TTL_SECONDS old) moves to its digest on first use.
    const clear = this.key("resume", code);
    const legacy = await this.store.get(clear);
    if (legacy === null) return null;
    await this.store.set(key, legacy, { ttlSeconds: (await this.store.ttlSeconds(clear)) ?? SESSION_TTL_SECONDS });
    await this.store.delete(clear);
    return legacy;
  }

  async dropResumeCode(code: string): Promise<void> {
    await this.store.delete(this.key("resume", resumeCodeDigest(code)));
    await this.store.delete(this.key("resume", code));
  }

  /** One more failed resume attempt for `scope` ("conv:…", "addr:…", "digits:…"); the count lives `ttlSeconds` after the last failure. */
  async addResumeFailure(scope: string, ttlSeconds: number): Promise<number> {
    const key = this.key("resume-fail", scope);
    // Compare-and-set keeps the count exact across processes and renews its lifetime.
    for (;;) {
      const current = await this.store.get(key);
      const next = (current === null ? 0 : Number(current) || 0) + 1;
      if (await this.store.compareAndSet(key, current, String(next), { ttlSeconds })) return next;
    }
  }

  async blockResume(scope: string, ttlSeconds: number): Promise<void> {
    await this.store.set(this.key("resume-block", scope), "1", { ttlSeconds });
  }

  /** Seconds left of a cool-off on `scope`, or null when it may try. */
  async resumeBlockedFor(scope: string): Promise<number | null> {
    const key = this.key("resume-block", scope);
    if ((await this.store.get(key)) === null) return null;
    return (await this.store.ttlSeconds(key)) ?? 60;
  }

  /** A move of `fromKey`'s conversation that waits for a yes on the original channel. */
  async setResumeRequest(fromKey: string, request: ResumeRequest, ttlSeconds: number): Promise<void> {
    await this.store.set(this.key("resume-request", fromKey), JSON.stringify(request), { ttlSeconds });
  }

  /** The waiting request, removed so that one answer carries it out once. */
  async takeResumeRequest(fromKey: string): Promise<ResumeRequest | null> {
    const key = this.key("resume-request", fromKey);
    const raw = await this.store.get(key);
    if (raw === null) return null;
    await this.store.delete(key);
    try {
      const parsed = ResumeRequest.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Staff messages for `fromKey` go to `toKey` (the resident resumed elsewhere). */
  async setRoute(fromKey: string, toKey: string): Promise<void> {
    await this.store.set(this.key("route", fromKey), toKey, { ttlSeconds: MARKER_TTL_SECONDS });
  }

  async route(residentKey: string): Promise<string> {
    let key = residentKey;
    for (let hops = 0; hops < 5; hops++) {
      const next = await this.store.get(this.key("route", key));
      if (next === null) return key;
      key = next;
    }
    return key;
  }

  /** A short cross-process lock so two messages of one resident are handled in order. */
  async lock(residentKey: string, owner: string, ttlSeconds = 15): Promise<boolean> {
    return this.store.setIfAbsent(this.key("lock", residentKey), owner, { ttlSeconds });
  }

  async unlock(residentKey: string, owner: string): Promise<void> {
    const key = this.key("lock", residentKey);
    if ((await this.store.get(key)) === owner) await this.store.delete(key);
  }

  private key(kind: string, id: string): string {
    return `${this.prefix}${kind}:${id}`;
  }
}

/**
 * What the store keeps for a resume code: the SHA-256 of its normalised form, so a dump of the
 * store shows no live code. @example resumeCodeDigest("k7qh-3mpx-9rta") === resumeCodeDigest("K7QH3MPX9RTA")
 */
export function resumeCodeDigest(code: string): string {
  return createHash("sha256").update(normaliseResumeCode(code) ?? code).digest("hex");
}
