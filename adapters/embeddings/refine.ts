// What the intake and the operator page call: no import of the model or its loader here, so
// the places that may re-rank services cost nothing when the embeddings reader is off.
import type { ServiceMatch, Triage } from "../../nlp/types.js";
import type { Logger } from "../logger.js";

/** Re-ranks a triage's service suggestions for the text (catalogue ids only, one per category). */
export type ServiceRefiner = (text: string, triage: Triage) => Promise<ServiceMatch[]>;

/**
 * The triage with its services re-ranked when the reader answers within `timeoutMs`, unchanged
 * otherwise (no reader, a model that failed to load, a slow answer). Never throws.
 */
export async function withRefinedServices<T extends Triage>(
  refine: ServiceRefiner | undefined,
  text: string,
  triage: T,
  opts: { timeoutMs?: number; logger?: Logger } = {},
): Promise<T> {
  if (refine === undefined || triage.services.length === 0) return triage;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => { timer = setTimeout(() => resolve("timeout"), opts.timeoutMs ?? 1_000); });
  try {
    const services = await Promise.race([refine(text, triage), timeout]);
    if (services === "timeout") {
      opts.logger?.warn({ reader: "embeddings" }, "向量检索超时，沿用离线的服务推荐");
      return triage;
    }
    return { ...triage, services };
  } catch (error) {
    opts.logger?.warn({ err: error, reader: "embeddings" }, "向量检索失败，沿用离线的服务推荐");
    return triage;
  } finally {
    clearTimeout(timer);
  }
}
