// Pure: what a new case becomes when filed — colour, owner and deadline from the rubric,
// township from the facts, parties, the legal/policy briefing of the first service, and
// the names the resident's hand-off message needs, in the resident's language.
import type { Knowledge } from "../knowledge/types.js";
import type { NewCase } from "./case-desk.js";
import type { ColourRules } from "../knowledge/colours.js";
import { firstResponseDue } from "./colours.js";
import { transition } from "./lifecycle.js";
import type { CaseRecordInput, Party } from "./ports.js";

export type CatalogueLookup = Pick<Knowledge, "studioByDomain" | "serviceById" | "agencyById" | "placeById">;

export interface FilingNames {
  studioName: string | undefined;
  serviceName: string | undefined;
  agencyNames: string[];
  briefing: string | null;
}

export function filingNames(input: NewCase, catalogue?: CatalogueLookup): FilingNames {
  const top = input.triage.services[0];
  const service = top ? catalogue?.serviceById.get(top.id) : undefined;
  const studio = input.triage.domain === "other" ? undefined : catalogue?.studioByDomain.get(input.triage.domain);
  // A resident who writes English reads the catalogue's English names (the case record keeps the Chinese).
  const lang = input.resident.language === "en" ? "en" : "zh";
  return {
    studioName: studio?.name[lang],
    serviceName: service?.name[lang] ?? top?.name,
    agencyNames: (top?.agencyIds ?? []).map((id) => catalogue?.agencyById.get(id)?.name[lang] ?? id),
    briefing: service?.legalBasis.length ? service.legalBasis.map((b) => `《${b.law}》${b.article}`).join("；") : null,
  };
}

/** @example caseRecordFor(newCase, { rules, now }).record.status === "queued" */
export function caseRecordFor(
  input: NewCase,
  opts: { rules: ColourRules; now: Date; filedById?: string | null; catalogue?: CatalogueLookup },
): { record: CaseRecordInput; about: FilingNames; ownerTitle: string } {
  const facts = { ...input.triage.facts, ...(input.confirmedFacts ?? {}) };
  const color = input.triage.risk.color;
  const policy = opts.rules[color];
  const parties: Party[] = [{ role: "applicant", text: input.resident.displayName ?? "来访群众" }];
  if (facts.otherParty) parties.push({ role: "respondent", text: facts.otherParty.text, relation: facts.otherParty.relation });
  const submitted = transition("intake", { type: "submit" });
  if (!submitted.ok) throw new Error(submitted.reason);
  const about = filingNames(input, opts.catalogue);
  const record: CaseRecordInput = {
    filingKey: input.filingKey ?? null,
    channel: input.channel,
    status: submitted.status,
    color,
    domain: input.triage.domain,
    urgent: input.urgent,
    residentKey: input.resident.key,
    residentName: input.resident.displayName ?? null,
    residentPhone: input.resident.phone ?? null,
    preferredContact: input.resident.preferredContact,
    language: input.resident.language,
    story: input.story,
    triage: input.triage,
    facts,
    townshipId: facts.township?.id ?? null,
    villageId: facts.village?.id ?? null,
    // The gazetteer's names when it knows the village; else the place as the resident said it.
    place: (facts.placeText ?? [facts.township?.name, facts.village?.name].filter(Boolean).join(" ")) || null,
    parties,
    ownerRole: policy.owner,
    firstResponseDue: firstResponseDue(opts.rules, color, opts.now),
    filedById: opts.filedById ?? null,
    briefing: about.briefing,
    messages: input.messages.map((m) => ({ author: m.from, text: m.text, at: m.at })),
    evidence: input.evidence ?? [],
    createdAt: opts.now,
  };
  return { record, about, ownerTitle: policy.ownerTitle };
}
