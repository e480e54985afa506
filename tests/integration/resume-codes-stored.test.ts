// Resume codes are indexed by their SHA-256 digest: in a dump of the store (the embedded journal,
// or every key and value in Redis) no resume key names a live code, and the code still works
// however it is typed.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { SessionStore } from "../../adapters/intake/session-store.js";
import type { KeyValueStore } from "../../adapters/store/key-value-store.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { freshRedis, redisUrl, skipRedis } from "../support/services.js";
import { testIntake } from "../support/conversations.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Starts a Telegram conversation past consent; returns the code as shown ("K7QH-3MPX-9RTA"). */
async function shownCode(store: KeyValueStore): Promise<string> {
  const { intake } = testIntake(store);
  await intake.handle({ residentKey: "telegram:42", channel: "telegram" }, { kind: "text", text: "你好" });
  const consent = await intake.handle({ residentKey: "telegram:42", channel: "telegram" }, { kind: "button", value: "consent:yes" });
  const shown = /续接码是 ([A-Z0-9-]+)/.exec(consent.map((r) => r.text).join("\n"))?.[1];
  expect(shown).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  return shown!;
}

/**
 * The resume index in a dump of the store: keyed by the digest, no key naming the code. (The
 * resident's own session still carries its code: see bot/session.ts `resumeCode`.)
 */
function expectDigestIndex(entries: [key: string, value: string | null][], shown: string): void {
  const code = shown.replace(/-/g, "");
  expect(entries.filter(([k]) => k.includes(code) || k.includes(shown))).toEqual([]);
  const index = entries.filter(([k]) => /intake:resume:/.test(k));
  expect(index).toEqual([[expect.stringMatching(new RegExp(`intake:resume:${sha256(code)}$`)), "telegram:42"]]);
  expect(JSON.stringify(index)).not.toContain(code);
}

async function resolvesHoweverTyped(store: KeyValueStore, shown: string): Promise<void> {
  const sessions = new SessionStore(store);
  const code = shown.replace(/-/g, "");
  expect(await sessions.resolveResumeCode(code)).toBe("telegram:42");
  expect(await sessions.resolveResumeCode(shown.toLowerCase())).toBe("telegram:42");
  expect(await sessions.resolveResumeCode("ZZZZZZZZZZZZ")).toBeNull();
}

describe("resume codes in the store", () => {
  it("the embedded store's journal indexes the code by its digest only", async () => {
    const dir = await mkdtemp(join(tmpdir(), "yizhan-resume-"));
    try {
      const journal = join(dir, "store.journal");
      const store = new MemoryStore(Date.now, journal);
      const shown = await shownCode(store);
      const lines = (await readFile(journal, "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { k: string; v?: string });
      expectDigestIndex(lines.map((l) => [l.k, l.v ?? null]), shown);
      await resolvesHoweverTyped(store, shown);
      await new SessionStore(store).dropResumeCode(shown.replace(/-/g, ""));
      expect(await new SessionStore(store).resolveResumeCode(shown.replace(/-/g, ""))).toBeNull();
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a code stored in clear before this version still works once, and moves to its digest", async () => {
    let now = 1_000_000;
    const store = new MemoryStore(() => now);
    await store.set("intake:resume:K7QH3MPX9RTA", "webchat:old", { ttlSeconds: 3600 });
    const sessions = new SessionStore(store);
    expect(await sessions.resolveResumeCode("K7QH3MPX9RTA")).toBe("webchat:old");
    expect(await store.get("intake:resume:K7QH3MPX9RTA")).toBeNull();
    expect(await store.get(`intake:resume:${sha256("K7QH3MPX9RTA")}`)).toBe("webchat:old");
    // It keeps the lifetime it had, not a fresh one.
    now += 3601_000;
    expect(await sessions.resolveResumeCode("K7QH3MPX9RTA")).toBeNull();
    await store.close();
  });

  it.skipIf(skipRedis)("Redis indexes the code by its digest only (every key and value under the prefix)", async () => {
    const { store, prefix, dispose } = await freshRedis();
    const raw = new Redis(redisUrl!);
    try {
      const shown = await shownCode(store);
      const keys = await raw.keys(`${prefix}*`);
      const values = await Promise.all(keys.map(async (k) => ((await raw.type(k)) === "string" ? await raw.get(k) : "")));
      expectDigestIndex(keys.map((k, i) => [k, values[i] ?? null]), shown);
      await resolvesHoweverTyped(store, shown);
    } finally {
      raw.disconnect();
      await dispose();
    }
  });
});
