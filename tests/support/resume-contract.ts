// The resume rules (issue 10, item 4) as one suite, run on the in-memory store and on Redis.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatResumeCode } from "../../bot/resume-code.js";
import { RESUME_NO, RESUME_YES } from "../../bot/resume.js";
import type { OutboundMessage } from "../../bot/types.js";
import { RESUME_DIGIT_TRIES, RESUME_MAX_FAILURES, type Intake } from "../../adapters/intake/intake.js";
import { relayResidentNotices } from "../../adapters/intake/resident-notices.js";
import type { KeyValueStore, Unsubscribe } from "../../adapters/store/key-value-store.js";
import { silentLogger, testIntake } from "./conversations.js";

type Who = { residentKey: string; channel: "telegram" | "webchat"; address?: string };
const tg = (id: string): Who => ({ residentKey: `telegram:${id}`, channel: "telegram" });
const web = (id: string, address?: string): Who => ({ residentKey: `webchat:${id}`, channel: "webchat", ...(address ? { address } : {}) });
const text = (replies: readonly OutboundMessage[]) => replies.map((r) => r.text).join("\n");

const STORY = "楼上邻居家卫生间漏水，把我家天花板泡坏了，我家住幸福路12号3单元";
const STORY_WITH_PHONE = `${STORY}，电话13812345678`;

