// What a staff member without need sees of a resident: phone numbers, ID numbers and
// bank cards masked in every text; the stored record keeps the original.
import { maskPii } from "../nlp/pii.js";
import type { Triage } from "../nlp/types.js";
import type { CaseDetail } from "./ports.js";

export function maskText(text: string): string {
  return maskPii(text).masked;
}

/** A phone number shown as 138****5678 (or fully hidden when it is not one). */
export function maskPhone(phone: string): string {
  const masked = maskPii(phone).masked;
  return masked !== phone ? masked : phone.replace(/\d(?=\d{2})/g, "*");
}

function maskTriage(triage: Triage): Triage {
  return { ...triage, pii: triage.pii.map(({ raw: _raw, ...rest }) => rest) };
}

/** The case as a role without need for contact details may see it. */
export function maskCase(detail: CaseDetail): CaseDetail {
  return {
    ...detail,
    residentPhone: detail.residentPhone === null ? null : maskPhone(detail.residentPhone),
    story: maskText(detail.story),
    headline: maskText(detail.headline),
    triage: maskTriage(detail.triage),
    messages: detail.messages.map((m) => ({ ...m, text: maskText(m.text) })),
    place: detail.place,
  };
}

/** Short first line of a story for queue rows; always masked. */
export function headlineOf(story: string, length = 60): string {
  const flat = maskText(story.replace(/\s+/g, " ").trim());
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
