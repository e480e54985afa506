/**
 * What was said on the web chat, per page user, so that a reopened page shows the conversation
 * so far and the question it is waiting on. Bounded (the last HISTORY_KEPT lines), masked
 * (phone and ID numbers never sit in the store in clear) and versioned; it lives as long as a
 * session does.
 */
import { z } from "zod";
import type { OutboundMessage } from "../../bot/types.js";
import { maskPii } from "../../nlp/pii.js";
import type { KeyValueStore } from "../store/key-value-store.js";

export const HISTORY_KEPT = 60;
const HISTORY_TTL_SECONDS = 72 * 3600;
const HISTORY_VERSION = 1;

export const HistoryLine = z.object({
  from: z.enum(["me", "bot"]),
  text: z.string(),
  buttons: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
});
export type HistoryLine = z.infer<typeof HistoryLine>;
const Stored = z.object({ version: z.literal(HISTORY_VERSION), lines: z.array(HistoryLine) });

/** The lines of a session's transcript (bot/session.ts), masked, when the page kept none. */
export function fromTranscript(transcript: readonly { from: "resident" | "bot"; text: string }[]): HistoryLine[] {
  return transcript.slice(-HISTORY_KEPT).map((m) => ({ from: m.from === "resident" ? "me" : "bot", text: maskPii(m.text).masked }));
}

export class WebChatHistory {
  constructor(private readonly store: KeyValueStore) {}

  private key(user: string): string {
    return `webchat:history:${user}`;
  }

  /** The lines kept for this page user; [] when none, expired, or of another version. */
  async read(user: string): Promise<HistoryLine[]> {
    const raw = await this.store.get(this.key(user));
    if (raw === null) return [];
    try {
      const parsed = Stored.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data.lines : [];
    } catch {
      return [];
    }
  }

  /** Adds what the resident said and what was answered, masked, keeping the last HISTORY_KEPT. */
  async append(user: string, said: string | null, replies: readonly OutboundMessage[]): Promise<void> {
    if (said === null && replies.length === 0) return;
    const added: HistoryLine[] = [
      ...(said === null ? [] : [{ from: "me" as const, text: maskPii(said).masked }]),
      ...replies.map((r) => ({ from: "bot" as const, text: maskPii(r.text).masked, ...(r.buttons?.length ? { buttons: r.buttons } : {}) })),
    ];
    const lines = [...(await this.read(user)), ...added].slice(-HISTORY_KEPT);
    await this.store.set(this.key(user), JSON.stringify({ version: HISTORY_VERSION, lines }), { ttlSeconds: HISTORY_TTL_SECONDS });
  }

  async clear(user: string): Promise<void> {
    await this.store.delete(this.key(user));
  }
}
