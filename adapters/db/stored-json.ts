// The JSON a case row keeps, read and written in one place (STYLE 3). The triage is an envelope
// `{ version, triage }`; facts and parties are bare columns in the layout of version 1 (a change to
// them must wrap them the same way and raise the version). A value that does not parse is reported
// with its field and the version found, never replaced by a guess: the case keeps its own columns.
import { z } from "zod";
import { COLOUR_OWNERS, RISK_COLORS } from "../../knowledge/colours.js";
import { DOMAINS, type Facts, type Triage } from "../../nlp/types.js";
import type { Party, UnreadableField } from "../../queue/ports.js";
import type { Prisma } from "./generated/client.js";

/** Version of the triage envelope written on a case. */
export const TRIAGE_VERSION = 1;

/** A value as a Prisma JSON column takes it (every write of stored JSON goes through here). */
export function json(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

/** The triage envelope of the current version. */
export function triageEnvelope(triage: Triage): Prisma.InputJsonValue {
  return json({ version: TRIAGE_VERSION, triage });
}

// Loose objects: keys a schema does not name (a hotline triage's turns, fields added later) are
// kept as they were stored, so a row of the current version reads exactly as before.
const colour = z.enum(RISK_COLORS);
const owner = z.enum(RISK_COLORS.map((c) => COLOUR_OWNERS[c]));
const named = z.looseObject({ id: z.string(), name: z.string() });

const factsSchema = z.looseObject({
  township: named.optional(),
  village: named.optional(),
  otherParty: z.looseObject({ text: z.string(), relation: z.string() }).optional(),
  money: z.looseObject({ amount: z.number(), text: z.string() }).optional(),
  duration: z.looseObject({ days: z.number(), text: z.string() }).optional(),
  peopleCount: z.looseObject({ count: z.number(), text: z.string() }).optional(),
  attempts: z.array(z.looseObject({ kind: z.string(), text: z.string() })),
  wants: z.string().optional(),
  since: z.string().optional(),
  placeText: z.string().optional(),
}) satisfies z.ZodType<Facts>;

const riskSchema = z.looseObject({
  color: colour,
  reasons: z.array(
    z.looseObject({ signal: z.string(), criterion: z.string(), color: colour, words: z.array(z.string()), explanation: z.string() }),
  ),
  owner,
  ownerTitle: z.string(),
  certainty: z.number().optional(),
  probabilities: z.record(colour, z.number()).optional(),
  ask: z.looseObject({ kind: z.enum(["self_harm", "danger"]), probability: z.number() }).optional(),
});

const triageSchema = z.looseObject({
  domain: z.enum(DOMAINS),
  confidence: z.number(),
  unsure: z.boolean(),
  candidates: z.array(z.looseObject({ domain: z.enum(DOMAINS), probability: z.number() })),
  risk: riskSchema,
  services: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      score: z.number(),
      categoryId: z.string(),
      agencyIds: z.array(z.string()),
      evidence: z.array(z.string()),
    }),
  ),
  facts: factsSchema,
  masked: z.string(),
  pii: z.array(
    z.looseObject({
      kind: z.enum(["mobile", "landline", "id_card", "bank_card", "email", "plate", "address", "number"]),
      start: z.number(),
      end: z.number(),
      masked: z.string(),
      raw: z.string().optional(),
    }),
  ),
  domainEvidence: z.array(z.string()),
}) satisfies z.ZodType<Triage>;

const triageEnvelopeSchema = z.object({ version: z.literal(TRIAGE_VERSION), triage: triageSchema });

const partiesSchema = z.array(
  z.looseObject({ role: z.enum(["applicant", "respondent", "other"]), text: z.string(), relation: z.string().optional() }),
) satisfies z.ZodType<Party[]>;

const auditDetailSchema = z.record(z.string(), z.unknown());

/** The stored JSON fields read here: a case's own, and an audit entry's detail. */
export type StoredField = UnreadableField["field"] | "audit_detail";

/** What a read found: the value, or why not (never the stored content: it may hold personal data). */
export type StoredRead<T, F extends StoredField = StoredField> = { ok: true; value: T } | StoredProblem<F>;

export interface StoredProblem<F extends StoredField = StoredField> {
  ok: false;
  field: F;
  /** The version the value carried, null when none. */
  version: number | null;
  /** Where the shape broke (paths and zod codes only). */
  issues: { path: string; code: string }[];
}

function versionOf(stored: unknown): number | null {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return null;
  const version = (stored as Record<string, unknown>).version;
  return typeof version === "number" ? version : null;
}

function read<T, F extends StoredField>(field: F, schema: z.ZodType<T>, stored: unknown, version: number | null): StoredRead<T, F> {
  const parsed = schema.safeParse(stored);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join("."), code: i.code }));
  return { ok: false, field, version, issues };
}

/**
 * The triage of a case row: the envelope of the current version, or why it cannot be read.
 * @example readTriage({ version: 2, triage: {} }) → { ok: false, field: "triage", version: 2, issues: [...] }
 */
export function readTriage(stored: unknown): StoredRead<Triage, "triage"> {
  const version = versionOf(stored);
  const result = read("triage", triageEnvelopeSchema, stored, version);
  return result.ok ? { ok: true, value: result.value.triage } : result;
}

/** The confirmed facts column (layout of version 1). */
export function readFacts(stored: unknown): StoredRead<Facts, "facts"> {
  return read("facts", factsSchema, stored, null);
}

/** The parties column (layout of version 1). */
export function readParties(stored: unknown): StoredRead<Party[], "parties"> {
  return read("parties", partiesSchema, stored, null);
}

/** An audit entry's detail: any JSON object. */
export function readAuditDetail(stored: unknown): StoredRead<Record<string, unknown>, "audit_detail"> {
  return read("audit_detail", auditDetailSchema, stored, null);
}

const WHAT: Record<StoredField, { name: string; check: string }> = {
  triage: { name: "分诊记录", check: "请人工核对风险颜色" },
  facts: { name: "案情要素（乡镇、对方、金额等）", check: "请对照群众陈述人工核对" },
  parties: { name: "当事人记录", check: "请对照群众陈述人工核对" },
  audit_detail: { name: "操作留痕内容", check: "请联系系统管理员" },
};

/**
 * The sentence staff see for a field that could not be read.
 * @example unreadableNotice("triage", 2) → "此案件的分诊记录无法读取（版本 2），请人工核对风险颜色。"
 */
export function unreadableNotice(field: StoredField, version: number | null): string {
  const { name, check } = WHAT[field];
  const found = field !== "triage" ? "" : version === null ? "（未标版本）" : version === TRIAGE_VERSION ? `（版本 ${version}，内容不完整）` : `（版本 ${version}）`;
  return `此案件的${name}无法读取${found}，${check}。`;
}
