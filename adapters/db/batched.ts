// Group commit for writes that arrive together: calls made while earlier ones are still being written
// wait and go as one group, so a burst of 200 filings becomes a handful of statements instead of 200
// round trips, commits and server-side plans. A call that finds the writer idle goes at once, alone.

export interface BatchLimits {
  /** The most items one write carries. */
  maxItems: number;
  /** How many writes may run at once (each holds one database connection). */
  maxInFlight: number;
}

/**
 * Turns `write` (many items in one go, results in the same order) into a function of one item. When a
 * group fails, each of its items is written alone, so a bad item fails only its own caller.
 * @example const fileOne = batched((filings) => fileAll(filings), { maxItems: 50, maxInFlight: 4 });
 */
export function batched<I, O>(write: (items: I[]) => Promise<O[]>, limits: BatchLimits): (item: I) => Promise<O> {
  type Waiting = { item: I; resolve: (result: O) => void; reject: (error: unknown) => void };
  const waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  // Never rejects: every outcome goes to the callers.
  async function settle(group: Waiting[]): Promise<void> {
    let results: O[];
    try {
      results = await write(group.map((w) => w.item));
      if (results.length !== group.length) throw new Error(`a write of ${group.length} items answered ${results.length}`);
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error);
      else await Promise.all(group.map((w) => settle([w])));
      return;
    }
    group.forEach((w, i) => w.resolve(results[i]!));
  }

  function pump(): void {
    scheduled = false;
    while (inFlight < limits.maxInFlight && waiting.length > 0) {
      // Spread what waits over the free writers, so a burst uses them all.
      const size = Math.min(limits.maxItems, Math.ceil(waiting.length / (limits.maxInFlight - inFlight)));
      const group = waiting.splice(0, size);
      inFlight += 1;
      void settle(group).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      // Calls made in the same turn go together; no timer, so a lone call waits for nothing.
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(pump);
      }
    });
}
