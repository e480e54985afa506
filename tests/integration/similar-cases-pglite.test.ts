// 相似案件 and the case vectors on the embedded default (PGlite).
import { afterAll, beforeAll, describe } from "vitest";
import { freshPglite, type TestDatabase } from "../support/services.js";
import { similarCasesContract } from "../support/similar-cases-contract.js";

describe("相似案件 on PGlite", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshPglite();
  }, 60_000);
  afterAll(async () => t?.dispose());
  similarCasesContract(() => t.db);
});
