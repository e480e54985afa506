import { describe, expect, it } from "vitest";
import { batched } from "../../../adapters/db/batched.js";

/** A writer whose writes finish only when the test says so; it records every group it was given. */
function heldWriter(fail: (item: number) => boolean = () => false) {
  const groups: number[][] = [];
  const pending: (() => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      groups.push(items);
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      pending.push(() => {
        running -= 1;
        if (items.some(fail)) reject(new Error(`bad item in ${items.join(",")}`));
        else resolve(items.map((i) => `filed ${i}`));
      });
    });
  const finishAll = async () => {
    // Finish what is running until nothing is left (a finished write lets waiting items go).
    for (let rounds = 0; rounds < 100; rounds++) {
      await new Promise((r) => setImmediate(r));
      if (pending.length === 0) return;
      for (const finish of pending.splice(0)) finish();
    }
  };
  return { write, groups, finishAll, mostAtOnce: () => mostAtOnce };
}

describe("batched", () => {
  it("a lone call is written at once, alone", async () => {
    const w = heldWriter();
    const one = batched(w.write, { maxItems: 50, maxInFlight: 4 });
    const answer = one(7);
    await w.finishAll();
    expect(await answer).toBe("filed 7");
    expect(w.groups).toEqual([[7]]);
  });

  it("a few calls made together, with writers free, each go alone at once", async () => {
    const w = heldWriter();
    const one = batched(w.write, { maxItems: 50, maxInFlight: 4 });
    const answers = Promise.all([1, 2, 3].map((i) => one(i)));
    await w.finishAll();
    expect(await answers).toEqual(["filed 1", "filed 2", "filed 3"]);
    expect(w.groups).toEqual([[1], [2], [3]]);
  });

  it("calls made together go in groups spread over the writers, the rest when a writer is free", async () => {
    const w = heldWriter();
    const one = batched(w.write, { maxItems: 4, maxInFlight: 2 });
    const answers = Array.from({ length: 10 }, (_, i) => one(i));
    await w.finishAll();
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 10 }, (_, i) => `filed ${i}`));
    expect(w.groups).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(w.mostAtOnce()).toBe(2);
  });

  it("a failing group is written again item by item: only the bad item's caller fails", async () => {
    const w = heldWriter((i) => i === 2);
    const one = batched(w.write, { maxItems: 50, maxInFlight: 1 });
    const answers = Promise.allSettled([1, 2, 3].map((i) => one(i)));
    await w.finishAll();
    const settled = await answers;
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(settled[1]).toMatchObject({ reason: new Error("bad item in 2") });
    expect(w.groups).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it("a write that answers for the wrong number of items fails its callers", async () => {
    const one = batched(async (items: number[]) => items.slice(1), { maxItems: 50, maxInFlight: 1 });
    await expect(one(1)).rejects.toThrow("a write of 1 items answered 0");
  });
});
