// What the intake tells staff when a resident in danger could not be filed yet. The runtime
// (adapters/runtime/staff-alerts.ts) sends it on every channel that works; the intake only
// says when. Nothing personal travels: colour, channel, the danger signals, the time.
import type { Channel, NewCase } from "../../queue/case-desk.js";

export interface StaffAlerts {
  /** A red case's filing failed (the database is down…): staff must not wait for the queue. */
  redFilingFailed(alert: { residentKey: string; channel: Channel; draft: NewCase }): Promise<void>;
  /** The retry filed it: the number, so staff can open the case. */
  redFiledAfterRetry(alert: { residentKey: string; channel: Channel; caseNumber: string }): Promise<void>;
}

/** For tests and tools that file nothing red. */
export const NO_STAFF_ALERTS: StaffAlerts = {
  async redFilingFailed() {},
  async redFiledAfterRetry() {},
};
