// The outbox of "a person has taken your case" notices: written to the key-value store when a case
// is claimed or assigned (before anything is sent), taken out only once the resident's channel has
// delivered it. A restart in between loses nothing: the recovery round of the process that holds
// the resident's channel sends what is still here. What the notice says is kept with it once its
// turn has run, so a delivery tried again sends the same words and the turn runs once.
import { z } from "zod";
import type { OutboundMessage } from "../../bot/types.js";
import { RESIDENT_OUTBOX_CHANNEL, type ResidentClaimNotice } from "../../queue/case-desk.js";
import type { KeyValueStore } from "../store/key-value-store.js";
import { updateStored } from "../store/update-stored.js";

const MAX_CAS_TRIES = 20;

const Reply = z.object({ text: z.string(), buttons: z.array(z.object({ label: z.string(), value: z.string() })).optional() });

export const ClaimNoticeSchema = z.object({
  kind: z.literal("claimed"),
  residentKey: z.string().min(1),
  caseNumber: z.string().min(1),
  fromLabel: z.string(),
  at: z.string(),
});

const Pending = z.object({
  notice: ClaimNoticeSchema,
  /** The words of the notice, once its turn has run (sent again as they are if delivery failed). */
  replies: z.array(Reply).optional(),
});
export type PendingClaimNotice = z.infer<typeof Pending>;

/** One claim is one notice: the case and the moment it was claimed. */
export function claimNoticeId(notice: ResidentClaimNotice): string {
  // Who took it is part of the identity: a claim and a reassignment in the same millisecond are two notices.
  return `claim:${notice.caseNumber}|${notice.fromLabel}|${notice.at}`;
}

/**
 * A person took the case: the notice is kept first, then announced on the resident outbox, so
 * whichever process holds the resident's channel sends it now, and a recovery round sends it if
 * nobody heard (a restart). Returns the notice's id.
 */
export async function announceClaim(store: KeyValueStore, notice: ResidentClaimNotice): Promise<string> {
  await new ClaimNotices(store).add(notice);
  await store.publish(RESIDENT_OUTBOX_CHANNEL, JSON.stringify(notice));
  return claimNoticeId(notice);
}

export class ClaimNotices {
  constructor(
    private readonly store: KeyValueStore,
    private readonly key = "intake:claim-notices",
  ) {}

  async list(): Promise<PendingClaimNotice[]> {
    return parse(await this.store.get(this.key));
  }

  async find(id: string): Promise<PendingClaimNotice | undefined> {
    return (await this.list()).find((p) => claimNoticeId(p.notice) === id);
  }

  async add(notice: ResidentClaimNotice): Promise<void> {
    const id = claimNoticeId(notice);
    await this.update((all) => (all.some((p) => claimNoticeId(p.notice) === id) ? all : [...all, { notice }]));
  }

  /** Keeps the words the notice's turn produced, for a delivery tried again. */
  async setReplies(id: string, replies: OutboundMessage[]): Promise<void> {
    await this.update((all) => all.map((p) => (claimNoticeId(p.notice) === id ? { ...p, replies } : p)));
  }

  async remove(id: string): Promise<void> {
    await this.update((all) => all.filter((p) => claimNoticeId(p.notice) !== id));
  }

  /** Compare-and-set on the whole list, so two processes never drop each other's entries. */
  private async update(change: (all: PendingClaimNotice[]) => PendingClaimNotice[]): Promise<void> {
    await updateStored(this.store, this.key, "claim notices", MAX_CAS_TRIES, (raw) => {
      const next = JSON.stringify(change(parse(raw)));
      return { result: undefined, write: next === (raw ?? "[]") ? undefined : { value: next } };
    });
  }
}

function parse(raw: string | null): PendingClaimNotice[] {
  if (raw === null) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value.flatMap((v) => {
      const p = Pending.safeParse(v);
      return p.success ? [p.data] : [];
    });
  } catch {
    return [];
  }
}
