// Every scripted conversation through the web chat (Botkit's web adapter) over real HTTP
// (POST /api/messages) and a real WebSocket (/chat/ws) on 127.0.0.1.
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../bot/types.js";
import { createHttpApp } from "../../adapters/http/app.js";
import { listen, type RunningServer } from "../../adapters/http/server.js";
import type { Intake } from "../../adapters/intake/intake.js";
import { RESUME_MAX_FAILURES } from "../../adapters/intake/intake.js";
import { relayStaffMessages } from "../../adapters/intake/outbox-relay.js";
import { announceClaim } from "../../adapters/intake/claim-notices.js";
import { claimNoticeFor, staffMessageFor, stepToInbound } from "../../adapters/intake/script.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import type { KeyValueStore } from "../../adapters/store/key-value-store.js";
import { createWebChatChannel, WEBCHAT_SOCKET_PATH } from "../../adapters/webchat/channel.js";
import { RESIDENT_OUTBOX_CHANNEL } from "../../queue/case-desk.js";
import { checkExpectations, loadConversations, silentLogger, testIntake, type PlayedTurn } from "../support/conversations.js";

// The `ws` client that ships with Botkit's web adapter (Node 20 has no global WebSocket).
const WebSocketClient = createRequire(createRequire(import.meta.url).resolve("botbuilder-adapter-web"))("ws") as new (url: string, options?: { headers?: Record<string, string> }) => {
  on(event: "open" | "close", f: () => void): void;
  on(event: "message", f: (data: Buffer) => void): void;
  on(event: "error", f: (e: Error) => void): void;
  send(data: string): void;
  close(): void;
};

interface ClientReply { type: string; text: string; quick_replies?: { title: string; payload: string }[] }
const toOutbound = (m: ClientReply): OutboundMessage =>
  m.quick_replies ? { text: m.text, buttons: m.quick_replies.map((q) => ({ label: q.title, value: q.payload })) } : { text: m.text };

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});

async function startWebChat(store: KeyValueStore, intake: Intake, opts: { trustProxy?: boolean } = {}) {
  const logger = silentLogger();
  const webchat = createWebChatChannel({ intake, store, logger, ...opts });
  const server = await listen(createHttpApp({ logger, probes: [] }, [webchat.mount]), { host: "127.0.0.1", port: 0 });
  servers.push(server);
  return { server, webchat };
}

function body(inbound: NonNullable<ReturnType<typeof stepToInbound>>, user: string): Record<string, unknown> {
  if (inbound.kind === "button") return { type: "message", user, text: "按钮", button: inbound.value };
  if (inbound.kind === "text") return { type: "message", user, text: inbound.text };
  throw new Error("the web chat page sends only text and buttons");
}

class SocketResident {
  readonly received: OutboundMessage[] = [];
  private ws!: InstanceType<typeof WebSocketClient>;
  private waiters: (() => void)[] = [];
  constructor(readonly user: string) {}
  async connect(url: string, headers?: Record<string, string>): Promise<void> {
    this.ws = new WebSocketClient(`${url.replace("http", "ws")}${WEBCHAT_SOCKET_PATH}`, headers ? { headers } : {});
    this.ws.on("message", (data) => {
      this.received.push(toOutbound(JSON.parse(data.toString()) as ClientReply));
      for (const w of this.waiters.splice(0)) w();
    });
    await new Promise<void>((resolve, reject) => {
      this.ws.on("open", resolve);
      this.ws.on("error", reject);
    });
  }
  /**
   * Sends and waits for the turn's replies (first reply, then a short quiet period); none after
   * 2 s is a turn the bot answers with silence (a person has taken over a crisis).
   */
  async send(message: Record<string, unknown>): Promise<OutboundMessage[]> {
    const start = this.received.length;
    this.ws.send(JSON.stringify(message));
    const answered = await this.next(2000).then(() => true, () => false);
    if (!answered) return [];
    for (let count = -1; count !== this.received.length; ) {
      count = this.received.length;
      await new Promise((r) => setTimeout(r, 60));
    }
    return this.received.slice(start);
  }
  next(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no reply over the WebSocket")), ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  close(): void {
    this.ws.close();
  }
}

const textOnly = loadConversations().filter((c) => c.steps.every((s) => s.kind !== "file" && s.kind !== "unsupported"));

