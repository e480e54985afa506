// One contract for every KeyValueStore implementation; run against memory and Redis.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KeyValueStore } from "../../adapters/store/key-value-store.js";

export function keyValueStoreContract(
  name: string,
  open: () => Promise<{ store: KeyValueStore; dispose(): Promise<void> }>,
  options: { skip?: boolean } = {},
): void {
  describe.skipIf(options.skip ?? false)(`KeyValueStore contract: ${name}`, () => {
    let store: KeyValueStore;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ store, dispose } = await open());
    });
    afterEach(async () => {
      await dispose();
    });

    it("stores, reads and deletes values, keeping Chinese text intact", async () => {
      expect(await store.get("a")).toBeNull();
      await store.set("a", "楼上漏水 😀");
      expect(await store.get("a")).toBe("楼上漏水 😀");
      expect(await store.delete("a")).toBe(true);
      expect(await store.delete("a")).toBe(false);
      expect(await store.get("a")).toBeNull();
    });

    it("writes setIfAbsent only once", async () => {
      expect(await store.setIfAbsent("lock", "first")).toBe(true);
      expect(await store.setIfAbsent("lock", "second")).toBe(false);
      expect(await store.get("lock")).toBe("first");
    });

    it("compareAndSet writes only over the expected value", async () => {
      expect(await store.compareAndSet("s", null, "v1")).toBe(true);
      expect(await store.compareAndSet("s", null, "v2")).toBe(false);
      expect(await store.compareAndSet("s", "v0", "v2")).toBe(false);
      expect(await store.compareAndSet("s", "v1", "v2")).toBe(true);
      expect(await store.get("s")).toBe("v2");
      await store.set("empty", "");
      expect(await store.compareAndSet("empty", null, "x")).toBe(false);
      expect(await store.compareAndSet("empty", "", "x")).toBe(true);
    });

    it("lets exactly one of many concurrent compareAndSet calls win", async () => {
      await store.set("v", "0");
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.compareAndSet("v", "0", `w${i}`)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("increments atomically from zero", async () => {
      const values = await Promise.all(Array.from({ length: 25 }, () => store.increment("n")));
      expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    });

    it("expires keys after their time to live", async () => {
      await store.set("t", "x", { ttlSeconds: 1 });
      const ttl = await store.ttlSeconds("t");
      expect(ttl).not.toBeNull();
      expect(ttl!).toBeGreaterThan(0);
      expect(ttl!).toBeLessThanOrEqual(1);
      expect(await store.ttlSeconds("missing")).toBeNull();
      await new Promise((r) => setTimeout(r, 1_100));
      expect(await store.get("t")).toBeNull();
    });

    it("delivers published messages to subscribers until they unsubscribe", async () => {
      const received: string[] = [];
      const unsubscribe = await store.subscribe("case:1", (m) => received.push(m));
      await store.publish("case:1", "调解员：您好");
      await waitFor(() => received.length === 1);
      expect(received).toEqual(["调解员：您好"]);
      await unsubscribe();
      await store.publish("case:1", "after");
      await new Promise((r) => setTimeout(r, 100));
      expect(received).toEqual(["调解员：您好"]);
    });

    it("answers ping", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting for condition");
    await new Promise((r) => setTimeout(r, 10));
  }
}
