// The `yizhan triage|train|eval` command-line contract that other tools depend on.
import { describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/cli.js";

describe("yizhan triage", () => {
  it("--jsonl answers every line in order, with an error line for a malformed one", async () => {
    const input = [
      JSON.stringify({ id: "a", text: "楼上天天半夜蹦迪吵得睡不着" }),
      "{not json",
      JSON.stringify({ id: 7, text: "他说要拿刀弄死我全家" }),
      JSON.stringify({ id: "no-text" }),
    ].join("\n");
    const result = await runCli(["triage", "--jsonl"], {}, input);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(Object.keys(lines[0]).sort()).toEqual(
      ["candidates", "confidence", "domain", "facts", "id", "masked", "risk", "services", "unsure"].sort(),
    );
    expect(lines[0]).toMatchObject({ id: "a", domain: "neighbor", risk: { color: expect.any(String), owner: expect.any(String) } });
    expect(Object.keys(lines[0].services[0]).sort()).toEqual(["id", "name", "score"]);
    expect(lines[1]).toEqual({ id: null, error: expect.any(String) });
    expect(lines[2]).toMatchObject({ id: 7, risk: { color: "red" } });
    expect(lines[3]).toMatchObject({ id: null, error: expect.any(String) });
  });

  it("prints a Chinese summary with agency names and masks the phone number", async () => {
    const result = await runCli(["triage", "工地老板欠了我们八个月工资，我电话13812345678"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("领域");
    expect(result.stdout).toContain("风险");
    expect(result.stdout).toMatch(/承办单位：[^a-z]*县/);
    expect(result.stdout).not.toContain("13812345678");
  });

  it("--transcript separates the caller's account from the operator's notes", async () => {
    const result = await runCli(["triage", "--transcript", "tests/fixtures/transcripts/01-leak-timestamps.txt"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("来电人陈述");
  });

  it("train writes a model that eval then scores, per class and macro-F1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "yizhan-train-"));
    try {
      const data = join(dir, "history.jsonl");
      const rows = [
        ["楼上漏水到我家", "neighbor"], ["邻居半夜唱歌太吵", "neighbor"], ["医院手术做坏了", "medical"],
        ["医生误诊耽误了病情", "medical"], ["老公打我要离婚", "marital"], ["离婚后孩子抚养费不给", "marital"],
        ["借给朋友五万不还", "financial"], ["网贷催收爆通讯录", "financial"], ["孩子在学校被欺负", "campus"],
        ["老师体罚学生", "campus"], ["老板拖欠工资", "other"], ["交通事故对方不赔", "other"],
      ].map(([text, domain]) => JSON.stringify({ text, domain }));
      await writeFile(data, rows.join("\n"));
      const trained = await runCli(["train", "--data", data], { DATA_DIR: dir });
      expect(trained.code).toBe(0);
      expect(trained.stdout).toContain(join(dir, "domain-model.json"));
      const evaluated = await runCli(["eval", "--data", data], { DATA_DIR: dir });
      expect(evaluated.code).toBe(0);
      expect(evaluated.stdout).toMatch(/macro/i);
      for (const domain of ["medical", "marital", "neighbor", "financial", "campus", "other"]) {
        expect(evaluated.stdout).toContain(domain);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it("shows the colour, how sure it is and the resident's own words", async () => {
    const result = await runCli(["triage", "跟他家的事拖了三年了，农药我都买好了放在床头，实在熬不下去就喝"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/风险：红色（把握 \d+%）/);
    expect(result.stdout).toContain("“农药我都买好了放在床头");
  });

  it("eval measures colours and service routing when the lines carry them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "yizhan-eval-"));
    try {
      const data = join(dir, "set.jsonl");
      const rows = [
        { text: "我不想活了，药都攒够了", color: "red", domain: "other", categories: ["psychological"] },
        { text: "楼上天天半夜蹦迪吵得睡不着", color: "blue", domain: "neighbor", categories: ["neighbour"] },
      ];
      await writeFile(data, rows.map((r) => JSON.stringify(r)).join("\n"));
      const evaluated = await runCli(["eval", "--data", data]);
      expect(evaluated.code).toBe(0);
      expect(evaluated.stdout).toContain("红色召回：1/1");
      expect(evaluated.stdout).toContain("首个推荐服务类别可接受");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