export function resumeContract(name: string, open: () => Promise<{ store: KeyValueStore; dispose(): Promise<void> }>, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip ?? false)(`resume that cannot be hijacked: ${name}`, () => {
    let store: KeyValueStore;
    let dispose: () => Promise<void>;
    let intake: Intake;
    let notices: { residentKey: string; replies: OutboundMessage[] }[];
    let unsubscribe: Unsubscribe[];

    beforeEach(async () => {
      ({ store, dispose } = await open());
      ({ intake } = testIntake(store));
      notices = [];
      unsubscribe = [];
      for (const channel of ["telegram", "webchat"]) {
        unsubscribe.push(
          await relayResidentNotices({ store, logger: silentLogger(), channel, deliver: async (residentKey, replies) => void notices.push({ residentKey, replies }) }),
        );
      }
    });
    afterEach(async () => {
      for (const u of unsubscribe) await u();
      await dispose();
    });

    /** A telegram conversation past its story; returns the code as shown (grouped). */
    async function startOnTelegram(id: string, story = STORY): Promise<string> {
      await intake.handle(tg(id), { kind: "text", text: "你好" });
      const consent = await intake.handle(tg(id), { kind: "button", value: "consent:yes" });
      const shown = /续接码是 ([A-Z0-9-]+)/.exec(text(consent))?.[1];
      expect(shown).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      await intake.handle(tg(id), { kind: "text", text: story });
      return shown!;
    }

    /** The same conversation with a phone left and at the summary, as if the questions were answered. */
    async function withPhoneAtSummary(id: string): Promise<void> {
      const loaded = await intake.sessions.load(`telegram:${id}`);
      const session = loaded.session!;
      const next = { ...session, answers: { ...session.answers, contact: "phone" as const, phone: "13812345678", place: { text: "幸福路12号3单元", confirmed: false } }, stage: { kind: "confirming" as const } };
      expect(await intake.sessions.save(`telegram:${id}`, loaded.raw, next)).toBe(true);
    }

    async function noticeFor(residentKey: string): Promise<OutboundMessage[]> {
      for (let i = 0; i < 200; i++) {
        const found = notices.find((n) => n.residentKey === residentKey);
        if (found) return found.replies;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no notice for ${residentKey}`);
    }

    it("without a phone: the code only asks the original channel; the move happens on its yes", async () => {
      const code = await startOnTelegram("1");
      const asked = await intake.handle(web("w1"), { kind: "text", text: `/resume ${code.toLowerCase().replace(/-/g, " ")}` });
      expect(text(asked)).toContain("原来的对话");
      expect(text(asked)).not.toMatch(/漏水|幸福路|1381234/);
      // Nothing moved yet: the original conversation and the staff route stay where they were.
      expect((await intake.sessions.load("telegram:1")).session?.story).toContain("漏水");
      expect(await intake.sessions.route("telegram:1")).toBe("telegram:1");
      const waiting = await intake.handle(web("w1"), { kind: "text", text: "好了吗" });
      expect(text(waiting)).toContain("还在等您");

      const question = await noticeFor("telegram:1");
      expect(question[0]!.text).toBe("有人想在别处继续您的登记，是您本人吗？");
      expect(question[0]!.buttons?.map((b) => b.value)).toEqual([RESUME_YES, RESUME_NO]);

      const yes = await intake.handle(tg("1"), { kind: "button", value: RESUME_YES });
      expect(text(yes)).toContain("网页聊天");
      const resumed = await noticeFor("webchat:w1");
      expect(text(resumed)).toContain("接上");
      expect(text(resumed)).toContain("哪个乡镇");
      expect(text(resumed)).not.toContain("13812345678");
      expect((await intake.sessions.load("telegram:1")).session).toBeNull();
      expect((await intake.sessions.load("webchat:w1")).session?.story).toContain("漏水");
      expect((await intake.sessions.load("webchat:w1")).session?.resumePending).toBeUndefined();
      expect(await intake.sessions.route("telegram:1")).toBe("webchat:w1");
      // The answer is carried out once.
      const again = await intake.handle(tg("1"), { kind: "button", value: RESUME_YES });
      expect(text(again)).toContain("过期或已处理");
    });

    it("without the old device at hand, the matter told again ends the wait and is kept in a new conversation", async () => {
      const code = await startOnTelegram("5");
      await intake.handle(web("w5"), { kind: "text", text: `/resume ${code}` });
      const told = await intake.handle(web("w5"), { kind: "text", text: "我原来的手机丢了，楼上漏水把我家天花板泡坏了，想找人调解" });
      expect(text(told)).not.toContain("还在等您");
      const session = (await intake.sessions.load("webchat:w5")).session!;
      expect(session.resumePending).toBeUndefined();
      expect(`${session.story ?? ""}${session.heldStory ?? ""}`).toContain("天花板泡坏了");
      // The original conversation is untouched.
      expect((await intake.sessions.load("telegram:5")).session?.story).toContain("漏水");
    });

    it("a no on the original channel keeps everything where it was and tells the other side", async () => {
      const code = await startOnTelegram("2");
      await intake.handle(web("w2"), { kind: "text", text: `/resume ${code}` });
      await noticeFor("telegram:2");
      const no = await intake.handle(tg("2"), { kind: "button", value: RESUME_NO });
      expect(text(no)).toContain("没有转走");
      expect((await intake.sessions.load("telegram:2")).session?.story).toContain("漏水");
      expect(await intake.sessions.route("telegram:2")).toBe("telegram:2");
      const told = await noticeFor("webchat:w2");
      expect(text(told)).toContain("没有确认");
      expect(text(told)).not.toContain("漏水");
      expect((await intake.sessions.load("webchat:w2")).session?.resumePending).toBeUndefined();
    });

    it("with a phone: the last 4 digits come first, and the summary shown after resume is masked", async () => {
      const code = await startOnTelegram("3", STORY_WITH_PHONE);
      await withPhoneAtSummary("3");
      const asked = await intake.handle(web("w3"), { kind: "text", text: `续接代码 ${code}` });
      expect(text(asked)).toContain("最后 4 位");
      expect(text(asked)).not.toMatch(/漏水|幸福路/);
      const wrong = await intake.handle(web("w3"), { kind: "text", text: "0000" });
      expect(text(wrong)).toContain("不对");
      expect(text(wrong)).not.toMatch(/漏水|幸福路/);
      expect(await intake.sessions.route("telegram:3")).toBe("telegram:3");
      const right = await intake.handle(web("w3"), { kind: "text", text: "５６７８" });
      const shown = text(right);
      expect(shown).toContain("接上");
      expect(shown).toContain("漏水");
      expect(shown).not.toContain("13812345678");
      expect(shown).not.toContain("幸福路12号3单元");
      expect(shown).toContain("138****5678");
      expect(await intake.sessions.route("telegram:3")).toBe("webchat:w3");
      // The stored case record keeps what the resident said; only the display was masked.
      expect((await intake.sessions.load("webchat:w3")).session?.answers.phone).toBe("13812345678");
    });

    it(`${RESUME_MAX_FAILURES} wrong codes: the right one no longer works from that conversation until the cool-off ends`, async () => {
      const code = await startOnTelegram("4");
      for (let i = 0; i < RESUME_MAX_FAILURES - 1; i++) {
        const wrong = await intake.handle(web("w4"), { kind: "text", text: `/resume ${formatResumeCode("ABCDEFGHJK" + String(10 + i))}` });
        expect(text(wrong)).toContain("没找到");
      }
      const last = await intake.handle(web("w4"), { kind: "text", text: "/resume ZZZZ-ZZZZ-ZZZZ" });
      expect(text(last)).toContain("次数太多");
      const right = await intake.handle(web("w4"), { kind: "text", text: `/resume ${code}` });
      expect(text(right)).toContain("次数太多");
      expect(text(right)).toMatch(/\d+ 分钟后再试/);
      expect(text(right)).not.toMatch(/漏水|原来的对话/);
      expect(notices.some((n) => n.residentKey === "telegram:4")).toBe(false);
      expect(await intake.sessions.route("telegram:4")).toBe("telegram:4");
      // Another conversation is not punished for this one.
      const elsewhere = await intake.handle(web("w4b"), { kind: "text", text: `/resume ${code}` });
      expect(text(elsewhere)).toContain("原来的对话");
    });

    it("counts failures per client address across conversations when the channel knows it", async () => {
      const code = await startOnTelegram("5");
      for (let i = 0; i < RESUME_MAX_FAILURES; i++) await intake.handle(web(`rot${i}`, "203.0.113.9"), { kind: "text", text: "/resume QQQQ-QQQQ-QQQQ" });
      const right = await intake.handle(web("fresh5", "203.0.113.9"), { kind: "text", text: `/resume ${code}` });
      expect(text(right)).toContain("次数太多");
      const otherAddress = await intake.handle(web("fresh5b", "198.51.100.7"), { kind: "text", text: `/resume ${code}` });
      expect(text(otherAddress)).toContain("原来的对话");
    });

    it(`${RESUME_DIGIT_TRIES} wrong digit tries against one conversation, from anywhere, lock its resume`, async () => {
      const code = await startOnTelegram("6", STORY_WITH_PHONE);
      await withPhoneAtSummary("6");
      for (let i = 0; i < RESUME_DIGIT_TRIES; i++) {
        await intake.handle(web(`d${i}`), { kind: "text", text: `/resume ${code}` });
        await intake.handle(web(`d${i}`), { kind: "text", text: String(1000 + i) });
      }
      await intake.handle(web("d-right"), { kind: "text", text: `/resume ${code}` });
      const right = await intake.handle(web("d-right"), { kind: "text", text: "5678" });
      expect(text(right)).toContain("锁定");
      expect(text(right)).not.toMatch(/漏水|1381234/);
      expect(await intake.sessions.route("telegram:6")).toBe("telegram:6");
      expect((await intake.sessions.load("telegram:6")).session?.story).toContain("漏水");
    });
  });
}
