// Hono middleware: who is asking (from the session cookie) and whether a state-changing
// request carries the session's CSRF token. Every rule is then checked by the queue service.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { KeyValueStore } from "../../store/key-value-store.js";
import type { Actor } from "../../../queue/access.js";
import type { StaffRepository } from "../../../queue/ports.js";
import { createLoginThrottle, type LoginThrottle, type LoginThrottleOptions } from "./login-throttle.js";
import { createSessionStore, SESSION_COOKIE, SESSION_TTL_SECONDS, sameToken, type SessionStore } from "./sessions.js";
import { verifyPassword } from "./passwords.js";
import { clientAddress } from "../client-address.js";

export interface AuthVariables {
  actor: Actor;
  csrf: string;
}

export type AuthEnv = { Variables: AuthVariables };

export interface StaffAuth {
  staff: StaffRepository;
  sessions: SessionStore;
  /** Secure cookies when served over https (PUBLIC_URL https or production). */
  secureCookies: boolean;
  /** Wrong-password counts and lockouts, shared by every process through the store. */
  throttle: LoginThrottle;
  /** Count failures per X-Forwarded-For address (TRUST_PROXY), not per socket. */
  trustProxy: boolean;
}

/** Sessions and throttling in the store; cookies `Secure` in production or behind an https PUBLIC_URL. */
export function createStaffAuth(
  staff: StaffRepository,
  store: KeyValueStore,
  opts: { env: "development" | "production" | "test"; publicUrl?: string | undefined; throttle?: LoginThrottleOptions; trustProxy?: boolean },
): StaffAuth {
  return {
    staff,
    sessions: createSessionStore(store),
    secureCookies: opts.env === "production" || (opts.publicUrl?.startsWith("https:") ?? false),
    throttle: createLoginThrottle(store, opts.throttle),
    trustProxy: opts.trustProxy ?? false,
  };
}

export type LoginResult =
  | { ok: true; actor: Actor; csrf: string }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "locked"; message: string; retryAfterSeconds: number };

// An argon2id hash (the same parameters as hashPassword's) of a random secret nobody knows:
// an unknown or disabled user name costs the same verification as a wrong password.
export const DUMMY_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$zlW8nWtHqkuiEgxQhQGggA$p4njf+T8oTYb2ZGeTdl927Ua3uR8i03YKKhJxhG0PaA";

const WRONG = { ok: false, reason: "invalid", message: "用户名或密码不正确。" } as const;

function lockedOut(retryAfterSeconds: number): LoginResult {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return { ok: false, reason: "locked", retryAfterSeconds, message: `登录失败次数过多，为保护账号安全已暂时锁定，请 ${minutes} 分钟后再试。` };
}


/**
 * Checks the password and opens a session (sets the cookie). Same answer, after the same
 * work, for an unknown user and a wrong password; too many failures lock the user name and
 * the address for a while.
 */
export async function logIn(auth: StaffAuth, c: Context, username: string, password: string): Promise<LoginResult> {
  const name = username.trim();
  const address = clientAddress(c, auth.trustProxy) ?? "unknown";
  const before = await auth.throttle.check(name, address);
  if (before.locked) return lockedOut(before.retryAfterSeconds);
  const account = await auth.staff.findByUsername(name);
  const usable = account !== null && account.active;
  const matches = await verifyPassword(usable ? account.passwordHash : DUMMY_PASSWORD_HASH, password);
  if (!usable || !matches) {
    const after = await auth.throttle.recordFailure(name, address);
    return after.locked ? lockedOut(after.retryAfterSeconds) : WRONG;
  }
  await auth.throttle.recordSuccess(name);
  const { id, session } = await auth.sessions.create(account.id);
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: "Lax",
    secure: auth.secureCookies,
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
  const actor: Actor = { id: account.id, role: account.role, displayName: account.displayName, townshipId: account.townshipId };
  return { ok: true, actor, csrf: session.csrf };
}

export async function logOut(auth: StaffAuth, c: Context): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (id) await auth.sessions.destroy(id);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Loads the actor; `onMissing` answers when there is no valid session (JSON 401 or a redirect).
 * State-changing requests must carry the CSRF token in `x-csrf-token` or a `_csrf` form field.
 */
export function requireStaff(auth: StaffAuth, onMissing: (c: Context) => Response | Promise<Response>): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    const session = id ? await auth.sessions.read(id) : null;
    const account = session ? await auth.staff.findById(session.staffId) : null;
    if (!session || !account || !account.active) return onMissing(c);
    if (UNSAFE.has(c.req.method)) {
      let token = c.req.header("x-csrf-token");
      if (!token && (c.req.header("content-type") ?? "").includes("form")) {
        const form = await c.req.parseBody();
        token = typeof form._csrf === "string" ? form._csrf : undefined;
      }
      if (!token || !sameToken(token, session.csrf)) {
        return c.json({ error: "页面已过期或请求来源不可信，请刷新页面后重试。" }, 403);
      }
    }
    c.set("actor", { id: account.id, role: account.role, displayName: account.displayName, townshipId: account.townshipId });
    c.set("csrf", session.csrf);
    await next();
  };
}
