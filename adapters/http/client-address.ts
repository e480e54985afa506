// The client's network address for per-address limits (staff login throttle, web chat resume
// attempts). Behind a reverse proxy (TRUST_PROXY) the proxy's X-Forwarded-For carries it, left-most;
// without one the header is whatever the client wrote, so only the socket's remote address counts.
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The rule: the left-most X-Forwarded-For address when the proxy is trusted and it is an IP
 * address, otherwise the socket's.
 * @example addressFrom("203.0.113.9, 10.0.0.2", "10.0.0.2", true) === "203.0.113.9"
 */
export function addressFrom(forwardedFor: string | undefined, remote: string | undefined, trustProxy: boolean): string | undefined {
  if (trustProxy && forwardedFor) {
    const first = forwardedFor.split(",")[0]!.trim();
    if (isIP(first) !== 0) return first;
  }
  return remote || undefined;
}

/** A Hono request's client address, undefined outside a Node server (e.g. in app.request). */
export function clientAddress(c: Context, trustProxy = false): string | undefined {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    remote = undefined;
  }
  return addressFrom(c.req.header("x-forwarded-for"), remote, trustProxy);
}

/** A Node request's client address (a WebSocket upgrade), undefined when the socket has none. */
export function requestAddress(req: IncomingMessage, trustProxy = false): string | undefined {
  const header = req.headers["x-forwarded-for"];
  return addressFrom(Array.isArray(header) ? header[0] : header, req.socket.remoteAddress, trustProxy);
}
