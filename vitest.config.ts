import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Generous bounds, not speed targets: CLI suites start processes that load the models, and a busy
    // machine (CI with other jobs) may take many times longer than a quiet one.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores on the project's machines: keep parallel workers modest so the
    // database-backed suites do not starve each other.
    maxWorkers: 2,
  },
});
