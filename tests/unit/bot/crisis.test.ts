// The crisis mode (bot/crisis.ts): the hotlines by kind of danger, exactly-once transcripts and
// contact updates on a replayed turn, and the anonymous record when consent is refused.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isGroundedRed } from "../../../nlp/risk.js";
import { crisisHelp, dangersOf } from "../../../bot/crisis.js";
import type { OutboundMessage } from "../../../bot/types.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import type { SetOptions } from "../../../adapters/store/key-value-store.js";
import { nlp, testIntake } from "../../support/conversations.js";

const text = (t: string) => ({ kind: "text" as const, text: t });
const said = (replies: OutboundMessage[]) => replies.map((r) => r.text).join("\n");
const risk = (t: string) => nlp().triager.triage(t).risk;

class FlakyStore extends MemoryStore {
  failSessionWrites = 0;
  override async compareAndSet(key: string, expected: string | null, value: string, options?: SetOptions): Promise<boolean> {
    if (key.startsWith("intake:session:") && this.failSessionWrites > 0) {
      this.failSessionWrites--;
      throw new Error("connection lost");
    }
    return super.compareAndSet(key, expected, value, options);
  }
}

describe("crisis hotlines", () => {
  it("gives 110 first, not the psychological hotline text, for a threat against someone else", () => {
    const help = crisisHelp("zh", risk("隔壁老王再占我家地，我今晚就拿刀去砍了他"));
    expect(help.startsWith("现在最要紧的是谁都不要受伤")).toBe(true);
    expect(help).toContain("110");
    expect(help).not.toContain("12356");
  });

  it("tells a resident who is threatened how to get safe, not to hold back", () => {
    const help = crisisHelp("zh", risk("他说要杀了我，还拿着刀在门口转"));
    expect(help).toContain("110");
    expect(help).not.toContain("别动手");
  });

  it("reads a threat someone else made against the resident's family as danger to them, and the resident's own as a threat", () => {
    for (const reported of [
      "我儿子班上几个男生天天打他，还说再告诉老师就弄死他",
      "那家人放话了，要是再去告就把俺娃的腿打断",
      "催收的打电话威胁说不还钱就砍死我女儿",
      "他们扬言明天来把我男人弄死",
    ]) {
      const help = crisisHelp("zh", risk(reported));
      expect(help, reported).toContain("110");
      expect(help, reported).not.toContain("别动手");
    }
    for (const own of ["我跟他说了，再来我家闹我就弄死他", "俺说了俺非砍了他不可，刀都磨好了"]) {
      expect(crisisHelp("zh", risk(own)), own).toContain("别动手");
    }
  });

  it("gives 110 and a way to hide for violence under way, and 12356 when self-harm is said too", () => {
    expect(dangersOf(risk("他现在正在打我，我躲在厕所里")).has("violence")).toBe(true);
    const both = crisisHelp("zh", risk("老公天天喝酒打我，我实在受不了了，不想活了"));
    expect(both.indexOf("110")).toBeLessThan(both.indexOf("12356"));
  });

  it("gives 110, 120 and 12356 for self-harm, in English too", () => {
    expect(crisisHelp("zh", risk("我刚喝了农药"))).toMatch(/110.*120.*12356/s);
    expect(crisisHelp("en", risk("我刚喝了农药"))).toMatch(/110.*120.*12356/s);
  });
});

/** A message the model reads as red without one danger word (found in the fixtures, whatever the shipped model). */
function ungroundedRed(): string {
  const dir = join(import.meta.dirname, "../../fixtures/heldout-v7");
  for (const file of readdirSync(dir).sort()) {
    for (const line of readFileSync(join(dir, file), "utf8").split("\n").filter(Boolean)) {
      const t = (JSON.parse(line) as { text: string }).text;
      const r = risk(t);
      if (r.color === "red" && !isGroundedRed(r) && r.ask && /[\u4e00-\u9fff]{8}/.test(t)) return t;
    }
  }
  throw new Error("no ungrounded red in the fixtures");
}

/** A resident who consented and told an ungrounded red: filed, and asked the safety question first. */
async function filedUngroundedRed(residentKey: string) {
  const { intake } = testIntake(new MemoryStore());
  const who = { residentKey, channel: "webchat" as const };
  await intake.handle(who, text("你好"));
  await intake.handle(who, text("同意"));
  await intake.handle(who, text(ungroundedRed()));
  return { intake, who };
}

