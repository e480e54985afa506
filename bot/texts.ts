// The resident's language picks the sentence table.
import type { Language } from "../queue/case-desk.js";
import { en } from "./texts.en.js";
import { zh, type Texts } from "./texts.zh.js";

export type { Texts };

export function textsFor(language: Language): Texts {
  return language === "en" ? en : zh;
}
