// The inbox: every resident message is written to the key-value store, with the channel's message
// id, before the dialogue reads it, and taken out only when its turn has been saved. A turn that
// fails (the database or the store went away mid-turn) leaves its message here; the resident's next
// message, or the recovery job in any process, plays it again in order. A message id seen before
// (Telegram retrying a webhook, a page sending twice) is recorded once, so it has one effect.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { InboundMessage, ResidentIdentity } from "../../bot/types.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import { sameList, updateStored } from "../store/update-stored.js";

const INBOX_VERSION = 1;
/** Telegram keeps an undelivered update for 24 hours; a seen id is remembered a little longer. */
const SEEN_TTL_SECONDS = 26 * 3600;
/** As long as a session lives (session-store.ts): a message is never dropped before its conversation. */
const INBOX_TTL_SECONDS = 72 * 3600;
const MAX_CAS_TRIES = 50;

const Inbound = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string() }),
  z.object({ kind: z.literal("button"), value: z.string() }),
  z.object({
    kind: z.literal("file"),
    file: z.enum(["photo", "document"]),
    ref: z.string(),
    name: z.string(),
    caption: z.string().optional(),
  }),
  z.object({ kind: z.literal("unsupported"), what: z.enum(["voice", "sticker", "location", "video", "contact", "other"]) }),
]) satisfies z.ZodType<InboundMessage>;

const Entry = z.object({
  id: z.string().min(1),
  who: z.object({
    residentKey: z.string().min(1),
    channel: z.enum(["telegram", "webchat", "terminal", "hotline"]),
    displayName: z.string().optional(),
    address: z.string().optional(),
  }),
  message: Inbound,
  receivedAt: z.string(),
  /** Turns that failed on this message so far. */
  failures: z.number().int().nonnegative(),
});
export type InboxEntry = z.infer<typeof Entry>;

const Envelope = z.object({ version: z.literal(INBOX_VERSION), entries: z.array(Entry) });

export type Recorded = { kind: "recorded"; entry: InboxEntry } | { kind: "duplicate" };

export class Inbox {
  constructor(
    private readonly store: KeyValueStore,
    /**
     * A list that cannot be read (another version, damage) is set aside under
     * `intake:inbox-unreadable:<resident>` and reported here, never silently emptied.
     */
    private readonly reportUnreadable: (residentKey: string) => void,
    private readonly prefix = "intake:",
  ) {}

  /**
   * Keeps the message before anything else happens to it. `messageId` is the channel's own id
   * (Telegram's update_id, the page's message id); without one every message is new.
   */
  async record(who: ResidentIdentity, message: InboundMessage, messageId?: string, now = new Date()): Promise<Recorded> {
    const id = messageId ?? randomUUID();
    if (messageId !== undefined) {
      const first = await this.store.setIfAbsent(this.key("seen", `${who.residentKey}:${messageId}`), "1", { ttlSeconds: SEEN_TTL_SECONDS });
      if (!first) return { kind: "duplicate" };
    }
    const entry: InboxEntry = {
      id,
      who: {
        residentKey: who.residentKey,
        channel: who.channel,
        ...(who.displayName !== undefined ? { displayName: who.displayName } : {}),
        ...(who.address !== undefined ? { address: who.address } : {}),
      },
      message,
      receivedAt: now.toISOString(),
      failures: 0,
    };
    try {
      await this.update(who.residentKey, (entries) => [...entries, entry]);
    } catch (error) {
      // Not kept: the resident is told to send it again, and that one must not count as seen.
      if (messageId !== undefined) await this.store.delete(this.key("seen", `${who.residentKey}:${messageId}`)).catch(() => false);
      throw error;
    }
    await this.updateIndex((keys) => (keys.includes(who.residentKey) ? keys : [...keys, who.residentKey]));
    return { kind: "recorded", entry };
  }

  /** The resident's messages not yet answered, oldest first. */
  async pending(residentKey: string): Promise<InboxEntry[]> {
    return await this.read(residentKey, await this.store.get(this.key("inbox", residentKey)));
  }

  /** Called once the message's turn is saved. */
  async done(residentKey: string, id: string): Promise<void> {
    const left = await this.update(residentKey, (entries) => entries.filter((e) => e.id !== id));
    if (left.length === 0) await this.updateIndex((keys) => keys.filter((k) => k !== residentKey));
  }

  /** Takes a resident whose list is already empty off the index (the recovery job's tidy-up). */
  async dropIfEmpty(residentKey: string): Promise<void> {
    if ((await this.pending(residentKey)).length === 0) await this.updateIndex((keys) => keys.filter((k) => k !== residentKey));
  }

  async failed(residentKey: string, id: string): Promise<void> {
    await this.update(residentKey, (entries) => entries.map((e) => (e.id === id ? { ...e, failures: e.failures + 1 } : e)));
  }

  /** Residents with messages waiting, for the recovery job. */
  async residents(): Promise<string[]> {
    const raw = await this.store.get(this.key("inbox-index", "all"));
    if (raw === null) return [];
    const parsed = z.array(z.string()).safeParse(safeJson(raw));
    return parsed.success ? parsed.data : [];
  }

  /** Compare-and-set on the resident's list, so two processes never drop each other's messages. */
  private async update(residentKey: string, change: (entries: InboxEntry[]) => InboxEntry[]): Promise<InboxEntry[]> {
    return updateStored(this.store, this.key("inbox", residentKey), "inbox", MAX_CAS_TRIES, async (raw) => {
      const after = change(await this.read(residentKey, raw));
      if (after.length === 0 && raw === null) return { result: after };
      // An emptied list is kept a minute rather than deleted, so a late compare-and-set still sees it.
      const ttlSeconds = after.length === 0 ? 60 : INBOX_TTL_SECONDS;
      return { result: after, write: { value: JSON.stringify({ version: INBOX_VERSION, entries: after }), options: { ttlSeconds } } };
    });
  }

  private async updateIndex(change: (keys: string[]) => string[]): Promise<void> {
    await updateStored(this.store, this.key("inbox-index", "all"), "inbox index", MAX_CAS_TRIES, (raw) => {
      const before = raw === null ? [] : (z.array(z.string()).safeParse(safeJson(raw)).data ?? []);
      const after = change(before);
      return { result: undefined, write: sameList(after, before) ? undefined : { value: JSON.stringify(after) } };
    });
  }

  private async read(residentKey: string, raw: string | null): Promise<InboxEntry[]> {
    if (raw === null) return [];
    const parsed = Envelope.safeParse(safeJson(raw));
    if (parsed.success) return parsed.data.entries;
    await this.store.set(this.key("inbox-unreadable", residentKey), raw, { ttlSeconds: 30 * 24 * 3600 });
    this.reportUnreadable(residentKey);
    return [];
  }

  private key(kind: string, id: string): string {
    return `${this.prefix}${kind}:${id}`;
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