describe("web chat over WebSocket (Botkit web adapter, 127.0.0.1)", () => {
  for (const conversation of textOnly) {
    it(conversation.name, async () => {
      const store = new MemoryStore();
      let { intake, desk } = testIntake(store);
      let { server, webchat } = await startWebChat(store, intake);
      const user = randomUUID();
      let resident = new SocketResident(user);
      await resident.connect(server.url);
      const seen: OutboundMessage[] = [];
      const turns: PlayedTurn[] = [];
      for (const step of conversation.steps) {
        if (step.kind === "staff") {
          // A person writes through the queue's outbox; the open socket receives it.
          const start = resident.received.length;
          const { residentKey, replies } = await intake.staffMessage(staffMessageFor(step, `webchat:${user}`, seen));
          await webchat.deliver(residentKey, replies);
          while (resident.received.length < start + replies.length) await resident.next(3000);
          const delivered = resident.received.slice(start);
          seen.push(...delivered);
          turns.push({ step, replies: delivered });
          continue;
        }
        if (step.kind === "claim") {
          // A person takes the case: the notice is kept, then sent over the open socket.
          const start = resident.received.length;
          const id = await announceClaim(store, claimNoticeFor(step, `webchat:${user}`, seen));
          let sent = 0;
          await intake.deliverClaimNotice(id, async (k, r) => { sent = r.length; await webchat.deliver(k, r); });
          while (resident.received.length < start + sent) await resident.next(3000);
          const delivered = resident.received.slice(start);
          seen.push(...delivered);
          turns.push({ step, replies: delivered });
          continue;
        }
        const inbound = stepToInbound(step, seen);
        if (!inbound) {
          resident.close();
          await server.close(100);
          ({ intake } = testIntake(store, desk));
          ({ server, webchat } = await startWebChat(store, intake));
          resident = new SocketResident(user);
          await resident.connect(server.url);
          continue;
        }
        const got = await resident.send(body(inbound, user));
        seen.push(...got);
        turns.push({ step, replies: got });
      }
      resident.close();
      expect(await checkExpectations(conversation, seen, desk, `webchat:${user}`, turns)).toEqual([]);
    });
  }
});

describe("web chat over HTTP (POST /api/messages)", () => {
  for (const conversation of textOnly) {
    it(conversation.name, async () => {
      const store = new MemoryStore();
      let { intake, desk } = testIntake(store);
      let { server, webchat } = await startWebChat(store, intake);
      const user = randomUUID();
      const seen: OutboundMessage[] = [];
      const turns: PlayedTurn[] = [];
      const post = async (message: Record<string, unknown>) => {
        const res = await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(message) });
        expect(res.status).toBe(200);
        return ((await res.json()) as ClientReply[]).map(toOutbound);
      };
      for (const step of conversation.steps) {
        if (step.kind === "staff") {
          // A person writes; an HTTP-only page gets it on its next poll.
          const { residentKey, replies } = await intake.staffMessage(staffMessageFor(step, `webchat:${user}`, seen));
          await webchat.deliver(residentKey, replies);
          const delivered = await post({ type: "poll", user });
          seen.push(...delivered);
          turns.push({ step, replies: delivered });
          continue;
        }
        if (step.kind === "claim") {
          // A person takes the case; an HTTP-only page gets the notice on its next poll.
          const id = await announceClaim(store, claimNoticeFor(step, `webchat:${user}`, seen));
          await intake.deliverClaimNotice(id, webchat.deliver);
          const delivered = await post({ type: "poll", user });
          seen.push(...delivered);
          turns.push({ step, replies: delivered });
          continue;
        }
        const inbound = stepToInbound(step, seen);
        if (!inbound) {
          await server.close(100);
          ({ intake } = testIntake(store, desk));
          ({ server, webchat } = await startWebChat(store, intake));
          continue;
        }
        const got = await post(body(inbound, user));
        seen.push(...got);
        turns.push({ step, replies: got });
      }
      expect(await checkExpectations(conversation, seen, desk, `webchat:${user}`, turns)).toEqual([]);
    });
  }

  it("rejects a malformed message with a Chinese error", async () => {
    const { intake } = testIntake(new MemoryStore());
    const { server } = await startWebChat(new MemoryStore(), intake);
    const res = await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "message", user: "x", text: "hi" }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain("格式");
  });

  it("drops (and logs) unreadable pending replies instead of failing the page's turn", async () => {
    const store = new MemoryStore();
    const { intake } = testIntake(store);
    const { server } = await startWebChat(store, intake);
    const user = randomUUID();
    await store.set(`webchat:pending:${user}`, JSON.stringify({ not: "a list" }));
    const res = await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "poll", user }) });
    expect(res.status).toBe(200);
    expect(await store.get(`webchat:pending:${user}`)).toBeNull();
  });

  it("serves the chat page at /chat and refuses upgrades on other paths", async () => {
    const { intake } = testIntake(new MemoryStore());
    const { server } = await startWebChat(new MemoryStore(), intake);
    const page = await fetch(`${server.url}/chat`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("一站");
    const ws = new WebSocketClient(`${server.url.replace("http", "ws")}/elsewhere`);
    await expect(new Promise((resolve, reject) => { ws.on("open", () => resolve("open")); ws.on("error", reject); })).rejects.toThrow();
  });

  it("keeps staff messages for an HTTP-only resident until the page asks again", async () => {
    const store = new MemoryStore();
    const { intake } = testIntake(store);
    const { server, webchat } = await startWebChat(store, intake);
    const user = randomUUID();
    const post = async (m: Record<string, unknown>) =>
      ((await (await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user, ...m }) })).json()) as ClientReply[]);
    for (const text of ["你好", "同意", "转人工", "邻居家的狗咬了我家的鸡"]) await post({ type: "message", text });
    const delivered = new Promise<void>((resolve) => {
      void relayStaffMessages({ store, intake, logger: silentLogger(), channel: "webchat", deliver: async (k, r) => { await webchat.deliver(k, r); resolve(); } });
    });
    await new Promise((r) => setTimeout(r, 10));
    await store.publish(RESIDENT_OUTBOX_CHANNEL, JSON.stringify({ residentKey: `webchat:${user}`, caseNumber: "ZZ-2026-000001", text: "我下午给您回电话。", fromLabel: "调解员 李明", at: new Date().toISOString() }));
    await delivered;
    const polled = await post({ type: "poll" });
    expect(polled.map((m) => m.text)).toEqual(["【调解员 李明】我下午给您回电话。"]);
  });
});

