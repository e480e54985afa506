// The web chat page reopened mid-intake gets the conversation so far (masked) and its pending
// question; the resume code rides on the replies; photos and PDFs are checked, kept and held as
// evidence. Over HTTP (POST /api/messages, /chat/upload) on the in-memory store.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHttpApp } from "../../adapters/http/app.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { createWebChatChannel } from "../../adapters/webchat/channel.js";
import { EvidenceFiles } from "../../adapters/webchat/evidence-files.js";
import { silentLogger, testIntake } from "../support/conversations.js";

interface Reply {
  type: string;
  text?: string;
  quick_replies?: { title: string; payload: string }[];
  lines?: { from: string; text: string; buttons?: unknown[] }[];
  state?: { resume_code?: string; case_number?: string };
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 64 }, (_, i) => i)]);

describe("web chat: reopen and upload", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "yizhan-upload-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function setup(uploadLimitBytes = 1024 * 1024, extra: Pick<Parameters<typeof createWebChatChannel>[0], "uploadRate" | "trustProxy"> = {}) {
    const store = new MemoryStore();
    const { intake } = testIntake(store);
    const webchat = createWebChatChannel({ intake, store, logger: silentLogger(), evidence: new EvidenceFiles(dir), uploadLimitBytes, centrePhone: "0912-1234567", ...extra });
    const app = createHttpApp({ logger: silentLogger(), probes: [] }, [webchat.mount]);
    const user = randomUUID();
    const send = async (message: Record<string, unknown>): Promise<Reply[]> => {
      const res = await app.request("/api/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user, ...message }) });
      expect(res.status).toBe(200);
      return (await res.json()) as Reply[];
    };
    const upload = (bytes: Uint8Array<ArrayBuffer>, name: string, as: { user?: string; forwardedFor?: string } = {}) => {
      const form = new FormData();
      form.append("user", as.user ?? user);
      form.append("id", randomUUID());
      form.append("file", new File([bytes], name));
      return app.request("/chat/upload", { method: "POST", body: form, ...(as.forwardedFor ? { headers: { "x-forwarded-for": as.forwardedFor } } : {}) });
    };
    return { app, intake, user, send, upload };
  }

  it("shows the conversation so far, masked, ending on the pending question with its buttons", async () => {
    const { send } = setup();
    await send({ type: "hello" });
    const consented = await send({ type: "message", text: "同意，开始", button: "consent:yes" });
    const code = consented.at(-1)!.state?.resume_code;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const asked = await send({ type: "message", text: "楼上邻居天天半夜装修，吵得孩子睡不着，我电话13812345678" });
    const question = asked.at(-1)!;

    const reopened = await send({ type: "welcome_back" });
    const history = reopened.find((r) => r.type === "history")!;
    expect(history.state?.resume_code).toBe(code);
    const lines = history.lines!;
    expect(lines.map((l) => l.from)).toContain("me");
    expect(lines.some((l) => l.text.includes("楼上邻居") && l.text.includes("138****5678"))).toBe(true);
    expect(JSON.stringify(lines)).not.toContain("13812345678");
    expect(lines.at(-1)!.text).toBe(question.text);
    expect(Boolean(lines.at(-1)!.buttons)).toBe(Boolean(question.quick_replies));
  });

  it("a page reopened with no history and no session starts afresh", async () => {
    const { send } = setup();
    const replies = await send({ type: "welcome_back" });
    expect(replies.some((r) => r.text?.includes("个人信息说明"))).toBe(true);
  });

  it("the page shows the centre's phone and the hotlines as tel: links", async () => {
    const { app } = setup();
    const page = await (await app.request("/chat")).text();
    for (const tel of ["tel:110", "tel:120", "tel:12356", "tel:09121234567"]) expect(page).toContain(`href="${tel}"`);
  });

  it("keeps a photo once, holds it as evidence and refuses other types and oversized files", async () => {
    const { upload, send, intake, user } = setup(4096);
    await send({ type: "hello" });
    const early = await upload(PNG, "漏水.png");
    expect(early.status).toBe(409); // before consent nothing is kept
    expect(await readdir(dir)).toHaveLength(0);
    await send({ type: "message", text: "同意，开始", button: "consent:yes" });
    const res = await upload(PNG, "漏水.png");
    expect(res.status).toBe(200);
    const replies = (await res.json()) as Reply[];
    expect(replies.map((r) => r.text).join("")).toContain("收到");
    const again = await upload(PNG, "漏水.png");
    expect(again.status).toBe(200);
    expect((await readdir(dir)).filter((f) => f.endsWith(".png"))).toHaveLength(1);
    const { session } = await intake.sessions.load(`webchat:${user}`);
    expect(session!.evidence[0]).toMatchObject({ kind: "photo", name: "漏水.png" });
    expect(session!.evidence[0]!.ref).toMatch(/^webfile:[0-9a-f]{64}\.png$/);

    const text = await upload(new TextEncoder().encode("<html>not a photo</html>"), "photo.jpg");
    expect(text.status).toBe(415);
    const big = await upload(new Uint8Array(8192).fill(0xff), "big.jpg");
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toContain("4 KB");
  });

  describe("uploads per client address and per conversation", () => {
    const rate = { perAddress: 4, perConversation: 2, windowSeconds: 600 };
    /** A conversation past consent, on the given app. */
    async function consented(send: (m: Record<string, unknown>) => Promise<Reply[]>, user: string) {
      await send({ type: "hello", user });
      await send({ type: "message", user, text: "同意，开始", button: "consent:yes" });
    }

    it("one conversation gets a clear 429 with Retry-After after its allowance; another conversation still sends", async () => {
      const { upload, send } = setup(4096, { uploadRate: rate, trustProxy: true });
      const [a, b] = [randomUUID(), randomUUID()];
      await consented(send, a);
      await consented(send, b);
      const from = "203.0.113.9, 10.0.0.2";
      expect((await upload(PNG, "1.png", { user: a, forwardedFor: from })).status).toBe(200);
      expect((await upload(PNG, "2.png", { user: a, forwardedFor: from })).status).toBe(200);
      const refused = await upload(PNG, "3.png", { user: a, forwardedFor: from });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      const error = ((await refused.json()) as { error: string }).error;
      expect(error).toContain("发送文件太频繁了");
      expect(error).toContain("分钟后再发");
      // The same address, another conversation: the address still has room for one more.
      expect((await upload(PNG, "4.png", { user: b, forwardedFor: from })).status).toBe(200);
      // Now the address is spent, whichever conversation asks; another address is not.
      expect((await upload(PNG, "5.png", { user: b, forwardedFor: from })).status).toBe(429);
      expect((await upload(PNG, "6.png", { user: b, forwardedFor: "198.51.100.7" })).status).toBe(200);
    });

    it("without a trusted proxy a forwarded header does not make a new address (the login throttle's rule)", async () => {
      const { upload, send } = setup(4096, { uploadRate: { ...rate, perConversation: 10 } });
      const users = [randomUUID(), randomUUID(), randomUUID()];
      for (const u of users) await consented(send, u);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await upload(PNG, `${i}.png`, { user: users[i % 3]!, forwardedFor: `198.51.100.${i + 1}` })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    });
  });
});
