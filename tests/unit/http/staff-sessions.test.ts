// Staff sessions in the store: versioned JSON parsed with a schema; another version or shape is dropped.
import { describe, expect, it } from "vitest";
import { createSessionStore } from "../../../adapters/http/auth/sessions.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";

describe("staff sessions", () => {
  it("read back what was created, and drop a stored session of another version or shape", async () => {
    const store = new MemoryStore();
    const sessions = createSessionStore(store);
    const { id, session } = await sessions.create("staff-1");
    expect(await sessions.read(id)).toEqual(session);
    for (const stored of [{ version: 2, session }, { version: 1, session: { staffId: 7, csrf: "x" } }, session, "garbage"]) {
      await store.set(`staff-session:${id}`, JSON.stringify(stored));
      expect(await sessions.read(id)).toBeNull();
    }
    await store.close();
  });
});
