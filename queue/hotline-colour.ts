// The hotline filing policy: who may file a call, and the colour an operator may give it.
// An operator may raise the suggested colour (with a reason), never lower it: lowering is a
// leader's decision on the case page, where it is audited (see canChangeColour).
import { COLOUR_LABELS, isLower, type RiskColor } from "../knowledge/colours.js";
import type { RiskAssessment } from "../nlp/types.js";
import { canFileTranscript, type Actor } from "./access.js";

export type HotlineColour = { ok: true; risk: RiskAssessment } | { ok: false; error: "forbidden" | "invalid"; reason: string };

/**
 * The risk a filed call carries: the suggestion, or the operator's raise with its reason.
 * @example hotlineColour(op, { color: "yellow", … }, { to: "orange", reason: "来电人情绪激动" }).ok === true
 */
export function hotlineColour(actor: Actor, suggested: RiskAssessment, change: { to?: RiskColor | undefined; reason?: string | undefined }): HotlineColour {
  const may = canFileTranscript(actor);
  if (!may.ok) return { ok: false, error: "forbidden", reason: may.reason };
  if (!change.to || change.to === suggested.color) return { ok: true, risk: suggested };
  if (isLower(change.to, suggested.color)) {
    return { ok: false, error: "invalid", reason: `系统建议${COLOUR_LABELS[suggested.color]}，登记时只能调高；如需调低，请在案件页由负责人确认。` };
  }
  const reason = change.reason?.trim() ?? "";
  if (reason.length < 2) return { ok: false, error: "invalid", reason: "调整风险颜色请填写理由。" };
  return {
    ok: true,
    risk: {
      ...suggested,
      color: change.to,
      reasons: [
        ...suggested.reasons,
        { signal: "operator", criterion: "operator_raised", color: change.to, words: [], explanation: `坐席${actor.displayName}调高：${reason}` },
      ],
    },
  };
}
