// The web chat's kept history is bounded and masked; evidence types are read from the bytes.
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { sniffType } from "../../../adapters/webchat/evidence-files.js";
import { HISTORY_KEPT, WebChatHistory } from "../../../adapters/webchat/history.js";

describe("web chat history", () => {
  it("keeps the last lines only, masked, and drops another version", async () => {
    const store = new MemoryStore();
    const history = new WebChatHistory(store);
    for (let i = 0; i < HISTORY_KEPT; i++) await history.append("u1", `第${i}句`, [{ text: `回复${i}` }]);
    await history.append("u1", "我电话13812345678", [{ text: "请选择", buttons: [{ label: "是", value: "yes" }] }]);
    const lines = await history.read("u1");
    expect(lines).toHaveLength(HISTORY_KEPT);
    expect(lines.at(-2)).toEqual({ from: "me", text: "我电话138****5678" });
    expect(lines.at(-1)).toEqual({ from: "bot", text: "请选择", buttons: [{ label: "是", value: "yes" }] });
    await store.set("webchat:history:u2", JSON.stringify({ version: 99, lines: [] }));
    expect(await history.read("u2")).toEqual([]);
  });
});

describe("evidence types", () => {
  const bytes = (...b: number[]) => Uint8Array.from([...b, ...new Array(16).fill(0)]);
  it.each([
    [bytes(0xff, 0xd8, 0xff, 0xe0), "jpg"],
    [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), "png"],
    [bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50), "webp"],
    [bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61), "gif"],
    [bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31), "pdf"],
  ])("reads %#", (data, ext) => expect(sniffType(data)).toBe(ext));
  it("refuses anything else, whatever its name", () => {
    expect(sniffType(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeNull();
    expect(sniffType(new TextEncoder().encode("MZ executable"))).toBeNull();
  });
});
