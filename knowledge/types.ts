/** Types of the centre's knowledge base (the service catalogue and its references). */
export type Domain = "medical" | "marital" | "neighbor" | "financial" | "campus" | "other";
export type RiskColor = "red" | "orange" | "yellow" | "blue";
export type OwnerRole = "political_legal_secretary" | "township_secretary" | "centre_director" | "mediator";
export interface LocalizedName { zh: string; en: string }
export interface Category { id: string; name: LocalizedName; description: string }
export interface LegalBasis { law: string; article: string }
export interface Service {
  id: string; categoryId: string; name: LocalizedName; description: string; examples: string[];
  domains: Domain[]; agencyIds: string[]; forces: string[]; documents: string[]; timeLimit: string;
  legalBasis: LegalBasis[];
  /** Reviewed colloquial words residents use for this service (search only). */
  keywords: string[];
}
export interface Agency {
  id: string; name: LocalizedName; presence: "stationed" | "rotating" | "on_demand" | "judicial";
  description: string; areaIds: string[]; windowIds: string[];
  /** True for the centre's own office (not one of the stationed units). */
  host: boolean;
}
export interface Studio {
  id: string; domain: Exclude<Domain, "other">; name: LocalizedName; handles: string; forces: string[]; serviceIds: string[];
}
export interface Place { id: string; name: string; kind: "subdistrict" | "town" | "village"; parentId?: string; aliases: string[] }
export interface RiskCriterion { id: string; label: string; description: string }
export interface RiskLevel {
  color: RiskColor; label: string; owner: OwnerRole; ownerTitle: string; firstResponseMinutes: number; criteria: RiskCriterion[];
}
export interface Force { id: string; name: string; group: string }
export interface Knowledge {
  categories: Category[]; services: Service[]; agencies: Agency[]; studios: Studio[]; places: Place[];
  areas: { id: string; name: string }[]; windows: { id: string; name: string; areaId: string }[]; rubric: RiskLevel[];
  forces: Force[];
  /* lookups */
  serviceById: Map<string, Service>; categoryById: Map<string, Category>; agencyById: Map<string, Agency>;
  placeById: Map<string, Place>; studioByDomain: Map<string, Studio>; forceById: Map<string, Force>;
  /** Every place's name and aliases, longest first: the order the gazetteer reads a text in. */
  placeNames: { surface: string; place: Place }[];
}
