// The console's side of urgent staff alerts (adapters/runtime/staff-alerts.ts): the live channel
// every open console listens on, and the list of alerts still open that the queue page shows.
// Both live in the key-value store, so they work while the database is down.
import { z } from "zod";
import type { KeyValueStore } from "../store/key-value-store.js";

export const STAFF_ALERTS_CHANNEL = "staff-alerts";
const OPEN_ALERTS_KEY = "staff-alerts:open";
const MAX_CAS_TRIES = 20;
/** Version of the live message and of the stored list (STYLE 3). */
const ALERTS_VERSION = 1;
const OpenList = z.object({ version: z.literal(ALERTS_VERSION), alerts: z.array(z.lazy(() => OpenAlert)) });

export const OpenAlert = z.object({
  /** One alert per conversation: its resident key, never shown. */
  id: z.string(),
  text: z.string(),
  at: z.string(),
});
export type OpenAlert = z.infer<typeof OpenAlert>;

/** The live message on STAFF_ALERTS_CHANNEL. */
export const AlertMessage = z.object({ version: z.literal(ALERTS_VERSION), kind: z.enum(["raised", "cleared"]), text: z.string(), at: z.string() });
export type AlertMessage = z.infer<typeof AlertMessage>;

/** Alerts still open (a red case not yet filed), oldest first, for the queue page. */
export async function openStaffAlerts(store: KeyValueStore): Promise<OpenAlert[]> {
  return parseOpen(await store.get(OPEN_ALERTS_KEY));
}

/** Compare-and-set on the list, so two processes never drop each other's alerts. */
export async function updateOpenAlerts(store: KeyValueStore, change: (open: OpenAlert[]) => OpenAlert[]): Promise<void> {
  for (let i = 0; i < MAX_CAS_TRIES; i++) {
    const raw = await store.get(OPEN_ALERTS_KEY);
    const next = JSON.stringify({ version: ALERTS_VERSION, alerts: change(parseOpen(raw)) });
    if (await store.compareAndSet(OPEN_ALERTS_KEY, raw, next)) return;
  }
  throw new Error("staff alerts: too many concurrent updates");
}

function parseOpen(raw: string | null): OpenAlert[] {
  if (raw === null) return [];
  try {
    // Another version or damage: start a new list (the alerts themselves also went to every channel).
    const parsed = OpenList.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.alerts : [];
  } catch {
    return [];
  }
}
