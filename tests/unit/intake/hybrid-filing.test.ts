// With the embeddings reader configured, the case the intake files carries the re-ranked service
// suggestions (and the resident's hand-off names that service); a failing reader files the
// dialogue's own suggestions. The dialogue itself is unchanged.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDialogueDeps } from "../../../adapters/intake/dialogue-deps.js";
import { createIntake } from "../../../adapters/intake/intake.js";
import { parseScript, stepToInbound } from "../../../adapters/intake/script.js";
import type { ServiceRefiner } from "../../../adapters/embeddings/refine.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import type { OutboundMessage } from "../../../bot/types.js";
import { CONVERSATIONS_DIR, nlp, silentLogger, testCaseDesk } from "../../support/conversations.js";

async function fileNeighbourNoise(refineServices: ServiceRefiner | undefined) {
  const { knowledge, triager } = nlp();
  const desk = testCaseDesk();
  const intake = createIntake({ store: new MemoryStore(), caseDesk: desk, dialogue: createDialogueDeps({ knowledge, triager }), logger: silentLogger(), ...(refineServices ? { refineServices } : {}) });
  const who = { residentKey: "terminal:hybrid", channel: "terminal" as const };
  const replies: OutboundMessage[] = [];
  for (const step of parseScript(readFileSync(join(CONVERSATIONS_DIR, "neighbor-noise.txt"), "utf8"))) {
    if (step.kind === "staff" || step.kind === "claim") continue;
    const inbound = stepToInbound(step, replies);
    if (inbound) replies.push(...(await intake.handle(who, inbound)));
  }
  const filed = await desk.repository.latestForResident(who.residentKey, false);
  return { filed, said: replies.map((r) => r.text).join("\n") };
}

describe("hybrid service suggestions at filing", () => {
  it("files the reader's suggestions when it answers", async () => {
    const { knowledge } = nlp();
    const leak = knowledge.serviceById.get("neighbour.water_leak")!;
    const seen: string[] = [];
    const { filed, said } = await fileNeighbourNoise(async (text, triage) => {
      seen.push(text);
      return [{ id: leak.id, name: leak.name.zh, score: 1, categoryId: leak.categoryId, agencyIds: [...leak.agencyIds], evidence: [] }, ...triage.services.slice(1)];
    });
    expect(seen).toHaveLength(1);
    expect(filed?.triage?.services[0]?.id).toBe("neighbour.water_leak");
    expect(said).toContain(leak.name.zh);
  });

  it("files the dialogue's own suggestions when the reader fails", async () => {
    const plain = await fileNeighbourNoise(undefined);
    const failing = await fileNeighbourNoise(async () => { throw new Error("model folder unreadable"); });
    expect(plain.filed?.triage?.services.length).toBeGreaterThan(0);
    expect(failing.filed?.triage?.services).toEqual(plain.filed?.triage?.services);
  });
});
