// How many files the web chat takes from one client address and one conversation in a window:
// counted in the key-value store (every process counts the same uploads), as the staff login
// throttle counts wrong passwords, and refused with 429 and Retry-After until the window ends.
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { KeyValueStore } from "../store/key-value-store.js";

export interface UploadLimitOptions {
  /** Files from one client address per window (several residents may share an address). */
  perAddress: number;
  /** Files from one conversation per window. */
  perConversation: number;
  windowSeconds: number;
}

export const DEFAULT_UPLOAD_LIMIT: UploadLimitOptions = { perAddress: 30, perConversation: 10, windowSeconds: 10 * 60 };

export type UploadAllowance = { ok: true } | { ok: false; retryAfterSeconds: number };

// Addresses and conversation ids are hashed: nothing a client sends becomes a key as it is.
const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);
const MAX_CAS_TRIES = 25;

export interface UploadLimit {
  /** Takes one upload from the address's allowance (checked before the body is read). */
  fromAddress(address: string): Promise<UploadAllowance>;
  /** Takes one upload from the conversation's allowance. */
  fromConversation(user: string): Promise<UploadAllowance>;
}

export function createUploadLimit(store: KeyValueStore, options: UploadLimitOptions = DEFAULT_UPLOAD_LIMIT): UploadLimit {
  /** One more in the subject's window, unless it is full; the window starts with its first upload. */
  async function take(subject: string, max: number): Promise<UploadAllowance> {
    const key = `upload-count:${subject}`;
    for (let attempt = 0; attempt < MAX_CAS_TRIES; attempt++) {
      const current = await store.get(key);
      const count = Number.parseInt(current ?? "0", 10) || 0;
      const left = current === null ? options.windowSeconds : Math.max(1, (await store.ttlSeconds(key)) ?? options.windowSeconds);
      if (count >= max) return { ok: false, retryAfterSeconds: left };
      if (await store.compareAndSet(key, current, String(count + 1), { ttlSeconds: left })) return { ok: true };
    }
    // Many uploads at the same moment from one subject: that is what the limit is for.
    return { ok: false, retryAfterSeconds: options.windowSeconds };
  }
  return {
    fromAddress: (address) => take(`addr:${digest(address)}`, options.perAddress),
    fromConversation: (user) => take(`conv:${digest(user)}`, options.perConversation),
  };
}

/** The 429 answer, in Chinese, saying when to try again and that typing still works. */
export function tooManyUploads(c: Context, retryAfterSeconds: number): Response {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  c.header("Retry-After", String(retryAfterSeconds));
  c.header("Connection", "close");
  return c.json({ error: `发送文件太频繁了，请 ${minutes} 分钟后再发。文字消息不受影响，您可以继续打字说明情况。` }, 429);
}
