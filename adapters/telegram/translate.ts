// Telegram update ⇄ the dialogue's channel interface. Translation only.
import type { Context } from "grammy";
import type { InlineKeyboardButton, Message } from "grammy/types";
import type { InboundMessage, OutboundMessage } from "../../bot/types.js";
import { cleanText } from "../edge-text.js";

/** The resident's message as the dialogue sees it (text cleaned at the edge), or null when there is nothing to hand over. */
export function toInbound(ctx: Context): InboundMessage | null {
  const inbound = translate(ctx);
  if (!inbound) return null;
  switch (inbound.kind) {
    case "text":
      return { ...inbound, text: cleanText(inbound.text) };
    case "button":
      return { ...inbound, value: cleanText(inbound.value) };
    case "file":
      return { ...inbound, name: cleanText(inbound.name), ...(inbound.caption !== undefined ? { caption: cleanText(inbound.caption) } : {}) };
    default:
      return inbound;
  }
}

function translate(ctx: Context): InboundMessage | null {
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) return { kind: "button", value: data };
  const m: Message | undefined = ctx.message;
  if (!m) return null;
  if (m.text !== undefined) return { kind: "text", text: m.text };
  if (m.photo && m.photo.length > 0) {
    const largest = m.photo[m.photo.length - 1]!;
    return { kind: "file", file: "photo", ref: largest.file_id, name: "照片", ...(m.caption ? { caption: m.caption } : {}) };
  }
  if (m.document) {
    return { kind: "file", file: "document", ref: m.document.file_id, name: m.document.file_name ?? "文件", ...(m.caption ? { caption: m.caption } : {}) };
  }
  if (m.contact) return { kind: "text", text: m.contact.phone_number };
  if (m.voice || m.audio) return { kind: "unsupported", what: "voice" };
  if (m.sticker) return { kind: "unsupported", what: "sticker" };
  if (m.location || m.venue) return { kind: "unsupported", what: "location" };
  if (m.video || m.video_note || m.animation) return { kind: "unsupported", what: "video" };
  return { kind: "unsupported", what: "other" };
}

/** Inline keyboard: two short buttons a row, long labels alone. */
export function keyboard(message: OutboundMessage): { inline_keyboard: InlineKeyboardButton[][] } | undefined {
  if (!message.buttons || message.buttons.length === 0) return undefined;
  const rows: InlineKeyboardButton[][] = [];
  for (const button of message.buttons) {
    const last = rows[rows.length - 1];
    const key = { text: button.label, callback_data: button.value };
    if (last && last.length === 1 && button.label.length <= 8 && last[0]!.text.length <= 8) last.push(key);
    else rows.push([key]);
  }
  return { inline_keyboard: rows };
}
