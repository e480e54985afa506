// The origin check every state-changing request passes (console forms, the JSON API, both
// logins), on top of the session's CSRF token: a browser says where a request comes from
// in Origin or Sec-Fetch-Site; a request from another site is refused. Clients that are not
// browsers send neither and are let through (they cannot carry a victim's cookies).
import type { Context, MiddlewareHandler } from "hono";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when the request comes from this server's own pages (or from no browser at all). */
export function fromOwnOrigin(c: Context, publicOrigin?: string): boolean {
  const origin = c.req.header("origin");
  if (origin !== undefined) return origin === new URL(c.req.url).origin || origin === publicOrigin;
  const fetchSite = c.req.header("sec-fetch-site");
  return fetchSite === undefined || fetchSite === "same-origin";
}

/** Refuses cross-origin state-changing requests with `refuse` (a page or JSON, as the caller answers). */
export function sameOriginOnly(publicOrigin: string | undefined, refuse: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE.has(c.req.method) && !fromOwnOrigin(c, publicOrigin)) return refuse(c);
    await next();
  };
}
