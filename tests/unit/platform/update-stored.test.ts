import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { TooManyConcurrentUpdates, updateStored } from "../../../adapters/store/update-stored.js";

const append = (item: string) => (raw: string | null) => {
  const list: string[] = raw === null ? [] : (JSON.parse(raw) as string[]);
  return { result: list.length, write: { value: JSON.stringify([...list, item]) } };
};

describe("updateStored", () => {
  it("decides again on what another process wrote meanwhile, so neither entry is lost", async () => {
    const store = new MemoryStore();
    let interfered = false;
    await updateStored(store, "k", "list", 5, async (raw) => {
      if (!interfered) {
        interfered = true;
        await store.set("k", JSON.stringify(["other"])); // another process writes between read and write
      }
      return append("mine")(raw);
    });
    expect(JSON.parse((await store.get("k"))!)).toEqual(["other", "mine"]);
  });

  it("writes nothing when the decision has nothing to write", async () => {
    const store = new MemoryStore();
    await store.set("k", "[]");
    const result = await updateStored(store, "k", "list", 5, () => ({ result: "unchanged" }));
    expect(result).toBe("unchanged");
    expect(await store.get("k")).toBe("[]");
  });

  it("gives up with a named error after the tries it was given, never overwriting", async () => {
    const store = new MemoryStore();
    let n = 0;
    const attempt = updateStored(store, "k", "list", 3, async (raw) => {
      await store.set("k", JSON.stringify([`other-${n++}`])); // every attempt loses the race
      return append("mine")(raw);
    });
    await expect(attempt).rejects.toBeInstanceOf(TooManyConcurrentUpdates);
    expect(n).toBe(3);
    expect(JSON.parse((await store.get("k"))!)).toEqual(["other-2"]);
  });
});
