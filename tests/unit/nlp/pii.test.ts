import { describe, expect, it } from "vitest";
import { findMobiles, findPhones, isValidIdNumber, isValidLuhn, maskPhoneNumber, maskPii } from "../../../nlp/pii.js";

describe("PII", () => {
  it("checks ID checksums", () => {
    expect(isValidIdNumber("610831199003071238")).toBe(true);
    expect(isValidIdNumber("610831199003071230")).toBe(false);
  });
  it("checks bank cards with Luhn", () => {
    expect(isValidLuhn("6222020200112345679")).toBe(true);
    expect(isValidLuhn("6222020200112345678")).toBe(false);
  });
  it("masks mobile numbers, with or without separators, keeping the raw value", () => {
    const r = maskPii("电话13812345678，或者 139-1234-5678");
    expect(r.masked).toBe("电话138****5678，或者 139****5678");
    expect(r.findings.map((f) => f.kind)).toEqual(["mobile", "mobile"]);
    expect(r.findings[0]?.raw).toBe("13812345678");
  });
  it("masks landlines", () => {
    const r = maskPii("座机0912-7654321");
    expect(r.findings[0]?.kind).toBe("landline");
    expect(r.masked).not.toContain("7654321");
  });
  it("masks a valid ID number and never keeps it raw", () => {
    const r = maskPii("身份证610831199003071238");
    expect(r.findings[0]).toMatchObject({ kind: "id_card" });
    expect(r.findings[0]?.raw).toBeUndefined();
    expect(r.masked).toBe("身份证610***********1238");
  });
  it("masks bank cards (Luhn) but not random long numbers", () => {
    expect(maskPii("卡号6222020200112345679").findings[0]?.kind).toBe("bank_card");
    expect(maskPii("订单号6222020200112345678").findings).toEqual([]);
  });
  it("masks e-mail and plates", () => {
    const r = maskPii("邮箱zhang.san@example.com，车牌陕K12345");
    expect(r.findings.map((f) => f.kind)).toEqual(["email", "plate"]);
    expect(r.masked).toBe("邮箱z***@example.com，车牌陕K***45");
  });
  it("leaves money and dates alone", () => {
    expect(maskPii("2023年借了80000元").findings).toEqual([]);
  });
});

describe("addresses", () => {
  it("masks house-level addresses but keeps townships and villages, which routing needs", () => {
    expect(maskPii("我家住在双湖峪街道建设路12号3单元501室，楼上漏水").masked).toBe("我家住在双湖峪街道[地址已隐去]，楼上漏水");
    expect(maskPii("四马村三组15号的王老汉").masked).toBe("四马村[地址已隐去]的王老汉");
    expect(maskPii("我住阳光小区5号楼2单元302").masked).toBe("我住[地址已隐去]");
    const found = maskPii("3栋2单元的邻居").findings;
    expect(found).toMatchObject([{ kind: "address", masked: "[地址已隐去]" }]);
    expect(found[0]!.raw).toBeUndefined();
  });

  it("leaves dates, durations and bare places alone", () => {
    for (const text of ["5月3号那天他来闹事", "他欠了3个月工资", "马蹄沟镇盐湾村的地", "2号楼的狗"]) {
      expect(maskPii(text).masked).toBe(text);
    }
  });
});

describe("phone numbers as residents dictate them", () => {
  it("reads and masks a mobile said in words, with 幺 for one", () => {
    const r = maskPii("我电话是幺三九 一二三四 五六七八，白天都在");
    expect(r.masked).toBe("我电话是139****5678，白天都在");
    expect(r.findings[0]).toMatchObject({ kind: "mobile", raw: "13912345678" });
    expect(maskPii("一三九一二三四五六七八").masked).toBe("139****5678");
  });
  it("hides a number dictated or typed as a phone even when it is not a valid one, and keeps none of it", () => {
    // Twelve digits said one by one (a digit too many): the staff transcript must not show them.
    const spoken = maskPii("电话是幺三八九一二三四五六七八");
    expect(spoken.masked).toBe("电话是**********78");
    expect(spoken.findings[0]).toMatchObject({ kind: "number" });
    expect(spoken.findings[0]!.raw).toBeUndefined();
    expect(maskPii("我手机号138912345678").masked).toBe("我手机号**********78");
    // A long number without a phone cue (an order, a case number) stays for staff.
    expect(maskPii("订单号 202312250001").masked).toBe("订单号 202312250001");
  });
  it("reads and masks a mobile spelt out in English", () => {
    const r = maskPii("you can call me, one three nine one two three four double eight nine nine");
    expect(r.masked).toBe("you can call me, 139****8899");
    expect(r.findings[0]).toMatchObject({ kind: "mobile", raw: "13912348899" });
    expect(findMobiles("my number is one three nine, one two three four, five six seven eight")).toEqual(["13912345678"]);
    expect(maskPii("I have one or two questions about the three of them").masked).toBe("I have one or two questions about the three of them");
  });
  it("reads spaced and mixed forms, keeping the digits only", () => {
    expect(findMobiles("139 1234 5678")).toEqual(["13912345678"]);
    expect(findMobiles("+86 139-1234-5678")).toEqual(["13912345678"]);
    expect(findMobiles("幺三九1234五六七八")).toEqual(["13912345678"]);
  });
  it("leaves Chinese numerals that are not a phone alone", () => {
    for (const text of ["借了他一万二千五百块", "一二三四五六七", "二〇二三年三月", "三十多户"]) {
      expect(maskPii(text).masked).toBe(text);
      expect(findMobiles(text)).toEqual([]);
    }
  });
});

describe("landlines, as residents write or say them", () => {
  it.each([
    ["座机0912-3456789", "0912-3456789", "座机0912-****789"],
    ["我家电话09123456789", "0912-3456789", "我家电话0912-****789"],
    ["电话(0912)3456789", "0912-3456789", "电话0912-****789"],
    ["家里座机 0912 3456789", "0912-3456789", "家里座机 0912-****789"],
    ["电话010-12345678", "010-12345678", "电话010-****5678"],
    ["电话是3456789", "3456789", "电话是****789"],
    ["座机 345-6789", "3456789", "座机 ****789"],
    ["打这个号码：零九一二 三四五六七八九", "0912-3456789", "打这个号码：0912-****789"],
    ["座机三四五六七八九", "3456789", "座机****789"],
  ])("%s → %s, masked like a mobile", (text, phone, masked) => {
    expect(findPhones(text)).toEqual([phone]);
    const r = maskPii(text);
    expect(r.masked).toBe(masked);
    expect(r.findings[0]).toMatchObject({ kind: "landline", raw: phone });
  });

  it("seven digits without a word for a phone are not a phone (money, counts)", () => {
    expect(findPhones("他欠我3456789元")).toEqual([]);
    expect(findPhones("借了三四五六七八九十块")).toEqual([]);
    expect(maskPii("一共3456789人次").findings).toEqual([]);
  });

  it("a mobile and a landline in one message, in the order written", () => {
    expect(findPhones("手机13912345678，家里座机0912-3456789")).toEqual(["13912345678", "0912-3456789"]);
    expect(maskPhoneNumber("13912345678")).toBe("139****5678");
    expect(maskPhoneNumber("0912-3456789")).toBe("0912-****789");
  });
});
