// 相似案件 on a real database (PGlite or PostgreSQL), with the fixture model: the API and the case
// page list past cases near this one with how they ended, only those the viewer may open,
// masked as the viewer's role requires; `index` is incremental; without a model nothing changes.
import type { Hono } from "hono";
import { expect, it } from "vitest";
import { createPrismaEmbeddingStore } from "../../adapters/db/embedding-repository.js";
import type { Database } from "../../adapters/db/database.js";
import { createEmbeddingsReader, type EmbeddingsReader } from "../../adapters/embeddings/reader.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import type { SimilarCase } from "../../queue/similar-cases.js";
import { FIXTURE_DIR } from "../../scripts/embeddings-fixture/build.js";
import { buildQueueApp, sharedTriage } from "./queue-app.js";
import { MATIGOU, MIAOJIAPING, newCaseFixture } from "./queue-fixtures.js";

const PASSWORD = "correct horse battery";

export function similarCasesContract(database: () => Database): void {
  let reader: EmbeddingsReader;
  let q: ReturnType<typeof buildQueueApp>;
  let app: Hono;
  const numbers: Record<string, string> = {};

  async function login(username: string): Promise<string> {
    const res = await app.request("/api/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: PASSWORD }) });
    expect(res.status).toBe(200);
    return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  }
  const similar = async (cookie: string, ref: string) => {
    const res = await app.request(`/api/cases/${ref}/similar`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as { enabled: boolean; cases?: SimilarCase[]; error?: string } };
  };

  it("lists past cases near this one with how they ended, as the viewer may see them", async () => {
    const db = database();
    reader = createEmbeddingsReader({ modelDir: FIXTURE_DIR, knowledge: sharedTriage().knowledge, store: createPrismaEmbeddingStore(db.prisma) });
    q = buildQueueApp(db, new MemoryStore(), { embeddings: reader });
    app = q.app;
    const wang = await q.addStaff("wang", PASSWORD, "mediator", MIAOJIAPING.id, "王芳");
    await q.addStaff("li", PASSWORD, "mediator", MIAOJIAPING.id, "李强");
    const zhou = await q.addStaff("zhou", PASSWORD, "centre_director", null, "周主任");
    await q.addStaff("ma", PASSWORD, "township_secretary", MATIGOU.id, "马书记");
    const asActor = (x: typeof wang) => ({ id: x.id, role: x.role, displayName: x.displayName, townshipId: x.townshipId });
    const s = q.deps.service;

    const file = async (key: string, story: string, township = MIAOJIAPING) =>
      (numbers[key] = (await s.fileCase(newCaseFixture({ story, township, residentKey: `webchat:${key}` }))).number);
    const resolve = async (key: string, outcome: string, actor = asActor(wang)) => {
      expect((await s.claim(actor, numbers[key]!)).ok).toBe(true);
      expect((await s.changeStatus(actor, numbers[key]!, { event: "start" })).ok).toBe(true);
      expect((await s.changeStatus(actor, numbers[key]!, { event: "resolve", outcome })).ok).toBe(true);
    };
    await file("now", "邻居家的狗天天半夜叫，吵得我们全家睡不着觉");
    await file("dog", "邻居养的狗整夜叫个不停，吵得睡不着，我电话13812345678");
    await resolve("dog", "双方协商：邻居夜里把狗关进屋里，回访13812345678确认已安静");
    await file("far", "邻居家的狗半夜一直叫，吵得睡不着觉", MATIGOU);
    await resolve("far", "马蹄沟镇调委会调解，邻居给狗加装止吠器", asActor(zhou));
    await file("wages", "工地老板拖欠我们八个月工资不给");
    await resolve("wages", "劳动监察责令支付工资");
    await file("open", "邻居的狗半夜叫得全家睡不着");

    const report = await reader.index();
    expect(report.cases.embedded).toBe(5);

    const li = await login("li");
    const seen = await similar(li, numbers.now!);
    expect(seen.status).toBe(200);
    expect(seen.body.enabled).toBe(true);
    const listed = seen.body.cases!.map((c) => c.number);
    expect(listed[0]).toBe(numbers.dog);
    expect(listed).not.toContain(numbers.now); // itself
    expect(listed).not.toContain(numbers.open); // no outcome yet
    expect(listed).not.toContain(numbers.far); // another township
    const dog = seen.body.cases![0]!;
    expect(dog.status).toBe("resolved");
    expect(dog.outcome).toContain("邻居夜里把狗关进屋里");
    // li neither claimed that case nor directs the centre: its phone numbers stay masked.
    expect(JSON.stringify(seen.body)).not.toContain("13812345678");
    expect(dog.outcome).toContain("138****5678");
    expect(dog.headline).toContain("138****5678");

    // The county-wide director sees the other township's case too, and the claimant's own case's outcome unmasked.
    const director = await similar(await login("zhou"), numbers.now!);
    expect(director.body.cases!.map((c) => c.number)).toContain(numbers.far);
    const claimant = await similar(await login("wang"), numbers.now!);
    expect(claimant.body.cases!.find((c) => c.number === numbers.dog)!.outcome).toContain("13812345678");
    // A case out of the viewer's jurisdiction is not opened at all.
    expect((await similar(await login("ma"), numbers.now!)).status).toBe(403);

    const page = await (await app.request(`/console/cases/${numbers.now}`, { headers: { cookie: li } })).text();
    expect(page).toContain("相似案件");
    expect(page).toContain(numbers.dog);
    expect(page).not.toContain(numbers.far);
    expect(page).not.toContain("13812345678");
  });

  it("indexes only new cases, and a case filed since is embedded when first asked about", async () => {
    expect((await reader.index()).cases.embedded).toBe(0);
    const fresh = (await q.deps.service.fileCase(newCaseFixture({ story: "邻居的狗每天夜里叫，吵得孩子睡不着", township: MIAOJIAPING, residentKey: "webchat:fresh" }))).number;
    const answer = await similar(await login("li"), fresh);
    expect(answer.body.cases![0]!.number).toBe(numbers.dog);
    expect((await reader.index()).cases.embedded).toBe(0);
    const rows = await database().prisma.embedding.count({ where: { kind: "case" } });
    expect(rows).toBe(6);
  });

  it("without a model: the API says it is off and the case page has no section", async () => {
    const plain = buildQueueApp(database(), new MemoryStore());
    const res = await plain.app.request("/api/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "li", password: PASSWORD }) });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    const off = await plain.app.request(`/api/cases/${numbers.now}/similar`, { headers: { cookie } });
    expect(await off.json()).toEqual({ enabled: false });
    const page = await (await plain.app.request(`/console/cases/${numbers.now}`, { headers: { cookie } })).text();
    expect(page).not.toContain("相似案件");
  });
}
