import { describe, expect, it } from "vitest";
import { isValidIdNumber, isValidLuhn, maskPii } from "../../../nlp/pii.js";

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
