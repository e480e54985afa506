/**
 * The web chat channel on Botkit's web adapter (botbuilder-adapter-web), kept behind the
 * channel interface so it can be replaced: `POST /api/messages` (HTTP), a WebSocket at
 * `/chat/ws` on the same server as `yizhan serve`, and the page at `/chat`.
 * Botkit normally builds its own express server and attaches the socket server to it; here
 * the adapter's socket server runs without a server and our HTTP server hands it upgrades.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { TurnContext } from "botbuilder";
import { WebAdapter } from "botbuilder-adapter-web";
import type { Hono } from "hono";
import { z } from "zod";
import type { OutboundMessage, ResidentIdentity } from "../../bot/types.js";
import type { HttpModule } from "../http/app.js";
import { clientAddress, requestAddress } from "../http/client-address.js";
import { onUpgrade } from "../http/server.js";
import type { Intake } from "../intake/intake.js";
import type { Logger } from "../logger.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import { CHAT_PAGE } from "./page.js";
import { ClientMessage, toClientMessage, toInbound, WEBCHAT_KEY_PREFIX } from "./translate.js";

export const WEBCHAT_SOCKET_PATH = "/chat/ws";
/** Staff replies kept for a page that is not connected (JSON array of OutboundMessage). */
const PendingReplies = z.array(z.object({ text: z.string(), buttons: z.array(z.object({ label: z.string(), value: z.string() })).optional() }));
const PENDING_TTL_SECONDS = 72 * 3600;
/**
 * The largest WebSocket frame read from a page: a message is at most 4,000 characters
 * (ClientMessage), ~12 KB of UTF-8 and JSON; anything far bigger is refused (close 1009)
 * from its header, before it is buffered.
 */
export const WEBCHAT_MAX_FRAME_BYTES = 64 * 1024;
const GOING_AWAY = 1001;

export interface WebChatChannel {
  mount: HttpModule;
  /** Staff replies: over the open socket, or kept until the page next asks (HTTP fallback). */
  deliver(residentKey: string, replies: OutboundMessage[]): Promise<void>;
}

interface ClientSocket {
  readyState: number;
  close(code: number, reason: string): void;
  once(event: "close", listener: () => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  removeAllListeners(event: "error"): void;
}

interface SocketServer {
  clients: Set<ClientSocket>;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, done: (ws: ClientSocket) => void): void;
  emit(event: "connection", ws: ClientSocket, req: IncomingMessage): boolean;
}

