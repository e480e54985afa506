// Case events over the store's pub/sub: one versioned message; another version or garbage is
// logged with the channel and skipped, never handed to the console or the staff chat.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../adapters/logger.js";
import { CASE_EVENTS_CHANNEL, CASE_EVENT_VERSION, storeCaseEvents, subscribeCaseEvents } from "../../../adapters/store/case-events.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import type { CaseEvent } from "../../../queue/ports.js";

const event: CaseEvent = {
  type: "filed",
  caseId: "6f1c2a9e-1111-4222-8333-944455556666",
  number: "ZZ-2026-000007",
  color: "red",
  status: "queued",
  townshipId: "matigou",
  ownerRole: "political_legal_secretary",
  at: "2026-03-01T08:00:00.000Z",
};

describe("case events on the store", () => {
  it("are published as the current version's message and read back", async () => {
    const store = new MemoryStore();
    const raw: string[] = [];
    const got: CaseEvent[] = [];
    await store.subscribe(CASE_EVENTS_CHANNEL, (m) => void raw.push(m));
    await subscribeCaseEvents(store, createLogger({ log: { level: "silent", format: "json" } }), async (e) => void got.push(e));
    await storeCaseEvents(store).publish(event);
    await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(raw[0]!)).toEqual({ version: CASE_EVENT_VERSION, event });
    expect(got).toEqual([event]);
    await store.close();
  });

  it("skip and log a message of another version, the unversioned layout, or garbage", async () => {
    const store = new MemoryStore();
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) });
    const got: CaseEvent[] = [];
    await subscribeCaseEvents(store, createLogger({ log: { level: "info", format: "json" } }, sink), async (e) => void got.push(e));
    for (const message of [{ version: 2, event }, event, { version: 1, event: { ...event, color: "crimson" } }]) await store.publish(CASE_EVENTS_CHANNEL, JSON.stringify(message));
    await store.publish(CASE_EVENTS_CHANNEL, "not json");
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual([]);
    expect(lines.filter((l) => l.channel === CASE_EVENTS_CHANNEL && l.msg === "ignored a malformed message")).toHaveLength(4);
    await store.close();
  });
});
