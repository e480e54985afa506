/** Recognise the county's townships and villages (and their short forms) in free text, also spelt in pinyin. */
import { pinyin } from "pinyin-pro";
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
  if (/[a-z]{3}/i.test(text)) found.push(...spelt(k, text, seen));
  return found.sort((a, b) => a.at - b.at).map((f) => f.match);
}

/** Pinyin spellings shorter than this are not looked for: "hu", "yang" are inside ordinary words. */
const MIN_SPELLING = 6;

const spellingMemo = new WeakMap<Knowledge, { surface: string; place: Place }[]>();

/** Every name and alias as it is spelt without tones or spaces (马蹄沟 → matigou), longest first. */
function spellings(k: Knowledge): { surface: string; place: Place }[] {
  let list = spellingMemo.get(k);
  if (!list) {
    list = k.placeNames
      .map(({ surface, place }) => ({ surface: pinyin(surface, { toneType: "none", type: "array" }).join("").replace(/ü/g, "v"), place }))
      .filter((s) => /^[a-z]+$/.test(s.surface) && s.surface.length >= MIN_SPELLING)
      .sort((a, b) => b.surface.length - a.surface.length);
    spellingMemo.set(k, list);
  }
  return list;
}

/**
 * Places written in pinyin by residents who write English ("I live in Mati Gou town", "Shuanghuyu"):
 * letters only, lower-cased, spaces and hyphens dropped, each match mapped back to the words typed.
 */
function spelt(k: Knowledge, text: string, seen: Set<string>): { at: number; match: PlaceMatch }[] {
  const letters: number[] = [];
  let folded = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!.toLowerCase();
    if (c >= "a" && c <= "z") {
      folded += c;
      letters.push(i);
    }
  }
  const taken = new Array<boolean>(folded.length).fill(false);
  const out: { at: number; match: PlaceMatch }[] = [];
  for (const { surface, place } of spellings(k)) {
    const at = folded.indexOf(surface);
    if (at < 0 || seen.has(place.id) || taken.slice(at, at + surface.length).some(Boolean)) continue;
    // A spelling must start a word as typed ("matigou" is not inside "automatigou").
    const start = letters[at]!;
    if (start > 0 && /[a-z]/i.test(text[start - 1]!)) continue;
    taken.fill(true, at, at + surface.length);
    seen.add(place.id);
    const matched = text.slice(start, letters[at + surface.length - 1]! + 1);
    const township = place.kind === "village" && place.parentId !== undefined ? k.placeById.get(place.parentId) : place;
    out.push({ at: start, match: township === undefined ? { place, matched } : { place, matched, township } });
  }
  return out;
}
