/** Load the catalogue: read → schema-check → cross-check → typed Knowledge with lookups. */
import { fileURLToPath } from "node:url";
import { KnowledgeError, type KnowledgeProblem } from "./errors.js";
import { readCatalogue, type RawCatalogue } from "./read.js";
import { knowledgeStats, type KnowledgeStats } from "./stats.js";
import type { Knowledge, Service, Agency } from "./types.js";
import { validateCatalogue } from "./validate.js";

export { knowledgeStats } from "./stats.js";
export type { KnowledgeStats } from "./stats.js";

/** The shipped illustrative catalogue folder. */
export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL("./data/", import.meta.url));

function strip<T extends { file: string }>(x: T): Omit<T, "file"> {
  const { file: _file, ...rest } = x;
  return rest;
}

function build(c: RawCatalogue): Knowledge {
  const services: Service[] = c.services.map((s) => strip(s));
  const agencies: Agency[] = c.agencies.map((a) => strip(a));
  const categories = c.categories.map(strip);
  const studios = c.studios.map(strip);
  const places = c.places.map((p) => {
    const { parentId, ...rest } = strip(p);
    return parentId === undefined ? rest : { ...rest, parentId };
  });
  const forces = c.forces.map(strip);
  return {
    categories, services, agencies, studios, places, forces,
    areas: c.areas.map(strip), windows: c.windows.map(strip), rubric: c.levels.map(strip),
    serviceById: new Map(services.map((s) => [s.id, s])),
    categoryById: new Map(categories.map((x) => [x.id, x])),
    agencyById: new Map(agencies.map((x) => [x.id, x])),
    placeById: new Map(places.map((x) => [x.id, x])),
    studioByDomain: new Map(studios.map((x) => [x.domain, x])),
    forceById: new Map(forces.map((x) => [x.id, x])),
    placeNames: places.flatMap((place) => [place.name, ...place.aliases].map((surface) => ({ surface, place }))).sort((a, b) => b.surface.length - a.surface.length),
  };
}

function collect(dir: string): { problems: KnowledgeProblem[]; raw: RawCatalogue } {
  const problems: KnowledgeProblem[] = [];
  const report = (p: KnowledgeProblem) => { problems.push(p); };
  const raw = readCatalogue(dir, report);
  validateCatalogue(raw, report);
  return { problems, raw };
}

/** Load and validate a catalogue folder (sync). Throws KnowledgeError listing every problem. */
export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): Knowledge {
  const { problems, raw } = collect(dir);
  if (problems.length > 0) throw new KnowledgeError(problems);
  return build(raw);
}

export type CheckResult = { ok: true; stats: KnowledgeStats } | { ok: false; problems: KnowledgeProblem[] };

/** Validate a catalogue folder and collect ALL problems instead of stopping at the first. */
export function checkKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): CheckResult {
  const { problems, raw } = collect(dir);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, stats: knowledgeStats(build(raw)) };
}
