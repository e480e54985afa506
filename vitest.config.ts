import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on the project's machines: keep parallel workers modest so the
    // database-backed suites do not starve each other.
    maxWorkers: 2,
  },
});
