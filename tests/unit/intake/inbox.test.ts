// Every resident message is kept before the dialogue runs (adapters/intake/inbox.ts): a turn that
// fails is played again, in order, exactly once, by the next message or the recovery job, and a
// message id seen before has one effect. The resident never reads "记下了" for a message not kept.
import { describe, expect, it } from "vitest";
import { RESIDENT_NOTICE_CHANNEL } from "../../../adapters/intake/resident-notices.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import type { SetOptions } from "../../../adapters/store/key-value-store.js";
import type { OutboundMessage } from "../../../bot/types.js";
import type { CaseDesk } from "../../../queue/case-desk.js";
import type { MemoryCaseDesk } from "../../../queue/memory-case-desk.js";
import { testCaseDesk, testIntake } from "../../support/conversations.js";

const text = (t: string) => ({ kind: "text" as const, text: t });
const said = (replies: OutboundMessage[]) => replies.map((r) => r.text).join("\n");
const KEPT = "已经记下了";
const NOT_RECEIVED = "没能收到";

/** A store whose next writes of a given kind fail, as when Redis drops mid-turn. */
class FlakyStore extends MemoryStore {
  failSessionWrites = 0;
  failInboxWrites = 0;
  override async compareAndSet(key: string, expected: string | null, value: string, options?: SetOptions): Promise<boolean> {
    if (key.startsWith("intake:session:") && this.failSessionWrites > 0) {
      this.failSessionWrites--;
      throw new Error("connection lost");
    }
    if (key.startsWith("intake:inbox:") && this.failInboxWrites > 0) {
      this.failInboxWrites--;
      throw new Error("connection lost");
    }
    return super.compareAndSet(key, expected, value, options);
  }
}

