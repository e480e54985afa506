// A case row whose stored triage cannot be read, on real PostgreSQL: the detail, the API and the
// console say so in Chinese, the case keeps its red colour (never a made-up blue), and the log
// has one line with the case number, the field and the version found.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { createLogger } from "../../adapters/logger.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import type { CaseDetail } from "../../queue/ports.js";
import { freshPostgres, skipPostgres, type TestDatabase } from "../support/services.js";
import { buildQueueApp } from "../support/queue-app.js";
import { MIAOJIAPING, newCaseFixture, triageFixture } from "../support/queue-fixtures.js";

describe.skipIf(skipPostgres)("unreadable stored case JSON on PostgreSQL", () => {
  let t: TestDatabase;
  let store: MemoryStore;
  let q: ReturnType<typeof buildQueueApp>;
  let app: Hono;
  const lines: Record<string, unknown>[] = [];
  let cookie: string;

  const unreadableLogs = (caseNumber: string) => lines.filter((l) => l.caseNumber === caseNumber && l.msg === "stored case JSON could not be read; staff are shown it as unreadable");
  const apiCase = async (number: string) => ((await (await app.request(`/api/cases/${number}`, { headers: { cookie } })).json()) as { case: CaseDetail }).case;
  const consolePage = async (number: string) => (await app.request(`/console/cases/${number}`, { headers: { cookie } })).text();

  beforeAll(async () => {
    t = await freshPostgres();
    store = new MemoryStore();
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) });
    q = buildQueueApp(t.db, store, { logger: createLogger({ log: { level: "info", format: "json" } }, sink) });
    app = q.app;
    await q.addStaff("boss", "correct horse battery", "political_legal_secretary", null, "政法委刘书记");
    const res = await app.request("/api/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "boss", password: "correct horse battery" }) });
    expect(res.status).toBe(200);
    cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await t?.dispose();
  });

  it("reads a sound row of the current version exactly as filed, with nothing unreadable", async () => {
    const filed = await q.deps.service.fileCase(newCaseFixture({ color: "red", township: MIAOJIAPING }));
    const detail = await apiCase(filed.number);
    expect(detail.unreadable).toEqual([]);
    expect(detail.triage).toEqual(JSON.parse(JSON.stringify(triageFixture({ color: "red", township: MIAOJIAPING }))));
    expect(detail.parties).toEqual([{ role: "applicant", text: "张先生" }]);
    expect(detail.facts).toEqual({ attempts: [], township: MIAOJIAPING });
    expect(await consolePage(filed.number)).not.toContain('data-testid="unreadable"');
    expect(unreadableLogs(filed.number)).toEqual([]);
  });

  it("a triage of another version: reported to staff and logged once; the case stays red", async () => {
    const filed = await q.deps.service.fileCase(newCaseFixture({ color: "red", township: MIAOJIAPING }));
    await t.db.prisma.$executeRaw`UPDATE "Case" SET "triage" = '{"version": 2, "triage": {"colour": "red", "reading": [1, 2]}}'::jsonb WHERE "id" = ${filed.id}`;

    const detail = await apiCase(filed.number);
    expect(detail.color).toBe("red");
    expect(detail.triage).toBeNull();
    expect(detail.unreadable).toEqual([{ field: "triage", version: 2, notice: "此案件的分诊记录无法读取（版本 2），请人工核对风险颜色。" }]);

    const page = await consolePage(filed.number);
    expect(page).toContain("此案件的分诊记录无法读取（版本 2），请人工核对风险颜色。");
    expect(page).toContain('<span class="badge c-red">');
    expect(page).not.toContain('<span class="badge c-blue">');

    const logged = unreadableLogs(filed.number);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, caseNumber: filed.number, field: "triage", versionFound: 2, versionExpected: 1 });
    // No personal data in the line: neither the story nor the phone number.
    expect(JSON.stringify(logged[0])).not.toMatch(/13812345678|排水管|张先生/);
  });

  it("garbage in the triage, facts and parties columns: each reported, the rest of the case still shown", async () => {
    const filed = await q.deps.service.fileCase(newCaseFixture({ color: "red", township: MIAOJIAPING }));
    await t.db.prisma.$executeRaw`UPDATE "Case" SET "triage" = '"garbage"'::jsonb, "facts" = '[1, 2, 3]'::jsonb, "parties" = '{"who": "?"}'::jsonb WHERE "id" = ${filed.id}`;

    const detail = await apiCase(filed.number);
    expect(detail.color).toBe("red");
    expect(detail.status).toBe("queued");
    expect(detail.story).toContain("排水管");
    expect(detail.unreadable.map((u) => [u.field, u.version])).toEqual([["triage", null], ["facts", null], ["parties", null]]);
    expect(detail.unreadable[0]!.notice).toBe("此案件的分诊记录无法读取（未标版本），请人工核对风险颜色。");
    const page = await consolePage(filed.number);
    for (const u of detail.unreadable) expect(page).toContain(u.notice);
    expect(page).not.toContain('<span class="badge c-blue">');

    await apiCase(filed.number);
    expect(unreadableLogs(filed.number).map((l) => l.field)).toEqual(["triage", "facts", "parties"]);
  });

  it("an audit entry whose detail is not an object is marked unreadable, not dropped", async () => {
    const filed = await q.deps.service.fileCase(newCaseFixture({ color: "orange", township: MIAOJIAPING }));
    await t.db.prisma.$executeRaw`INSERT INTO "CaseAudit" ("caseId", "actorId", "action", "detail", "at") VALUES (${filed.id}, NULL, 'record_updated', '[1, 2]'::jsonb, now())`;
    const res = await app.request(`/api/cases/${filed.number}`, { headers: { cookie } });
    const view = (await res.json()) as { audit: { action: string; detail: unknown; unreadable?: true }[] };
    expect(view.audit.find((a) => a.action === "record_updated")).toMatchObject({ detail: {}, unreadable: true });
    expect(view.audit.find((a) => a.action === "filed")?.unreadable).toBeUndefined();
    expect(await consolePage(filed.number)).toContain("（留痕内容无法读取）");
    expect(lines.some((l) => l.caseId === filed.id && l.field === "audit_detail")).toBe(true);
  });
});
