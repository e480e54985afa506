// Staff sessions in the key-value store: an unguessable id in an httpOnly cookie, a
// per-session CSRF token checked on every state-changing request.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { KeyValueStore } from "../../store/key-value-store.js";

const VERSION = 1;
export const SESSION_COOKIE = "yizhan_session";
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

export interface StaffSession {
  staffId: string;
  csrf: string;
  createdAt: string;
}

const StoredSession = z.object({
  version: z.literal(VERSION),
  session: z.object({ staffId: z.string().min(1), csrf: z.string().min(1), createdAt: z.string() }) satisfies z.ZodType<StaffSession>,
});

const key = (id: string) => `staff-session:${id}`;

export function createSessionStore(store: KeyValueStore) {
  return {
    async create(staffId: string): Promise<{ id: string; session: StaffSession }> {
      const id = randomBytes(32).toString("base64url");
      const session: StaffSession = { staffId, csrf: randomBytes(24).toString("base64url"), createdAt: new Date().toISOString() };
      await store.set(key(id), JSON.stringify({ version: VERSION, session }), { ttlSeconds: SESSION_TTL_SECONDS });
      return { id, session };
    },
    async read(id: string): Promise<StaffSession | null> {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(id)) return null;
      const raw = await store.get(key(id));
      if (!raw) return null;
      // A session of another version or shape is dropped, not trusted (STYLE 3): the person logs in again.
      try {
        const parsed = StoredSession.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data.session : null;
      } catch {
        return null;
      }
    },
    async destroy(id: string): Promise<void> {
      await store.delete(key(id));
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
