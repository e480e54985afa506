// Listening and graceful shutdown for the HTTP app.
import type { AddressInfo, Socket } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

export interface RunningServer {
  url: string;
  server: Server;
  /**
   * Graceful stop: stops accepting connections, lets in-flight requests finish (each
   * answered with `Connection: close`, so no client reuses a socket that is going away),
   * closes idle keep-alive sockets and asks WebSocket clients to leave (close frame 1001);
   * whatever is still open after `graceMs` (long-lived streams) is then cut.
   */
  close(graceMs: number): Promise<void>;
}

/** Takes over an HTTP upgrade (WebSocket) request on one path. */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Asks the clients of an upgrade route to leave politely; resolves when they have (or gave up). */
export type UpgradeCloser = () => Promise<void>;

interface UpgradeRoute {
  handler: UpgradeHandler;
  close?: UpgradeCloser | undefined;
}

// Keyed by the app, so routes belong to the app a module mounted them on (no global list).
const upgradeRoutes = new WeakMap<Hono, Map<string, UpgradeRoute>>();

/**
 * Lets a module accept WebSocket upgrades on `path` of whichever server will serve `app`
 * (Hono routes plain requests; upgrades never reach it). `close` is called on shutdown.
 * @example onUpgrade(app, "/chat/ws", (req, socket, head) => wss.handleUpgrade(req, socket, head, …), closeClients)
 */
export function onUpgrade(app: Hono, path: string, handler: UpgradeHandler, close?: UpgradeCloser): void {
  const routes = upgradeRoutes.get(app) ?? new Map<string, UpgradeRoute>();
  routes.set(path, { handler, close });
  upgradeRoutes.set(app, routes);
}

// How long the listener stays open after the stop begins, for connections already queued in the kernel.
const BACKLOG_DRAIN_MS = 250;
// How long a connection between requests may still bring one once the stop began (answered with
// Connection: close); after that it is closed.
const IDLE_CONNECTION_WAIT_MS = 1_000;
// Time given to WebSocket clients to answer the close frame before their sockets are cut.
const UPGRADED_CLOSE_WAIT_MS = 2_000;

export async function listen(app: Hono, options: { host: string; port: number }): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolve(s as Server));
    s.once("error", reject);
  });
  let closing = false;
  // Responses not yet sent: told to close their connection when the stop begins.
  const pending = new Set<ServerResponse>();
  // Connections, and how many of their requests are unanswered. A connection accepted but whose first
  // request has not arrived yet is not idle (Node's closeIdleConnections would reset it): only one that
  // has been answered and waits for another request is.
  const connections = new Map<Socket, { busy: number; served: boolean }>();
  server.on("connection", (socket: Socket) => {
    if (closing) {
      // Arrived while stopping (still in the kernel's queue when the stop began): a polite "later",
      // not a reset; nothing is read from it.
      socket.end(`HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    connections.set(socket, { busy: 0, served: false });
    socket.once("close", () => connections.delete(socket));
  });
  server.prependListener("request", (request: IncomingMessage, response: ServerResponse) => {
    if (closing) response.setHeader("Connection", "close");
    pending.add(response);
    const state = connections.get(request.socket as Socket);
    if (state) {
      state.busy++;
      state.served = true;
    }
    response.once("close", () => {
      pending.delete(response);
      if (state) state.busy--;
    });
  });
  // Upgraded sockets leave the HTTP server's bookkeeping: track them to close them on stop.
  const upgraded = new Set<Duplex>();
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const route = upgradeRoutes.get(app)?.get(path);
    if (!route || closing) {
      socket.end(`HTTP/1.1 ${closing ? "503 Service Unavailable" : "404 Not Found"}\r\nConnection: close\r\n\r\n`);
      return;
    }
    upgraded.add(socket);
    socket.once("close", () => upgraded.delete(socket));
    route.handler(request, socket, head);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  const close = (graceMs: number) =>
    (closed ??= new Promise<void>((resolve) => {
      closing = true;
      for (const response of pending) if (!response.headersSent) response.setHeader("Connection", "close");
      const force = setTimeout(() => {
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      }, graceMs);
      force.unref();
      // Node's server.close() also destroys every connection with no request in progress, including a
      // kept-alive one whose next request is already on the wire (the client then reads "other side
      // closed"). Those are ours to close: each request that still arrives is answered with
      // Connection: close, after which Node ends the socket itself.
      server.closeIdleConnections = () => undefined;
      // Connections the kernel already accepted but Node has not picked up yet would be reset by closing
      // the listener at once: keep it open a moment (answering them 503), then close it.
      setTimeout(() => {
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
      }, Math.min(graceMs, BACKLOG_DRAIN_MS)).unref();
      // A connection still without a request after a while carries nothing in flight: closed.
      setTimeout(() => {
        for (const [socket, state] of connections) if (state.busy === 0) socket.destroy();
      }, Math.min(graceMs, IDLE_CONNECTION_WAIT_MS)).unref();
      void closeUpgraded(app, upgraded, Math.min(graceMs, UPGRADED_CLOSE_WAIT_MS));
    }));
  return { url: `http://${host}:${address.port}`, server, close };
}

async function closeUpgraded(app: Hono, upgraded: Set<Duplex>, waitMs: number): Promise<void> {
  const routes = [...(upgradeRoutes.get(app)?.values() ?? [])];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  await Promise.race([Promise.allSettled(routes.map((route) => route.close?.())), timeout]);
  clearTimeout(timer);
  for (const socket of upgraded) (socket as Socket).destroy();
}
