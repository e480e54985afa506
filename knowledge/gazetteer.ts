/** Recognise the county's townships and villages (and their short forms) in free text. */
import type { Knowledge, Place } from "./types.js";

export interface PlaceMatch {
  place: Place;
  /** The exact text that matched (a name or an alias). */
  matched: string;
  /** The township or sub-district the place is in (the place itself when it is one). */
  township?: Place;
}

/**
 * Find places named in `text`, longest names first, without overlaps, in text order.
 * @example findPlaces(k, "马蹄沟盐湾村的地") // 盐湾村 (township 马蹄沟镇) and 马蹄沟镇
 */
export function findPlaces(k: Knowledge, text: string): PlaceMatch[] {
  const taken = new Array<boolean>(text.length).fill(false);
  const found: { at: number; match: PlaceMatch }[] = [];
  const seen = new Set<string>();
  for (const { surface, place } of k.placeNames) {
    for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1)) {
      if (taken.slice(at, at + surface.length).some(Boolean)) continue;
      taken.fill(true, at, at + surface.length);
      if (seen.has(place.id)) continue;
      seen.add(place.id);
      const township = place.kind === "village" && place.parentId !== undefined ? k.placeById.get(place.parentId) : place;
      found.push({ at, match: township === undefined ? { place, matched: surface } : { place, matched: surface, township } });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.match);
}
