import { describe, expect, it } from "vitest";
import { readSlots } from "../../../nlp/slots.js";

describe("one message, every item it answers", () => {
  it("keeps the name said after a relation word", () => {
    expect(readSlots("邻居张大海把墙砌到我家院子里", []).otherParty).toMatchObject({ text: "邻居张大海", relation: "neighbor", named: true });
    expect(readSlots("邻居叫王老三，就住我家东边", []).otherParty).toMatchObject({ text: "邻居王老三", named: true });
    expect(readSlots("楼上邻居天天半夜装修", []).otherParty).toMatchObject({ text: "楼上邻居", named: false });
    expect(readSlots("对方是他弟弟", []).otherParty?.relation).toBe("sibling");
  });
  it("reads a start time and what was tried from one answer", () => {
    const s = readSlots("去年秋天开始的，村委会调解过一次没用", []);
    expect(s.since).toMatchObject({ text: "去年秋天", days: 365 });
    expect(s.attempts).toMatchObject({ text: "村委会调解过一次没用", kinds: expect.arrayContaining(["village_committee"]) });
    // 村委会 here is who tried, not the other party
    expect(s.otherParty).toBeUndefined();
  });
  it("reads points in time and durations", () => {
    expect(readSlots("大概三月份开始的", []).since?.text).toBe("三月份");
    expect(readSlots("从2023年5月起就不给钱了", []).since?.text).toBe("2023年5月");
    expect(readSlots("两年前借的", []).since).toMatchObject({ text: "两年前", days: 730 });
    expect(readSlots("已经一个多月了", []).since).toMatchObject({ days: 30 });
  });
  it("reads that nothing was tried yet", () => {
    expect(readSlots("还没找过任何人", []).attempts).toMatchObject({ kinds: [] });
  });
  it("never puts a phone number into the wish, the money or a hotline", () => {
    const s = readSlots("希望他赔钱，我电话13912345678", []);
    expect(s.wants).toBe("希望他赔钱");
    expect(s.phone).toBe("13912345678");
    expect(s.attempts).toBeUndefined();
  });
  it("reads the resident's own name and a dictated phone", () => {
    const s = readSlots("我叫李秀英，电话幺三九 一二三四 五六七八", []);
    expect(s).toMatchObject({ name: "李秀英", phone: "13912345678" });
    expect(s.otherParty).toBeUndefined();
  });
  it("finds nothing in words that answer nothing", () => {
    for (const text of ["算了不弄了", "好的", "asdfgh", "😭🙏"]) expect(readSlots(text, [])).toEqual({});
  });
});
