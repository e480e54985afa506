/** Adapts the gazetteer's matches (knowledge/gazetteer.ts `findPlaces`) to the facts' place hits. */
import type { Knowledge, Place } from "../knowledge/types.js";

/** A gazetteer match in a text, as the facts and slot readers use it. */
export interface PlaceHit {
  id: string;
  name: string;
  kind: "subdistrict" | "town" | "village";
  /** For a village: its township. */
  township?: { id: string; name: string };
}

/** The shape of `findPlaces` in knowledge/gazetteer.ts. */
export type FindPlacesFn = (k: Knowledge, text: string) => { place: Place; matched: string; township?: Place }[];

export function toPlaceHits(found: ReturnType<FindPlacesFn>): PlaceHit[] {
  return found.map((f) => {
    const hit: PlaceHit = { id: f.place.id, name: f.place.name, kind: f.place.kind };
    if (f.township) hit.township = { id: f.township.id, name: f.township.name };
    return hit;
  });
}

// The endings of Chinese place names below the county (villages, groups, townships, streets,
// compounds) and the landforms northern village names are made of (沟, 湾, 塬, 峁, 坪…).
const PLACE_ENDING =
  /(?:村|庄|屯|寨|堡|组|队|镇|乡|社区|街道|街|路|巷|小区|县城|县|区|沟|湾|坪|塬|峁|梁|岔|川|河|坡|洼|台|集|铺|营|店|口|滩|畔|园|医院|卫生院|学校|中学|小学|幼儿园|市场|超市|厂|车站|广场)(?:[\d一二三四五六七八九十]{1,3}(?:组|队|号|巷|排))?$/;

/**
 * True for a short answer that names a place by its form, known to the gazetteer or not.
 * @example looksLikePlaceName("张家湾村") // true; looksLikePlaceName("在家里") // false
 */
export function looksLikePlaceName(text: string): boolean {
  const plain = text.trim().replace(/^(?:在|是|住在|就在|我们?(?:是|在|住)?)/, "").replace(/[。.!！，,\s]+$/g, "");
  return /^[\u4e00-\u9fff\d]{2,20}$/.test(plain) && PLACE_ENDING.test(plain);
}

/** Where a message places the matter: its township and village, as the gazetteer knows them. */
export interface PlaceReading {
  township?: { id: string; name: string };
  village?: { id: string; name: string };
  /** A village named with a township that has no village of that name (the name is kept, unverified). */
  villageText?: string;
}

/**
 * The place in a message's gazetteer hits. The township the resident names decides: a village of
 * the same name elsewhere in the county ("苗家坪镇张家沟村" where only 双湖峪's 张家沟村 is listed)
 * is another place, so the township stands and the village is kept as said.
 */
export function placeOf(hits: readonly PlaceHit[]): PlaceReading {
  const town = hits.find((h) => h.kind !== "village");
  const villages = hits.filter((h) => h.kind === "village");
  const village = town ? villages.find((v) => v.township?.id === town.id) : villages[0];
  const township = village?.township ?? (town ? { id: town.id, name: town.name } : undefined);
  const stray = town && !village ? villages[0] : undefined;
  return {
    ...(township ? { township } : {}),
    ...(village ? { village: { id: village.id, name: village.name } } : {}),
    ...(stray ? { villageText: stray.name } : {}),
  };
}
