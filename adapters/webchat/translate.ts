// Botkit web-protocol messages ⇄ the dialogue's channel interface. Translation only.
import { z } from "zod";
import type { InboundMessage, OutboundMessage } from "../../bot/types.js";
import { cleanText } from "../edge-text.js";

/** The longest message the page sends and the server takes; the page says so before sending more. */
export const MAX_TEXT_CHARS = 4000;

/** Told when a longer message arrives anyway (an old page, another client): nothing is kept, so it must be sent again in parts. */
export const tooLongNotice = (length: number) =>
  `这段话有 ${length} 个字，一次最多能发 ${MAX_TEXT_CHARS} 个字，这一条没有记下来。请分成几段，一段一段发，每段我都会记下。\nThat message has ${length} characters; at most ${MAX_TEXT_CHARS} can be sent at once, so it was not kept. Please send it in parts.`;

/** What the chat page sends (Botkit's web client shape, plus `button` for a pressed button). */
export const ClientMessage = z.object({
  type: z.string().min(1).max(32),
  user: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "user 应为 8–64 位字母数字"),
  // Cleaned at the edge: NUL and lone surrogates never reach the dialogue or the database.
  text: z.string().max(MAX_TEXT_CHARS).transform(cleanText).optional(),
  button: z.string().max(64).transform(cleanText).optional(),
  /** The page's own id for a message: one sent twice (a retry after a network error) is handled once. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});
export type ClientMessage = z.infer<typeof ClientMessage>;

export const WEBCHAT_KEY_PREFIX = "webchat:";

/** A Botkit web message's fields as the adapter hands them over in `activity.channelData`. */
export function toInbound(message: { type?: string; text?: string; button?: string }): InboundMessage | null {
  if (message.type !== "message") return null;
  if (message.button) return { kind: "button", value: message.button };
  const text = message.text?.trim();
  return text ? { kind: "text", text } : null;
}

/** Botkit's web client reads `quick_replies` as `{title, payload}`. */
export function toClientMessage(reply: OutboundMessage): { type: "message"; text: string; quick_replies?: { title: string; payload: string }[] } {
  return reply.buttons && reply.buttons.length > 0
    ? { type: "message", text: reply.text, quick_replies: reply.buttons.map((b) => ({ title: b.label, payload: b.value })) }
    : { type: "message", text: reply.text };
}