describe("web chat resume attempts are limited per client address", () => {
  const text = (replies: OutboundMessage[]) => replies.map((r) => r.text).join("\n");

  /** A Telegram conversation past consent; returns its resume code as shown. */
  async function codeOnTelegram(intake: Intake, id: string): Promise<string> {
    await intake.handle({ residentKey: `telegram:${id}`, channel: "telegram" }, { kind: "text", text: "你好" });
    const consent = await intake.handle({ residentKey: `telegram:${id}`, channel: "telegram" }, { kind: "button", value: "consent:yes" });
    await intake.handle({ residentKey: `telegram:${id}`, channel: "telegram" }, { kind: "text", text: "楼上邻居家卫生间漏水，把我家天花板泡坏了" });
    return /续接码是 ([A-Z0-9-]+)/.exec(text(consent))![1]!;
  }

  /** `RESUME_MAX_FAILURES` wrong codes, half from each of two conversations on their own sockets; returns the last replies. */
  async function wrongCodesFromTwoConversations(url: string, headers?: Record<string, string>): Promise<OutboundMessage[]> {
    const residents = [new SocketResident(randomUUID()), new SocketResident(randomUUID())];
    for (const r of residents) await r.connect(url, headers);
    let last: OutboundMessage[] = [];
    for (let i = 0; i < RESUME_MAX_FAILURES; i++) {
      const r = residents[i % 2]!;
      last = await r.send({ type: "message", user: r.user, text: "/resume QQQQ-QQQQ-QQQQ" });
      if (i < RESUME_MAX_FAILURES - 1) expect(text(last)).toContain("没找到");
    }
    for (const r of residents) r.close();
    return last;
  }

  it(`${RESUME_MAX_FAILURES} wrong codes from 127.0.0.1 across two conversations block the address, not only those conversations`, async () => {
    const store = new MemoryStore();
    const { intake } = testIntake(store);
    const code = await codeOnTelegram(intake, "addr1");
    const { server } = await startWebChat(store, intake);
    expect(text(await wrongCodesFromTwoConversations(server.url))).toContain("次数太多");
    // A third conversation from the same address, with the right code: still cooling off.
    const third = new SocketResident(randomUUID());
    await third.connect(server.url);
    const right = await third.send({ type: "message", user: third.user, text: `/resume ${code}` });
    third.close();
    expect(text(right)).toContain("次数太多");
    expect(text(right)).not.toMatch(/漏水|原来的对话/);
    // Over HTTP from the same address too.
    const res = await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "message", user: randomUUID(), text: `/resume ${code}` }) });
    expect(((await res.json()) as ClientReply[]).map((m) => m.text).join("\n")).toContain("次数太多");
  });

  it("behind a trusted proxy the forwarded address counts: another client behind the same proxy is not blocked", async () => {
    const store = new MemoryStore();
    const { intake } = testIntake(store);
    const code = await codeOnTelegram(intake, "addr2");
    const { server } = await startWebChat(store, intake, { trustProxy: true });
    expect(text(await wrongCodesFromTwoConversations(server.url, { "x-forwarded-for": "203.0.113.9, 10.0.0.2" }))).toContain("次数太多");
    const other = new SocketResident(randomUUID());
    await other.connect(server.url, { "x-forwarded-for": "198.51.100.7, 10.0.0.2" });
    const right = await other.send({ type: "message", user: other.user, text: `/resume ${code}` });
    other.close();
    expect(text(right)).toContain("原来的对话");
  });
});
