// The LLM settings: off when unset, read only by adapters/config.ts, the key never echoed.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../adapters/config.js";

describe("LLM configuration", () => {
  it("is off when LLM_BASE_URL is unset", () => {
    expect(loadConfig({}).llm).toBeUndefined();
  });

  it("reads the endpoint, model, timeout and cap", () => {
    const c = loadConfig({ LLM_BASE_URL: "http://127.0.0.1:8000/v1/", LLM_MODEL: "qwen", LLM_API_KEY: "sk-1", LLM_TIMEOUT_MS: "1500", LLM_MONTHLY_TOKEN_CAP: "1000000" });
    expect(c.llm).toEqual({ baseUrl: "http://127.0.0.1:8000/v1", apiKey: "sk-1", model: "qwen", timeoutMs: 1500, monthlyTokenCap: 1_000_000 });
    expect(loadConfig({ LLM_BASE_URL: "http://x/v1", LLM_MODEL: "m" }).llm?.timeoutMs).toBe(2000);
  });

  it("wants a model with the endpoint, and never echoes the key", () => {
    expect(() => loadConfig({ LLM_BASE_URL: "http://x/v1" })).toThrow(/LLM_MODEL/);
    try {
      loadConfig({ LLM_BASE_URL: "ftp://x", LLM_API_KEY: "", LLM_TIMEOUT_MS: "5" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.variable).sort()).toEqual(["LLM_BASE_URL", "LLM_TIMEOUT_MS"]);
    }
    try {
      loadConfig({ LLM_BASE_URL: "http://x/v1", LLM_MODEL: "m", LLM_API_KEY: "sk-secret", LLM_MONTHLY_TOKEN_CAP: "-1" });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain("sk-secret");
    }
  });
});
