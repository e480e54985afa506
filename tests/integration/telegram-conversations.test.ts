// Every scripted conversation through the real grammY adapter, with a fake Telegram HTTP
// client (no network): updates in via bot.handleUpdate, replies out via sendMessage calls.
import { Hono } from "hono";
import { webhookCallback } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../bot/types.js";
import { announceClaim } from "../../adapters/intake/claim-notices.js";
import { claimNoticeFor, staffMessageFor, stepToInbound } from "../../adapters/intake/script.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { createTelegramChannel } from "../../adapters/telegram/bot.js";
import { relayStaffMessages } from "../../adapters/intake/outbox-relay.js";
import { RESIDENT_OUTBOX_CHANNEL } from "../../queue/case-desk.js";
import type { Intake } from "../../adapters/intake/intake.js";
import { checkExpectations, loadConversations, silentLogger, testIntake, type PlayedTurn } from "../support/conversations.js";

const botInfo: UserFromGetMe = {
  id: 42, is_bot: true, first_name: "一站", username: "yizhan_test_bot", can_join_groups: true,
  can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false,
  has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
} as UserFromGetMe;

interface ApiCall { method: string; payload: Record<string, unknown> }

function telegramUnderTest(intake: Intake) {
  const calls: ApiCall[] = [];
  const fakeFetch = (async (url: string | URL, init?: { body?: unknown }) => {
    const method = String(url).split("/").pop()!;
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    calls.push({ method, payload });
    const result = method === "sendMessage" ? { message_id: calls.length, date: 0, chat: { id: payload.chat_id, type: "private" }, text: payload.text } : true;
    return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
  }) as unknown as typeof fetch;
  const channel = createTelegramChannel({ token: "123:TEST", intake, logger: silentLogger(), botConfig: { botInfo, client: { fetch: fakeFetch } } });
  return { channel, calls };
}

const user = { id: 7001, is_bot: false, first_name: "王芳" };
let updateId = 1;
const chat = (id: number, type: "private" | "group" = "private") => (type === "private" ? { id, type, first_name: "王芳" } : { id: -id, type, title: "村民群" });

function messageUpdate(fields: Record<string, unknown>, from = user, type: "private" | "group" = "private"): Update {
  return { update_id: updateId++, message: { message_id: updateId, date: 1_700_000_000, chat: chat(from.id, type), from, ...fields } } as unknown as Update;
}

function buttonUpdate(data: string, from = user): Update {
  return {
    update_id: updateId++,
    callback_query: { id: String(updateId), from, chat_instance: "1", data, message: { message_id: 1, date: 0, chat: chat(from.id), text: "…" } },
  } as unknown as Update;
}

