// The case page shows the record the resident confirmed (fields, corrections, name), the
// conversation with the summary once, and the web chat's evidence behind the case's own access check.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { createPrismaCaseRepository } from "../../adapters/db/case-repository.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import { EvidenceFiles, evidenceDir } from "../../adapters/webchat/evidence-files.js";
import { zh } from "../../bot/texts.zh.js";
import { freshPostgres, skipPostgres, type TestDatabase } from "../support/services.js";
import { buildQueueApp } from "../support/queue-app.js";
import { MATIGOU, MIAOJIAPING, newCaseFixture } from "../support/queue-fixtures.js";

const ORIGIN = "http://localhost";
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe.skipIf(skipPostgres)("the case page's confirmed record and evidence", () => {
  let t: TestDatabase;
  let store: MemoryStore;
  let q: ReturnType<typeof buildQueueApp>;
  let app: Hono;
  let dataDir: string;

  async function login(username: string): Promise<string> {
    const res = await app.request("/console/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams({ username, password: "correct horse battery" }).toString(),
    });
    expect(res.status).toBe(303);
    return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  }

  beforeAll(async () => {
    t = await freshPostgres();
    store = new MemoryStore();
    dataDir = await mkdtemp(join(tmpdir(), "yizhan-record-"));
    q = buildQueueApp(t.db, store, { dataDir });
    app = q.app;
    await q.addStaff("wang", "correct horse battery", "mediator", MIAOJIAPING.id, "王芳");
    await q.addStaff("li", "correct horse battery", "mediator", MATIGOU.id, "李强");
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await t?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("shows other party, since, attempts, wish, name and the correction; the summary once; the photo to staff who may see the case", async () => {
    const saved = await new EvidenceFiles(evidenceDir(dataDir)).save(PNG);
    if (!saved.ok) throw new Error("PNG refused");
    const base = newCaseFixture({ township: MIAOJIAPING });
    const at = new Date("2026-11-26T17:30:00Z");
    const summary = (who: string) => `${zh.summaryTitle}\n对方：${who}`;
    const filed = await q.deps.service.fileCase({
      ...base,
      triage: { ...base.triage, facts: { ...base.triage.facts, otherParty: { text: "邻居", relation: "neighbor" } } },
      confirmedFacts: {
        otherParty: { text: "张大海", relation: "neighbor" },
        duration: { days: 365, text: "去年秋天" },
        attempts: [{ kind: "village_committee", text: "村委会调解过一次" }],
        wants: "把排水管改走",
      },
      messages: [
        { from: "resident", text: base.story, at },
        { from: "bot", text: summary("邻居"), at },
        { from: "resident", text: "对方是邻居张大海", at },
        { from: "bot", text: summary("邻居张大海"), at },
      ],
      evidence: [{ kind: "photo", ref: saved.ref, name: "院子.png", at }],
    });
    const cookie = await login("wang");
    const page = await (await app.request(`/console/cases/${filed.number}`, { headers: { cookie } })).text();
    expect(page).toContain('data-testid="other-party">张大海（邻居）');
    expect(page).toContain("核对时更正，原记为“邻居”");
    expect(page).toContain('data-testid="since">去年秋天');
    expect(page).toContain('data-testid="attempts">村委会调解过一次');
    expect(page).toContain('data-testid="wants">把排水管改走');
    expect(page).toContain('data-testid="name">张先生');
    expect(page.split(zh.summaryTitle)).toHaveLength(2); // the full summary once, the last one
    expect(page).toContain("对方：邻居张大海");
    expect(page).toContain('class="case-no"');
    expect(page).toContain("2026/11/27 01:30");

    const link = /href="(\/console\/cases\/[^"]+\/evidence\/0)"/.exec(page)?.[1];
    expect(link).toBeDefined();
    const photo = await app.request(link!, { headers: { cookie } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(PNG);

    const other = await app.request(link!, { headers: { cookie: await login("li") } });
    expect(other.status).toBe(403);
    expect((await app.request(link!)).status).toBe(303);
    expect((await app.request(`/console/cases/${filed.number}/evidence/5`, { headers: { cookie } })).status).toBe(404);
  });

  it("shows a place told after filing (in crisis) in the confirmed record, not 未说明", async () => {
    const filed = await q.deps.service.fileCase(newCaseFixture({ township: MIAOJIAPING }));
    await createPrismaCaseRepository(t.db.prisma).updateContact(filed.id, { place: { text: "苗家坪镇 我娘家门口的河边", townshipId: MIAOJIAPING.id, villageId: null } }, { actorId: null, action: "contact_updated", detail: { fields: ["place"], by: "resident" } });
    const page = await (await app.request(`/console/cases/${filed.number}`, { headers: { cookie: await login("wang") } })).text();
    expect(page).toContain('data-testid="place">苗家坪镇 我娘家门口的河边');
  });
});
