// Without EMBEDDINGS_MODEL_DIR the embeddings reader costs nothing: neither transformers.js
// (nor onnxruntime) nor the reader's modules are imported by `yizhan triage` or by `serve`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "yizhan-imports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAVY = /@huggingface\/transformers|onnxruntime/;
const READER = /adapters\/embeddings\/(reader|model|service-search|case-vectors)\.ts/;

function importsOf(name: string, args: string[], env: Record<string, string> = {}): { urls: string[]; stdout: string } {
  const log = join(dir, `${name}.log`);
  writeFileSync(log, "");
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env, YIZHAN_IMPORT_LOG: log, LOG_LEVEL: "silent", DATA_DIR: join(dir, name), PORT: "0" };
  delete childEnv.DATABASE_URL;
  delete childEnv.REDIS_URL;
  delete childEnv.TELEGRAM_BOT_TOKEN;
  if (!env.EMBEDDINGS_MODEL_DIR) delete childEnv.EMBEDDINGS_MODEL_DIR;
  const stdout = execFileSync(process.execPath, ["--import", "tsx", "--import", "./tests/support/import-log/register.mjs", ...args], { cwd: ROOT, env: childEnv, encoding: "utf8" });
  return { urls: readFileSync(log, "utf8").split("\n").filter(Boolean), stdout };
}

describe("the embeddings reader when EMBEDDINGS_MODEL_DIR is unset", () => {
  it("is not imported by yizhan triage", () => {
    const { urls, stdout } = importsOf("triage", ["adapters/cli/main.ts", "triage", "--json", "楼上天天半夜蹦迪，吵得睡不着"]);
    expect(JSON.parse(stdout).services.length).toBeGreaterThan(0);
    expect(urls.some((u) => u.includes("nlp/triage.ts"))).toBe(true); // the log works
    expect(urls.filter((u) => HEAVY.test(u) || READER.test(u))).toEqual([]);
  });

  it("is not imported by serve (every feature mounted, a page answered)", () => {
    const { urls, stdout } = importsOf("serve", ["tests/support/import-log/serve-once.ts"]);
    expect(stdout).toContain("status 200 embeddings off");
    expect(urls.some((u) => u.includes("adapters/http/console/case-page.ts"))).toBe(true);
    expect(urls.filter((u) => HEAVY.test(u) || READER.test(u))).toEqual([]);
  });
});