function repliesFrom(calls: ApiCall[]): OutboundMessage[] {
  return calls
    .filter((c) => c.method === "sendMessage")
    .map((c) => {
      const keyboard = (c.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard;
      const buttons = keyboard?.flat().map((b) => ({ label: b.text, value: b.callback_data }));
      return buttons ? { text: String(c.payload.text), buttons } : { text: String(c.payload.text) };
    });
}

describe("Telegram channel (grammY, fake HTTP client)", () => {
  for (const conversation of loadConversations()) {
    it(conversation.name, async () => {
      const store = new MemoryStore();
      let { intake, desk } = testIntake(store);
      let tg = telegramUnderTest(intake);
      const seen: OutboundMessage[] = [];
      const from = { ...user, id: 7000 + updateId };
      const turns: PlayedTurn[] = [];
      for (const step of conversation.steps) {
        if (step.kind === "staff") {
          // A person writes through the queue's outbox; the channel delivers it as it would live.
          const before = tg.calls.length;
          const { residentKey, replies } = await intake.staffMessage(staffMessageFor(step, `telegram:${from.id}`, seen));
          await tg.channel.deliver(residentKey, replies);
          const delivered = repliesFrom(tg.calls.slice(before));
          seen.push(...delivered);
          turns.push({ step, replies: delivered });
          continue;
        }
        if (step.kind === "claim") {
          // A person takes the case: the notice is kept, then sent through the channel's deliver.
          const before = tg.calls.length;
          const id = await announceClaim(store, claimNoticeFor(step, `telegram:${from.id}`, seen));
          await intake.deliverClaimNotice(id, tg.channel.deliver);
          const delivered = repliesFrom(tg.calls.slice(before));
          seen.push(...delivered);
          turns.push({ step, replies: delivered });
          continue;
        }
        const inbound = stepToInbound(step, seen);
        if (!inbound) {
          ({ intake } = testIntake(store, desk));
          seen.push(...repliesFrom(tg.calls));
          tg = telegramUnderTest(intake);
          continue;
        }
        const before = tg.calls.length;
        const update =
          inbound.kind === "button" ? buttonUpdate(inbound.value, from)
          : inbound.kind === "text" ? messageUpdate({ text: inbound.text }, from)
          : inbound.kind === "file" ? messageUpdate(inbound.file === "photo" ? { photo: [{ file_id: "small", file_unique_id: "s", width: 90, height: 90 }, { file_id: inbound.ref, file_unique_id: "b", width: 900, height: 900 }] } : { document: { file_id: inbound.ref, file_unique_id: "d", file_name: inbound.name } }, from)
          : messageUpdate(
              inbound.what === "voice" ? { voice: { file_id: "v", file_unique_id: "v", duration: 3 } }
              : inbound.what === "sticker" ? { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }
              : inbound.what === "location" ? { location: { latitude: 37.6, longitude: 110.0 } }
              : { video: { file_id: "x", file_unique_id: "x", width: 1, height: 1, duration: 1 } },
              from,
            );
        await tg.channel.bot.handleUpdate(update);
        const got = repliesFrom(tg.calls.slice(before));
        seen.push(...got);
        turns.push({ step, replies: got });
        if (inbound.kind === "button") expect(tg.calls.slice(before).some((c) => c.method === "answerCallbackQuery")).toBe(true);
      }
      expect(tg.calls.filter((c) => c.method === "sendMessage").every((c) => c.payload.chat_id === from.id)).toBe(true);
      expect(await checkExpectations(conversation, seen, desk, `telegram:${from.id}`, turns)).toEqual([]);
    });
  }

  it("stores the largest photo size as evidence", async () => {
    const { intake, desk } = testIntake(new MemoryStore());
    const { channel } = telegramUnderTest(intake);
    const from = { ...user, id: 9100 };
    for (const text of ["你好", "同意", "转人工", "邻居家的树倒了压坏了我家的房顶"]) await channel.bot.handleUpdate(messageUpdate({ text }, from));
    await channel.bot.handleUpdate(messageUpdate({ photo: [{ file_id: "small", file_unique_id: "s", width: 9, height: 9 }, { file_id: "BIG", file_unique_id: "b", width: 900, height: 900 }] }, from));
    const filed = await desk.repository.latestForResident("telegram:9100", false);
    expect(filed?.evidence.map((e) => e.ref)).toEqual(["BIG"]);
  });

  it("answers a group politely only when addressed with a command, and never files from a group", async () => {
    const { intake, desk } = testIntake(new MemoryStore());
    const { channel, calls } = telegramUnderTest(intake);
    const from = { ...user, id: 9200 };
    await channel.bot.handleUpdate(messageUpdate({ text: "村里修路占了我家的地" }, from, "group"));
    expect(calls.filter((c) => c.method === "sendMessage")).toHaveLength(0);
    await channel.bot.handleUpdate(messageUpdate({ text: "/start" }, from, "group"));
    const sent = calls.filter((c) => c.method === "sendMessage");
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.payload.text)).toContain("私聊");
    expect(await desk.repository.latestForResident("telegram:9200", false)).toBeNull();
  });

  it("relays a staff message to the resident's chat, and the bot then stops acknowledging", async () => {
    const store = new MemoryStore();
    const { intake } = testIntake(store);
    const { channel, calls } = telegramUnderTest(intake);
    const from = { ...user, id: 9300 };
    for (const text of ["你好", "同意", "转人工", "邻居家的狗咬了我家的鸡"]) await channel.bot.handleUpdate(messageUpdate({ text }, from));
    const number = /ZZ-\d{4}-\d+/.exec(repliesFrom(calls).map((r) => r.text).join("\n"))?.[0];
    expect(number).toBeDefined();
    const delivered = new Promise<void>((resolve) => {
      void relayStaffMessages({ store, intake, logger: silentLogger(), channel: "telegram", deliver: async (key, replies) => { await channel.deliver(key, replies); resolve(); } });
    });
    await new Promise((r) => setTimeout(r, 10));
    await store.publish(RESIDENT_OUTBOX_CHANNEL, JSON.stringify({ residentKey: "telegram:9300", caseNumber: number, text: "您好，我是调解员，明天上午到您家看看。", fromLabel: "调解员 李明", at: new Date().toISOString() }));
    await delivered;
    const last = calls.filter((c) => c.method === "sendMessage").pop()!;
    expect(last.payload.chat_id).toBe(9300);
    expect(String(last.payload.text)).toBe("【调解员 李明】您好，我是调解员，明天上午到您家看看。");
    const before = calls.length;
    await channel.bot.handleUpdate(messageUpdate({ text: "好的，谢谢" }, from));
    expect(calls.slice(before).filter((c) => c.method === "sendMessage")).toHaveLength(0);
  });

  it("webhook mode checks the secret-token header", async () => {
    const { intake } = testIntake(new MemoryStore());
    const { channel } = telegramUnderTest(intake);
    const app = new Hono();
    app.post("/telegram/webhook", webhookCallback(channel.bot, "hono", { secretToken: "s3cret" }));
    const body = JSON.stringify(messageUpdate({ text: "你好" }, { ...user, id: 9400 }));
    const wrong = await app.request("/telegram/webhook", { method: "POST", body, headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "nope" } });
    expect(wrong.status).toBe(401);
    const right = await app.request("/telegram/webhook", { method: "POST", body, headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret" } });
    expect(right.status).toBe(200);
  });
});
