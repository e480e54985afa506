// Builds the dialogue's pure dependencies from the catalogue and the triager.
import { randomInt } from "node:crypto";
import { colourRulesFromRubric } from "../../knowledge/colours.js";
import { findPlaces } from "../../knowledge/gazetteer.js";
import type { Knowledge } from "../../knowledge/types.js";
import { extractFacts } from "../../nlp/facts.js";
import { toPlaceHits } from "../../nlp/places.js";
import type { Triager } from "../../nlp/triage.js";
import type { DialogueDeps } from "../../bot/types.js";

import { RESUME_ALPHABET, RESUME_CODE_LENGTH } from "../../bot/resume-code.js";

export { RESUME_ALPHABET };

/** A crypto-random resume code (node:crypto randomInt, no modulo bias). */
export function newResumeCode(random: (max: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < RESUME_CODE_LENGTH; i++) code += RESUME_ALPHABET[random(RESUME_ALPHABET.length)];
  return code;
}

export function createDialogueDeps(opts: { knowledge: Knowledge; triager: Pick<Triager, "triage">; now?: () => Date }): DialogueDeps {
  const { knowledge, triager } = opts;
  return {
    triage: (text) => triager.triage(text),
    colours: colourRulesFromRubric(knowledge.rubric),
    findPlaces: (text) => toPlaceHits(findPlaces(knowledge, text)),
    extractFacts,
    now: opts.now ?? (() => new Date()),
    newResumeCode: () => newResumeCode(),
  };
}
