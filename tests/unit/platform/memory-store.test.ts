import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { keyValueStoreContract } from "../../support/store-contract.js";

keyValueStoreContract("memory", async () => {
  const store = new MemoryStore();
  return { store, dispose: () => store.close() };
});

// The embedded default's store keeps a journal: the same contract holds with one…
keyValueStoreContract("memory with a journal", async () => {
  const dir = mkdtempSync(join(tmpdir(), "yizhan-journal-"));
  const store = new MemoryStore(Date.now, join(dir, "store.journal"));
  return { store, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
});

// …and what was written survives a restart (a new store on the same journal).
describe("memory store journal", () => {
  it("replays writes, compare-and-set, deletes and counters; drops what expired; skips a torn last line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yizhan-journal-"));
    const journal = join(dir, "store.journal");
    let now = 1_000_000;
    const clock = () => now;
    const a = new MemoryStore(clock, journal);
    await a.set("intake:session:webchat:1", "v1", { ttlSeconds: 3600 });
    expect(await a.compareAndSet("intake:session:webchat:1", "v1", "v2", { ttlSeconds: 3600 })).toBe(true);
    await a.set("short", "gone soon", { ttlSeconds: 1 });
    await a.set("deleted", "x");
    await a.delete("deleted");
    await a.increment("counter");
    await a.increment("counter");
    appendFileSync(journal, '{"k":"torn","v":"hal');
    now += 5_000;
    const b = new MemoryStore(clock, journal);
    expect(await b.get("intake:session:webchat:1")).toBe("v2");
    expect(await b.ttlSeconds("intake:session:webchat:1")).toBe(3595);
    expect(await b.get("short")).toBeNull();
    expect(await b.get("deleted")).toBeNull();
    expect(await b.get("torn")).toBeNull();
    expect(await b.increment("counter")).toBe(3);
    const c = new MemoryStore(clock, journal);
    expect(await c.get("counter")).toBe("3");
    rmSync(dir, { recursive: true, force: true });
  });
});
