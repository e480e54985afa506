import { describe, expect, it } from "vitest";
import { preparedStatementName } from "../../../adapters/db/prepared-statements.js";

describe("preparedStatementName", () => {
  it("names a statement that begins with the marker, and leaves every other one unnamed", () => {
    expect(preparedStatementName({ sql: "/* prepared: file_case */\n WITH x AS (SELECT 1) SELECT * FROM x" })).toBe("yizhan_file_case");
    expect(preparedStatementName({ sql: "  /* prepared: a1_b */ SELECT 1" })).toBe("yizhan_a1_b");
    expect(preparedStatementName({ sql: 'SELECT "id" FROM "Case" WHERE "id" = $1' })).toBe("");
    expect(preparedStatementName({ sql: "SELECT 1 /* prepared: late */" })).toBe("");
    expect(preparedStatementName({ sql: "/* prepared: Bad-Name */ SELECT 1" })).toBe("");
  });
});
