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
import type { Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import type { OutboundMessage, ResidentIdentity } from "../../bot/types.js";
import type { HttpModule } from "../http/app.js";
import { clientAddress, requestAddress } from "../http/client-address.js";
import { onUpgrade } from "../http/server.js";
import type { Intake } from "../intake/intake.js";
import type { Logger } from "../logger.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import { bodyLimit } from "hono/body-limit";
import { formatResumeCode } from "../../bot/resume-code.js";
import { cleanText } from "../edge-text.js";
import { tooLarge } from "../http/edge-limits.js";
import type { EvidenceFiles } from "./evidence-files.js";
import { fromTranscript, WebChatHistory } from "./history.js";
import { createUploadLimit, tooManyUploads, type UploadLimitOptions } from "./upload-limit.js";
import { chatPage } from "./page.js";
import { ClientMessage, MAX_TEXT_CHARS, toClientMessage, toInbound, tooLongNotice, WEBCHAT_KEY_PREFIX } from "./translate.js";

/** The length of a message's text when that is all that is wrong with it (too long to take), else undefined. */
function tooLong(data: unknown): number | undefined {
  const text = typeof data === "object" && data !== null ? (data as { text?: unknown }).text : undefined;
  if (typeof text !== "string" || text.length <= MAX_TEXT_CHARS) return undefined;
  return ClientMessage.safeParse({ ...(data as object), text: text.slice(0, MAX_TEXT_CHARS) }).success ? text.length : undefined;
}

export const WEBCHAT_SOCKET_PATH = "/chat/ws";
/** Photos and PDFs from the page (multipart: user, id, file); exempt from the global body limit. */
export const WEBCHAT_UPLOAD_PATH = "/chat/upload";
/** Room for the multipart envelope around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
/** Files held by one intake before it is filed. */
const MAX_HELD_FILES = 20;
const UploadFields = ClientMessage.pick({ user: true, id: true });
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
  /** Where photos and files sent from the page are kept; without it, uploads are refused. */
  evidence?: EvidenceFiles;
  uploadLimitBytes?: number;
  /** The centre's number, shown on the page (CENTRE_PHONE). */
  centrePhone?: string;
  /** Files per client address and per conversation in a window (upload-limit.ts). */
  uploadRate?: UploadLimitOptions;
}): WebChatChannel {
  const history = new WebChatHistory(opts.store);
  const uploadLimit = opts.uploadLimitBytes ?? 10 * 1024 * 1024;
  const page = chatPage({ uploadLimitBytes: uploadLimit, ...(opts.centrePhone ? { centrePhone: opts.centrePhone } : {}) });
  const adapter = new WebAdapter({ noServer: true, server: undefined });
  const log = opts.logger.child({ channel: "webchat" });
  const pendingKey = (user: string) => `webchat:pending:${user}`;
  const trustProxy = opts.trustProxy ?? false;
  const uploads = createUploadLimit(opts.store, opts.uploadRate);
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
      const length = tooLong({ ...data, user: context.activity.from.id });
      if (length !== undefined) {
        await context.sendActivity({ type: "message", text: tooLongNotice(length), channelData: { type: "message", text: tooLongNotice(length) } });
        return;
      }
      log.warn({ issues: parsed.error.issues.map((i) => i.message) }, "ignored a malformed web chat message");
      return;
    }
    const user = parsed.data.user;
    const resident = who(user, address);
    // Staff replies kept while the page was away are already in its history.
    const pending = await takePending(user);
    const replies: OutboundMessage[] = [];
    // A reopened page first gets the conversation so far, ending on the question it waits on.
    let start = parsed.data.type === "hello";
    if (parsed.data.type === "welcome_back") {
      // No page history (kept before this page existed, or the conversation came from another
      // channel): the session's own transcript; no session at all: a fresh start.
      let lines = await history.read(user);
      if (lines.length === 0) {
        const { session } = await opts.intake.sessions.load(resident.residentKey);
        start = !session;
        lines = session ? fromTranscript(session.transcript) : [];
      }
      if (lines.length > 0) await context.sendActivity({ type: "message", channelData: { type: "history", lines, state: await stateOf(user) } });
    }
    if (start) {
      await history.clear(user);
      replies.push(...(await opts.intake.handle(resident, { kind: "text", text: "/start" })));
    }
    const inbound = toInbound(parsed.data);
    if (inbound) replies.push(...(await opts.intake.handle(resident, inbound, parsed.data.id ? { messageId: parsed.data.id } : {})));
    await history.append(user, inbound ? (parsed.data.text ?? null) : null, replies);
    const out = [...pending, ...replies];
    // The page's bars (resume code, case number) ride on the replies, not as messages of their own.
    const state = out.length > 0 ? await stateOf(user) : undefined;
    for (const reply of out) await context.sendActivity({ type: "message", text: reply.text, channelData: { ...toClientMessage(reply), state } });
  }

  /** What the page shows above the chat: the resume code and, once filed, the case number. */
  async function stateOf(user: string): Promise<{ resume_code?: string; case_number?: string }> {
    const { session } = await opts.intake.sessions.load(`${WEBCHAT_KEY_PREFIX}${user}`);
    return {
      ...(session?.resumeCode ? { resume_code: formatResumeCode(session.resumeCode) } : {}),
      ...(session?.filed ? { case_number: session.filed.number } : {}),
    };
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
    app.get("/chat", (c) => c.html(page));
    // The address's allowance is taken before a byte of the body is read (the same address rule as
    // the staff login throttle); the conversation's once the form says which conversation it is.
    const perAddress: MiddlewareHandler = async (c, next) => {
      const allowed = await uploads.fromAddress(clientAddress(c, trustProxy) ?? "unknown");
      if (!allowed.ok) return tooManyUploads(c, allowed.retryAfterSeconds);
      return next();
    };
    app.post(WEBCHAT_UPLOAD_PATH, perAddress, bodyLimit({ maxSize: uploadLimit + MULTIPART_OVERHEAD_BYTES, onError: (c) => tooLarge(c, uploadLimit) }), async (c) => {
      if (!opts.evidence) return c.json({ error: "暂时不能发送文件，请用文字描述。" }, 503);
      const form = await c.req.parseBody().catch(() => null);
      const fields = UploadFields.safeParse(form ?? {});
      const file = form?.file;
      if (!fields.success || !(file instanceof File)) return c.json({ error: "文件格式不正确。" }, 400);
      const allowed = await uploads.fromConversation(fields.data.user);
      if (!allowed.ok) return tooManyUploads(c, allowed.retryAfterSeconds);
      if (file.size > uploadLimit) return tooLarge(c, uploadLimit);
      // Nothing is written to disk for a page that has not consented (nor past a sane number of files).
      const { session } = await opts.intake.sessions.load(`${WEBCHAT_KEY_PREFIX}${fields.data.user}`);
      if (!session?.consentAt) return c.json({ error: "请先点「同意，开始」，再发送照片或文件。" }, 409);
      if (session.evidence.length >= MAX_HELD_FILES) return c.json({ error: `一次登记最多发送 ${MAX_HELD_FILES} 份材料，其余的请交给工作人员。` }, 429);
      const saved = await opts.evidence.save(new Uint8Array(await file.arrayBuffer()));
      if (!saved.ok) return c.json({ error: "只能发送照片（JPG、PNG、WebP、GIF）或 PDF 文件。" }, 415);
      const user = fields.data.user;
      const name = cleanText(file.name).slice(0, 100) || (saved.file === "photo" ? "照片" : "文件");
      const resident = who(user, clientAddress(c, trustProxy));
      const pending = await takePending(user);
      const replies = await opts.intake.handle(resident, { kind: "file", file: saved.file, ref: saved.ref, name }, fields.data.id ? { messageId: fields.data.id } : {});
      await history.append(user, `已发送文件：${name}`, replies);
      const state = await stateOf(user);
      return c.json([...pending, ...replies].map((r) => ({ ...toClientMessage(r), state })));
    });
    app.post("/api/messages", async (c) => {
      const address = clientAddress(c, trustProxy);
      const raw: unknown = await c.req.json().catch(() => null);
      const body = ClientMessage.safeParse(raw);
      if (!body.success) {
        const length = tooLong(raw);
        return length !== undefined ? c.json({ error: tooLongNotice(length) }, 413) : c.json({ error: "消息格式不正确。" }, 400);
      }
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
        await history.append(user, null, replies);
        await adapter.continueConversation(reference as never, async (context) => {
          for (const reply of replies) await context.sendActivity({ type: "message", text: reply.text, channelData: toClientMessage(reply) });
        });
        return;
      }
      const earlier = await takePending(user);
      await history.append(user, null, replies);
      await opts.store.set(pendingKey(user), JSON.stringify([...earlier, ...replies]), { ttlSeconds: PENDING_TTL_SECONDS });
    },
  };
}

function who(user: string, address: string | undefined): ResidentIdentity {
  return { residentKey: `${WEBCHAT_KEY_PREFIX}${user}`, channel: "webchat", ...(address ? { address } : {}) };
}
