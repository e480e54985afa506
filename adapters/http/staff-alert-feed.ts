// The console's side of urgent staff alerts (adapters/runtime/staff-alerts.ts): the live channel
// every open console listens on, and the list of alerts still open that the queue page shows.
// Both live in the key-value store, so they work while the database is down.
import { z } from "zod";
import type { KeyValueStore } from "../store/key-value-store.js";
import { updateStored } from "../store/update-stored.js";

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
  await updateStored(store, OPEN_ALERTS_KEY, "staff alerts", MAX_CAS_TRIES, (raw) => ({
    result: undefined,
    write: { value: JSON.stringify({ version: ALERTS_VERSION, alerts: change(parseOpen(raw)) }) },
  }));
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
