import type { Knowledge } from "./types.js";

export interface KnowledgeStats {
  categories: number; services: number; agencies: number; studios: number; places: number;
  agenciesByPresence: { stationed: number; rotating: number; on_demand: number; judicial: number; host: number };
  areas: number; windows: number; forces: number; townships: number; villages: number;
  servicesPerCategory: Record<string, number>;
}

/** Counts of everything in a catalogue (reported, never hard-wired: a centre's own may differ). */
export function knowledgeStats(k: Knowledge): KnowledgeStats {
  const byPresence = { stationed: 0, rotating: 0, on_demand: 0, judicial: 0, host: 0 };
  for (const a of k.agencies) {
    if (a.host) byPresence.host += 1;
    else byPresence[a.presence] += 1;
  }
  const servicesPerCategory: Record<string, number> = {};
  for (const c of k.categories) servicesPerCategory[c.id] = 0;
  for (const s of k.services) servicesPerCategory[s.categoryId] = (servicesPerCategory[s.categoryId] ?? 0) + 1;
  return {
    categories: k.categories.length, services: k.services.length, agencies: k.agencies.length,
    studios: k.studios.length, places: k.places.length, agenciesByPresence: byPresence,
    areas: k.areas.length, windows: k.windows.length, forces: k.forces.length,
    townships: k.places.filter((p) => p.kind !== "village").length,
    villages: k.places.filter((p) => p.kind === "village").length, servicesPerCategory,
  };
}
