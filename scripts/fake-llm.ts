// A stand-in OpenAI-compatible endpoint for trying the LLM reader without a model:
//   npx tsx scripts/fake-llm.ts            # prints LLM_BASE_URL, serves until Ctrl-C
//   LLM_BASE_URL=<printed> LLM_MODEL=fake npx yizhan triage "……"
// It "reads" by a few fixed cues (a wish to die, a threat) and quotes them; everything else blue.
// It is the test suite's fake (tests/support/fake-openai.ts), not a model: for seeing the wiring only.
import { residentText, startFakeOpenAi, type RecordedRequest } from "../tests/support/fake-openai.js";

const CUES: [RegExp, "red" | "orange", string][] = [
  [/活着没(?:什么)?意思|不想活|想死|寻死/, "red", "流露轻生念头"],
  [/弄死|砍死|同归于尽|拿刀/, "red", "扬言伤害他人"],
  [/打起来|推搡|动手/, "orange", "已有肢体冲突"],
];

function answer(r: RecordedRequest) {
  const text = residentText(r);
  const signals = CUES.flatMap(([re, color, why]) => {
    const m = re.exec(text);
    return m ? [{ color, quote: m[0], why }] : [];
  });
  const clauses = text.split(/[，,。！？!?；;\n]/).filter(Boolean);
  return {
    domain: /邻居|楼上|楼下/.test(text) ? "neighbor" : /老公|老婆|离婚|丈夫|妻子/.test(text) ? "marital" : /借|欠|钱/.test(text) ? "financial" : "other",
    color: signals[0]?.color ?? "blue",
    signals,
    services: [],
    facts: { place: null, otherParty: null, since: null, attempts: null, wants: null },
    summary: [clauses[0] ?? "", clauses[1] ?? "", `（演示用假模型，${signals.length} 个风险信号）`],
    plan: ["（演示）当天电话联系当事人", "（演示）约双方到调解室面谈"],
    basis: [],
    cleaned: "",
  };
}

const fake = await startFakeOpenAi(answer);
process.stdout.write(`LLM_BASE_URL=${fake.baseUrl}\n`);
process.on("SIGINT", () => void fake.close().then(() => process.exit(0)));