describe("a red read without a danger word", () => {
  it("is filed at once, and the crisis mode asks first whether anyone is in danger; a no ends it", async () => {
    const { intake, desk } = testIntake(new MemoryStore());
    const who = { residentKey: "webchat:unsure-red", channel: "webchat" as const };
    await intake.handle(who, text("你好"));
    await intake.handle(who, text("同意"));
    const first = await intake.handle(who, text(ungroundedRed()));
    expect(said(first)).toContain("紧急登记编号");
    const question = first.at(-1)!;
    expect(question.text).toContain("现在有没有人有危险");
    expect(question.buttons?.map((b) => b.value)).toEqual(["safety:yes", "safety:no"]);
    const no = said(await intake.handle(who, text("没有危险，就是想有人管管")));
    expect(no).toContain("谢谢您告诉我");
    expect(no).not.toContain("您现在在哪里");
    // Afterwards a message is added to the case as after any filing, not answered as a crisis.
    expect(said(await intake.handle(who, text("对方是我们村的王强")))).not.toContain("我在听");
    const c = await desk.repository.latestForResident(who.residentKey, false);
    expect(c?.color).toBe("red");
    const transcript = c!.messages.map((m) => m.text).join("\n");
    expect(transcript).toContain("现在有没有人有危险");
    expect(transcript).toContain("没有危险，就是想有人管管");
    expect(transcript).toContain("谢谢您告诉我");
  });

  it("an answer that is neither yes nor no gets the safety question once more, then the other questions", async () => {
    const { intake, who } = await filedUngroundedRed("webchat:unsure-red-other");
    const again = await intake.handle(who, text("县医院"));
    expect(said(again)).toContain("有一件事我还是想先问清楚");
    expect(again.at(-1)!.buttons?.map((b) => b.value)).toEqual(["safety:yes", "safety:no"]);
    // Not a third time: the talk goes on with where they are.
    expect(said(await intake.handle(who, text("上个月")))).toContain("您现在在哪里");
  });

  it("a yes keeps the crisis mode: the hotlines again, then where the resident is", async () => {
    const { intake, who } = await filedUngroundedRed("webchat:unsure-red-yes");
    const yes = said(await intake.handle(who, { kind: "button", value: "safety:yes" }));
    expect(yes).toContain("110");
    expect(yes).toContain("您现在在哪里");
  });
});

describe("crisis mode on the runner", () => {
  it("a crisis turn played again after a crash keeps each bot reply and the place once", async () => {
    const store = new FlakyStore();
    const { intake, desk } = testIntake(store);
    const who = { residentKey: "webchat:crisis-replay", channel: "webchat" as const };
    await intake.handle(who, text("你好"));
    await intake.handle(who, text("同意"));
    expect(said(await intake.handle(who, text("儿子不管我，我一个人活着没意思，想喝药")))).toContain("您现在在哪里");
    store.failSessionWrites = 1;
    await intake.handle(who, text("我在老君殿镇四马村"));
    const again = said(await intake.handle(who, text("没有人陪我")));
    expect(again).toContain("您现在身边有人陪着吗");
    const c = await desk.repository.latestForResident(who.residentKey, false);
    expect(c?.place).toBe("老君殿镇四马村");
    expect(c?.townshipId).toBe("laojundian");
    const bot = c!.messages.filter((m) => m.author === "bot").map((m) => m.text);
    expect(new Set(bot).size).toBe(bot.length);
    expect(bot.some((m) => m.includes("知道您在哪里了"))).toBe(true);
    const audits = (await desk.repository.auditTrail(c!.id)).filter((a) => a.action === "contact_updated");
    expect(audits).toHaveLength(1);
    expect(desk.events.filter((e) => e.type === "updated")).toHaveLength(1);
  });

  it("while a red filing is being retried, a new message still gets an answer with 110", async () => {
    const base = testIntake(new MemoryStore());
    let down = true;
    const flaky = { ...base.desk, fileCase: async (input: Parameters<typeof base.desk.fileCase>[0]) => (down ? Promise.reject(new Error("ECONNREFUSED")) : base.desk.fileCase(input)) };
    const { intake } = testIntake(new MemoryStore(), flaky as never);
    const who = { residentKey: "webchat:crisis-outage", channel: "webchat" as const };
    await intake.handle(who, text("你好"));
    await intake.handle(who, text("同意"));
    expect(said(await intake.handle(who, text("我刚喝了农药")))).toContain("正在自动重试");
    expect(said(await intake.handle(who, text("我好难受")))).toContain("一直在听");
    down = false;
    const filed = said(await intake.handle(who, text("我在老君殿镇四马村")));
    expect(filed).toContain("紧急登记编号");
    expect(filed).toContain("110");
  });

  it("refusing consent after a threat keeps no personal record, only an anonymous masked red one", async () => {
    const { intake, desk } = testIntake(new MemoryStore());
    const who = { residentKey: "telegram:refuser", channel: "telegram" as const };
    await intake.handle(who, text("我要拿刀把村主任砍了，我叫张大海，电话13912345678"));
    const refused = said(await intake.handle(who, text("不同意")));
    expect(refused).toContain("110");
    expect(await desk.repository.latestForResident(who.residentKey, false)).toBeNull();
    expect(await intake.sessions.load(who.residentKey).then((l) => l.session)).toBeNull();
    const [red] = await desk.repository.list({ colors: ["red"], limit: 5 });
    const record = await desk.repository.find(red!.id);
    expect(record).toMatchObject({ residentKey: "anonymous:telegram", residentPhone: null, residentName: null, urgent: true });
    expect(record!.story).not.toContain("13912345678");
    expect(record!.story).not.toContain("张大海");
    expect(JSON.stringify(record!.messages)).not.toContain("13912345678");
  });
});
