// Hono middleware: who is asking (from the session cookie) and whether a state-changing
// request carries the session's CSRF token. Every rule is then checked by the queue service.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Actor } from "../../../queue/access.js";
import type { StaffRepository } from "../../../queue/ports.js";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, sameToken, type SessionStore } from "./sessions.js";
import { verifyPassword } from "./passwords.js";

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
}

export type LoginResult = { ok: true; actor: Actor; csrf: string } | { ok: false; message: string };

/** Checks the password and opens a session (sets the cookie). Same answer for unknown user and wrong password. */
export async function logIn(auth: StaffAuth, c: Context, username: string, password: string): Promise<LoginResult> {
  const account = await auth.staff.findByUsername(username.trim());
  const valid = account !== null && account.active && (await verifyPassword(account.passwordHash, password));
  if (!account || !valid) return { ok: false, message: "用户名或密码不正确。" };
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
