// What a staff member without need sees of a resident: phone numbers, ID numbers, bank
// cards and house addresses masked in every text of the case and its audit trail; the
// stored record keeps the original. Who needs them is decided in access.ts (seesContact).
import { maskPii } from "../nlp/pii.js";
import type { Triage } from "../nlp/types.js";
import type { AuditEntry, CaseDetail } from "./ports.js";

export function maskText(text: string): string {
  return maskPii(text).masked;
}

/** A phone number shown as 138****5678 (or fully hidden when it is not one). */
export function maskPhone(phone: string): string {
  const masked = maskPii(phone).masked;
  return masked !== phone ? masked : phone.replace(/\d(?=\d{2})/g, "*");
}

/**
 * The channel's handle of the resident is a way to reach them (a hotline key is the phone
 * number, a web-chat key the browser's secret id): only the channel and its last 4 characters stay.
 * @example maskResidentKey("hotline:13812345678") === "hotline:138****5678"
 */
export function maskResidentKey(key: string): string {
  const colon = key.indexOf(":");
  const channel = colon >= 0 ? key.slice(0, colon + 1) : "";
  const handle = key.slice(channel.length);
  const masked = maskText(handle);
  return channel + (masked !== handle ? masked : `****${handle.slice(-4)}`);
}

// Identifiers and codes the console links or filters by; never personal data, and a
// uuid's digit groups must not be taken for a card number.
const KEPT = new Set(["id", "number", "caseId", "claimedById", "filedById", "actorId", "staffId", "townshipId", "villageId", "ref"]);

/** Every string inside a plain JSON-like value masked (objects and arrays walked, dates and identifiers kept). */
export function maskDeep<T>(value: T): T {
  if (typeof value === "string") return maskText(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, KEPT.has(k) ? v : maskDeep(v)])) as T;
  }
  return value;
}

function maskTriage(triage: Triage): Triage {
  const masked = maskDeep(triage);
  return { ...masked, pii: masked.pii.map(({ raw: _raw, ...rest }) => rest) };
}

/** The case as a role without need for contact details may see it: every text field masked. */
export function maskCase(detail: CaseDetail): CaseDetail {
  return {
    ...maskDeep(detail),
    residentKey: maskResidentKey(detail.residentKey),
    residentPhone: detail.residentPhone === null ? null : maskPhone(detail.residentPhone),
    triage: detail.triage === null ? null : maskTriage(detail.triage),
  };
}

/** Audit details carry what staff typed (reasons, outcomes, messages): masked the same way. */
export function maskAudit(entries: AuditEntry[]): AuditEntry[] {
  return entries.map((entry) => ({ ...entry, detail: maskDeep(entry.detail) }));
}

/** Short first line of a story for queue rows; always masked. */
export function headlineOf(story: string, length = 60): string {
  const flat = maskText(story.replace(/\s+/g, " ").trim());
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
