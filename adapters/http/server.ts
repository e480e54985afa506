// Listening and graceful shutdown for the HTTP app.
import type { AddressInfo } from "node:net";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

export interface RunningServer {
  url: string;
  server: Server;
  /**
   * Stops accepting connections, lets in-flight requests finish, then closes what
   * is still open after `graceMs` (long-lived streams such as live updates).
   */
  close(graceMs: number): Promise<void>;
}

/** Takes over an HTTP upgrade (WebSocket) request on one path. */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

// Keyed by the app, so routes belong to the app a module mounted them on (no global list).
const upgradeRoutes = new WeakMap<Hono, Map<string, UpgradeHandler>>();

/**
 * Lets a module accept WebSocket upgrades on `path` of whichever server will serve `app`
 * (Hono routes plain requests; upgrades never reach it).
 * @example onUpgrade(app, "/chat/ws", (req, socket, head) => wss.handleUpgrade(req, socket, head, …))
 */
export function onUpgrade(app: Hono, path: string, handler: UpgradeHandler): void {
  const routes = upgradeRoutes.get(app) ?? new Map<string, UpgradeHandler>();
  routes.set(path, handler);
  upgradeRoutes.set(app, routes);
}

export async function listen(app: Hono, options: { host: string; port: number }): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolve(s as Server));
    s.once("error", reject);
  });
  // Upgraded sockets leave the HTTP server's bookkeeping: track them to close them on stop.
  const upgraded = new Set<Duplex>();
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const handler = upgradeRoutes.get(app)?.get(path);
    if (!handler) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    upgraded.add(socket);
    socket.once("close", () => upgraded.delete(socket));
    handler(request, socket, head);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: (graceMs) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
        // Live chat sockets carry no request in flight; they reconnect elsewhere.
        for (const socket of upgraded) socket.destroy();
      }),
  };
}
