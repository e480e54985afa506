/** zod schemas of the catalogue files (the edge where YAML becomes typed data). */
import { z } from "zod";
import { COLOUR_OWNERS, RISK_COLORS } from "./colours.js";

const text = z.string().trim().min(1);
const id = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "id 只能用小写字母、数字、下划线和点");
export const localizedName = z.strictObject({ zh: text, en: text });
export const domain = z.enum(["medical", "marital", "neighbor", "financial", "campus", "other"]);
export const legalBasis = z.strictObject({ law: text, article: z.string().trim() });

export const categoryEntry = z.strictObject({ id, name: localizedName, description: text });
export const forceEntry = z.strictObject({ id, name: text, group: text });
export const areaEntry = z.strictObject({ id, name: text });
export const windowEntry = z.strictObject({ id, name: text, areaId: id });
export const agencyEntry = z.strictObject({
  id, name: localizedName, presence: z.enum(["stationed", "rotating", "on_demand", "judicial"]),
  description: text, areaIds: z.array(id).min(1), windowIds: z.array(id), host: z.boolean().default(false),
});
export const studioEntry = z.strictObject({
  id, domain: z.enum(["medical", "marital", "neighbor", "financial", "campus"]), name: localizedName,
  handles: text, forces: z.array(id).min(1), serviceIds: z.array(id),
});
export const placeEntry = z.strictObject({
  id, name: text, kind: z.enum(["subdistrict", "town", "village"]), parentId: id.optional(), aliases: z.array(text).default([]),
});
export const levelEntry = z.strictObject({
  color: z.enum(RISK_COLORS), label: text,
  owner: z.enum(RISK_COLORS.map((c) => COLOUR_OWNERS[c])),
  ownerTitle: text, firstResponseMinutes: z.number().int().positive(),
  criteria: z.array(z.strictObject({ id, label: text, description: text })).min(1),
});

/** A service after the file's `defaults` are merged in. */
export const service = z.strictObject({
  id, name: localizedName, description: text, examples: z.array(text).min(3, "至少需要 3 条群众说法示例"),
  keywords: z.array(text).default([]), domains: z.array(domain).min(1), agencyIds: z.array(id).min(1),
  forces: z.array(id).min(1), documents: z.array(text).min(1), timeLimit: text, legalBasis: z.array(legalBasis),
});

const serviceDefaults = z.strictObject({
  domains: z.array(domain).optional(), agencyIds: z.array(id).optional(), forces: z.array(id).optional(),
  documents: z.array(text).optional(), timeLimit: text.optional(), legalBasis: z.array(legalBasis).optional(),
  keywords: z.array(text).optional(),
});

/** The envelope of one services/*.yaml file; its entries are checked one by one after merging defaults. */
export const servicesEnvelope = z.strictObject({
  category: id,
  defaults: serviceDefaults.default({}),
  services: z.array(z.unknown()).min(1),
});

/** zod issue → a plain-Chinese sentence. */
export const zhError: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case "invalid_type":
      return iss.input === undefined ? "缺少此字段" : `类型不对：应为 ${iss.expected}`;
    case "too_small":
      if (iss.origin === "string") return "不能为空";
      if (iss.origin === "array") return `至少需要 ${String(iss.minimum)} 项`;
      return `应不小于 ${String(iss.minimum)}`;
    case "invalid_value":
      return `取值「${String(iss.input)}」无效，应为：${iss.values.map(String).join("、")}`;
    case "unrecognized_keys":
      return `未知字段：${iss.keys.join("、")}（可能拼写错误）`;
    case "invalid_format":
      return iss.message ?? "格式不对";
    default:
      return undefined;
  }
};
