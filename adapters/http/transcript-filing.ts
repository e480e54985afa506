// Operator intake: a hotline transcript → triage preview → corrections → a filed case,
// with the same colour and deadlines as a chat case. Shared by the operator page and the API.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../../queue/access.js";
import type { FiledCase, NewCase } from "../../queue/case-desk.js";
import { RISK_COLORS } from "../../knowledge/colours.js";
import { canFileTranscript } from "../../queue/access.js";
import { hotlineColour } from "../../queue/hotline-colour.js";
import { DOMAINS, type TranscriptTriage } from "../../nlp/types.js";
import type { QueueHttpDeps } from "./queue-deps.js";
import { withRefinedServices } from "../embeddings/refine.js";

export const transcriptCorrections = z.object({
  domain: z.enum(DOMAINS).optional(),
  color: z.enum(RISK_COLORS).optional(),
  colorReason: z.string().trim().max(500).optional(),
  townshipId: z.string().trim().max(100).optional(),
  villageId: z.string().trim().max(100).optional(),
  callerName: z.string().trim().max(50).optional(),
  callerPhone: z.string().trim().max(30).optional(),
  otherParty: z.string().trim().max(200).optional(),
});
export type TranscriptCorrections = z.infer<typeof transcriptCorrections>;

export const transcriptBody = z.object({
  text: z.string().trim().min(5, "请粘贴通话记录。").max(50_000, "通话记录过长。"),
  corrections: transcriptCorrections.default({}),
});

export type FilingResult = { ok: true; filed: FiledCase; triage: TranscriptTriage } | { ok: false; error: "forbidden" | "invalid"; message: string };

/** The triage of a call for the operator page and the API: only for those who may file calls. */
export async function previewTranscript(deps: QueueHttpDeps, actor: Actor, text: string): Promise<{ ok: true; triage: TranscriptTriage } | { ok: false; error: "forbidden"; message: string }> {
  const may = canFileTranscript(actor);
  return may.ok ? { ok: true, triage: await triageCall(deps, text) } : { ok: false, error: "forbidden", message: may.reason };
}

/** The call's triage; its services re-ranked by the embeddings reader when one is configured. */
async function triageCall(deps: QueueHttpDeps, text: string): Promise<TranscriptTriage> {
  const triage = deps.triager.triageTranscript(text);
  return withRefinedServices(deps.refineServices, triage.callerAccount || triage.masked, triage, { logger: deps.logger });
}

/** Applies the operator's corrections and files, under the queue's hotline policy (raise, never lower). */
export async function fileTranscript(
  deps: QueueHttpDeps,
  actor: Actor,
  text: string,
  corrections: TranscriptCorrections,
): Promise<FilingResult> {
  const triage = await triageCall(deps, text);
  const colour = hotlineColour(actor, triage.risk, { to: corrections.color, reason: corrections.colorReason });
  if (!colour.ok) return { ok: false, error: colour.error, message: colour.reason };
  const risk = colour.risk;
  const township = corrections.townshipId ? deps.townships.find((t) => t.id === corrections.townshipId) : undefined;
  const village = corrections.villageId ? deps.villages.find((v) => v.id === corrections.villageId) : undefined;
  const facts = {
    ...triage.facts,
    ...(township ? { township } : {}),
    ...(village ? { village: { id: village.id, name: village.name } } : {}),
    ...(corrections.otherParty ? { otherParty: { text: corrections.otherParty, relation: triage.facts.otherParty?.relation ?? "other" } } : {}),
  };
  const phone = corrections.callerPhone || triage.pii.find((p) => p.kind === "mobile" || p.kind === "landline")?.raw;
  const now = new Date();
  const input: NewCase = {
    channel: "hotline",
    resident: {
      key: `hotline:${phone ?? randomUUID()}`,
      channel: "hotline",
      ...(corrections.callerName ? { displayName: corrections.callerName } : {}),
      ...(phone ? { phone } : {}),
      preferredContact: "phone",
      language: "zh",
    },
    story: triage.callerAccount || text,
    messages: triage.turns.map((t) => ({
      from: t.speaker === "operator" ? ("operator" as const) : ("resident" as const),
      text: t.text,
      at: now,
    })),
    triage: { ...triage, domain: corrections.domain ?? triage.domain, risk, facts },
    urgent: risk.color === "red",
    filedBy: actor.id,
  };
  const filed = await deps.service.fileCase(input, actor);
  return { ok: true, filed, triage };
}
