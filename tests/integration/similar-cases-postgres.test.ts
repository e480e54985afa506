// 相似案件 and the case vectors on PostgreSQL (real[] columns, the same migration).
import { afterAll, beforeAll, describe } from "vitest";
import { freshPostgres, skipPostgres, type TestDatabase } from "../support/services.js";
import { similarCasesContract } from "../support/similar-cases-contract.js";

describe.skipIf(skipPostgres)("相似案件 on PostgreSQL", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshPostgres();
  });
  afterAll(async () => t?.dispose());
  similarCasesContract(() => t.db);
});