export function createWebChatChannel(opts: {
  intake: Intake;
  store: KeyValueStore;
  logger: Logger;
  maxFrameBytes?: number;
  /** Client addresses from the left-most X-Forwarded-For (behind a reverse proxy), not the socket. */
  trustProxy?: boolean;
}): WebChatChannel {
  const adapter = new WebAdapter({ noServer: true, server: undefined });
  const log = opts.logger.child({ channel: "webchat" });
  const pendingKey = (user: string) => `webchat:pending:${user}`;
  const trustProxy = opts.trustProxy ?? false;
  // Each socket's client address, taken from its upgrade request.
  const socketAddresses = new WeakMap<object, string>();

  async function takePending(user: string): Promise<OutboundMessage[]> {
    const raw = await opts.store.get(pendingKey(user));
    if (raw === null) return [];
    await opts.store.delete(pendingKey(user));
    let parsed;
    try {
      parsed = PendingReplies.safeParse(JSON.parse(raw));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) return parsed.data.map((r) => (r.buttons ? { text: r.text, buttons: r.buttons } : { text: r.text }));
    log.error("dropped unreadable pending web chat replies");
    return [];
  }

  /**
   * The address of the socket a WebSocket message came on. The adapter records the socket as the
   * user's connection just before it runs the turn, so this is read first, before any await.
   */
  function socketAddress(context: TurnContext): string | undefined {
    const user = context.activity.from.id;
    return adapter.isConnected(user) ? socketAddresses.get(adapter.getConnection(user)) : undefined;
  }

  /** The turn logic the adapter runs for both transports; `address` is the client's, when known. */
  async function onTurn(context: TurnContext, address: string | undefined): Promise<void> {
    const data = (context.activity.channelData ?? {}) as Record<string, unknown>;
    const parsed = ClientMessage.safeParse({ ...data, user: context.activity.from.id });
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.map((i) => i.message) }, "ignored a malformed web chat message");
      return;
    }
    const user = parsed.data.user;
    const resident = who(user, address);
    const replies = await takePending(user);
    if (parsed.data.type === "hello") replies.push(...(await opts.intake.handle(resident, { kind: "text", text: "/start" })));
    const inbound = toInbound(parsed.data);
    if (inbound) replies.push(...(await opts.intake.handle(resident, inbound, parsed.data.id ? { messageId: parsed.data.id } : {})));
    for (const reply of replies) await context.sendActivity({ type: "message", text: reply.text, channelData: toClientMessage(reply) });
  }

  // No server given: upgrades come through `onUpgrade` below.
  const maxPayload = opts.maxFrameBytes ?? WEBCHAT_MAX_FRAME_BYTES;
  adapter.createSocketServer(undefined as never, { noServer: true, server: undefined, maxPayload }, (context: TurnContext) => onTurn(context, socketAddress(context)));
  const sockets = adapter.wss as SocketServer;

  /** On shutdown: every page is told the server is going away (the page falls back to HTTP and reconnects). */
  async function closeClients(): Promise<void> {
    const open = [...sockets.clients].filter((ws) => ws.readyState === 1);
    await Promise.all(
      open.map(
        (ws) =>
          new Promise<void>((resolve) => {
            ws.once("close", resolve);
            ws.close(GOING_AWAY, "server restarting");
          }),
      ),
    );
  }

  const mount: HttpModule = (app: Hono) => {
    app.get("/chat", (c) => c.html(CHAT_PAGE));
    app.post("/api/messages", async (c) => {
      const address = clientAddress(c, trustProxy);
      const body = ClientMessage.safeParse(await c.req.json().catch(() => null));
      if (!body.success) return c.json({ error: "消息格式不正确。" }, 400);
      // processActivity speaks express; a two-method stand-in is all it uses.
      let status = 200;
      let payload: unknown = [];
      const res = {
        status: (code: number) => void (status = code),
        json: (value: unknown) => void (payload = value),
        end: () => undefined,
      };
      await adapter.processActivity({ body: body.data } as never, res as never, (context: TurnContext) => onTurn(context, address));
      return c.json(payload as object, status as 200);
    });
    onUpgrade(app, WEBCHAT_SOCKET_PATH, (req, socket, head) => {
      const address = requestAddress(req, trustProxy);
      sockets.handleUpgrade(req, socket, head, (ws) => {
        if (address) socketAddresses.set(ws, address);
        sockets.emit("connection", ws, req);
        // Botkit prints socket errors (an oversized frame…) with their stack: one log line instead.
        ws.removeAllListeners("error");
        ws.on("error", (error) => log.warn({ err: error.message }, "web chat socket closed on a bad frame"));
      });
    }, closeClients);
  };

  return {
    mount,
    async deliver(residentKey, replies) {
      const user = residentKey.slice(WEBCHAT_KEY_PREFIX.length);
      if (adapter.isConnected(user)) {
        const reference = { channelId: "websocket", conversation: { id: user }, user: { id: user }, bot: { id: "bot" } };
        await adapter.continueConversation(reference as never, async (context) => {
          for (const reply of replies) await context.sendActivity({ type: "message", text: reply.text, channelData: toClientMessage(reply) });
        });
        return;
      }
      const earlier = await takePending(user);
      await opts.store.set(pendingKey(user), JSON.stringify([...earlier, ...replies]), { ttlSeconds: PENDING_TTL_SECONDS });
    },
  };
}

function who(user: string, address: string | undefined): ResidentIdentity {
  return { residentKey: `${WEBCHAT_KEY_PREFIX}${user}`, channel: "webchat", ...(address ? { address } : {}) };
}