/** The queue's desk with appends failing while `down` (the database is unreachable). */
function deskWithOutage(desk: MemoryCaseDesk) {
  const state = { down: false, appends: 0 };
  const flaky: CaseDesk = {
    ...desk,
    async appendResidentMessage(caseNumber, message, key) {
      state.appends++;
      if (state.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      return desk.appendResidentMessage(caseNumber, message, key);
    },
  };
  return { flaky, state };
}

/** Intake up to a filed red case (the fastest way to hand-off), returning the case's messages. */
async function handedOff(store: MemoryStore, who: { residentKey: string; channel: "webchat" }, caseDesk?: CaseDesk) {
  const desk = testCaseDesk();
  const { intake } = testIntake(store, (caseDesk ?? desk) as never);
  await intake.handle(who, text("你好"));
  await intake.handle(who, text("同意"));
  const filed = said(await intake.handle(who, text("他拿着刀在门口说要砍死我全家")));
  expect(filed).toContain("交给中心工作人员");
  return { intake, desk };
}

/** What the resident wrote after hand-off (the story itself is the case's first message). */
async function residentMessages(desk: MemoryCaseDesk, residentKey: string): Promise<string[]> {
  const c = await desk.repository.latestForResident(residentKey, false);
  return (c?.messages ?? []).filter((m) => m.author === "resident").map((m) => m.text).slice(1);
}

describe("the inbox", () => {
  it("a turn that fails after its effect ran is played again once: the case gets the message once, in order", async () => {
    const store = new FlakyStore();
    const who = { residentKey: "webchat:inbox-crash", channel: "webchat" as const };
    const { intake, desk } = await handedOff(store, who);

    store.failSessionWrites = 1;
    const first = said(await intake.handle(who, text("他刚才又打电话来威胁我")));
    expect(first).toContain(KEPT);
    expect(first).not.toContain(NOT_RECEIVED);

    await intake.handle(who, text("我现在去派出所报警"));
    const messages = await residentMessages(desk, who.residentKey);
    expect(messages.filter((m) => m === "他刚才又打电话来威胁我")).toHaveLength(1);
    expect(messages.indexOf("他刚才又打电话来威胁我")).toBeLessThan(messages.indexOf("我现在去派出所报警"));
  });

  it("a message id seen before has one effect", async () => {
    const store = new MemoryStore();
    const who = { residentKey: "telegram:inbox-replay", channel: "webchat" as const };
    const { intake, desk } = await handedOff(store, who);
    const again = { messageId: "bot:1001" };
    expect(said(await intake.handle(who, text("我把照片也准备好了"), again))).not.toBe("");
    expect(await intake.handle(who, text("我把照片也准备好了"), again)).toEqual([]);
    expect(await residentMessages(desk, who.residentKey)).toEqual(["我把照片也准备好了"]);
  });

  it("the recovery job plays a kept message when the database is back, and tells the resident", async () => {
    const store = new MemoryStore();
    const who = { residentKey: "webchat:inbox-recover", channel: "webchat" as const };
    const desk = testCaseDesk();
    const { flaky, state } = deskWithOutage(desk);
    const { intake } = await handedOff(store, who, flaky);
    const notices: { residentKey: string; replies: OutboundMessage[] }[] = [];
    await store.subscribe(RESIDENT_NOTICE_CHANNEL, (raw) => notices.push(JSON.parse(raw) as (typeof notices)[number]));

    state.down = true;
    expect(said(await intake.handle(who, text("对方刚才把我家玻璃砸了")))).toContain(KEPT);
    expect(await intake.recover(0)).toMatchObject({ replayed: 0, waiting: 1 });
    // A fresh message is not the job's business: its own turn may be running.
    state.down = false;
    expect(await intake.recover(60_000)).toMatchObject({ replayed: 0, waiting: 1 });
    expect(await intake.recover(0)).toMatchObject({ replayed: 1, waiting: 0 });
    expect(await residentMessages(desk, who.residentKey)).toEqual(["对方刚才把我家玻璃砸了"]);
    await new Promise((r) => setTimeout(r, 10));
    expect(notices.map((n) => n.residentKey)).toEqual([who.residentKey]);
    expect(notices[0]!.replies.length).toBeGreaterThan(0);
    expect(await intake.recover(0)).toMatchObject({ replayed: 0, waiting: 0 });
  });

  it("a message that could not be kept is reported as not received, and the same id may be sent again", async () => {
    const store = new FlakyStore();
    const who = { residentKey: "webchat:inbox-unkept", channel: "webchat" as const };
    const { intake, desk } = await handedOff(store, who);
    store.failInboxWrites = 1;
    const reply = said(await intake.handle(who, text("他又来了"), { messageId: "page-msg-1" }));
    expect(reply).toContain(NOT_RECEIVED);
    expect(reply).not.toContain(KEPT);
    expect(await residentMessages(desk, who.residentKey)).toEqual([]);
    await intake.handle(who, text("他又来了"), { messageId: "page-msg-1" });
    expect(await residentMessages(desk, who.residentKey)).toEqual(["他又来了"]);
  });

  it("with the store down altogether the resident reads at once that the message was not received", async () => {
    const store = new MemoryStore();
    const down = new Proxy(store, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== "function" || prop === "subscribe" || prop === "publish") return value;
        return () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379"));
      },
    });
    const { intake } = testIntake(down);
    const reply = said(await intake.handle({ residentKey: "webchat:store-down", channel: "webchat" }, text("你好")));
    expect(reply).toContain(NOT_RECEIVED);
    expect(reply).not.toContain(KEPT);
  });

  it("an inbox that cannot be read is set aside, not silently emptied, and the conversation goes on", async () => {
    const store = new MemoryStore();
    const who = { residentKey: "webchat:inbox-garbage", channel: "webchat" as const };
    await store.set(`intake:inbox:${who.residentKey}`, "{not json");
    const { intake } = testIntake(store);
    expect(said(await intake.handle(who, text("你好")))).not.toBe("");
    expect(await store.get(`intake:inbox-unreadable:${who.residentKey}`)).toBe("{not json");
  });
});
