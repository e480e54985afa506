import { describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { createLogger } from "../../../adapters/logger.js";

describe("createLogger", () => {
  it("writes JSON and censors personal fields wherever they are nested", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ log: { level: "info", format: "json" } }, sink);
    logger.info({ resident: { phone: "13812345678", idNumber: "110101199003074518" }, address: "双湖峪街道1号" }, "case filed");
    const entry = JSON.parse(lines[0]!);
    expect(entry.msg).toBe("case filed");
    expect(entry.resident.phone).toBe("[已隐藏]");
    expect(entry.resident.idNumber).toBe("[已隐藏]");
    expect(entry.address).toBe("[已隐藏]");
    expect(lines[0]).not.toContain("13812345678");
  });
});
