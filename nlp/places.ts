/** Adapts the gazetteer's matches (knowledge/gazetteer.ts `findPlaces`) to the facts' place hits. */
import type { Knowledge, Place } from "../knowledge/types.js";
import type { PlaceHit } from "./facts.js";

/** The shape of `findPlaces` in knowledge/gazetteer.ts. */
export type FindPlacesFn = (k: Knowledge, text: string) => { place: Place; matched: string; township?: Place }[];

export function toPlaceHits(found: ReturnType<FindPlacesFn>): PlaceHit[] {
  return found.map((f) => {
    const hit: PlaceHit = { id: f.place.id, name: f.place.name, kind: f.place.kind };
    if (f.township) hit.township = { id: f.township.id, name: f.township.name };
    return hit;
  });
}
