// What the LLM must answer, as zod schemas: the one definition the json_schema response format,
// the tool call and the check of every answer share. Strict structured output wants every field
// present, so optional ones are nullable; lengths are cut after parsing (llm-reader.ts).
import { z } from "zod";
import { RISK_COLORS } from "../../knowledge/colours.js";
import { DOMAINS } from "../../nlp/types.js";

const Colour = z.enum(RISK_COLORS);

export const ReadingSchema = z.object({
  domain: z.enum(DOMAINS),
  color: Colour,
  signals: z.array(z.object({ color: Colour, quote: z.string(), why: z.string() })),
  services: z.array(z.string()),
  facts: z.object({
    place: z.string().nullable(),
    otherParty: z.string().nullable(),
    since: z.string().nullable(),
    attempts: z.string().nullable(),
    wants: z.string().nullable(),
  }),
  summary: z.array(z.string()),
});
export type ReadingOutput = z.infer<typeof ReadingSchema>;

/** A filed case's reading: the triage reading plus the staff drafts for the "六个一". */
export const CaseReadingSchema = ReadingSchema.extend({
  plan: z.array(z.string()),
  basis: z.array(z.object({ serviceId: z.string(), law: z.string(), article: z.string(), why: z.string() })),
  /** A hotline transcript read again with speech-recognition errors corrected; "" otherwise. */
  cleaned: z.string(),
});
export type CaseReadingOutput = z.infer<typeof CaseReadingSchema>;
