// Chinese labels and formats for the console.
import { DOMAIN_LABELS, type Domain } from "../../../nlp/types.js";
import { COLOUR_LABELS, type RiskColor } from "../../../knowledge/colours.js";
import { STATUS_LABELS, type CaseStatus } from "../../../queue/lifecycle.js";
import { html } from "hono/html";

export { formatTime } from "../../china-time.js";

export const CHANNEL_LABELS: Record<string, string> = { telegram: "Telegram", webchat: "网页聊天", terminal: "终端", hotline: "热线" };

export function colourBadge(color: RiskColor) {
  return html`<span class="badge c-${color}">${COLOUR_LABELS[color]}</span>`;
}

export const statusLabel = (s: CaseStatus) => STATUS_LABELS[s];
export const domainLabel = (d: Domain) => DOMAIN_LABELS[d];


export function formatDue(minutes: number): string {
  const abs = Math.abs(minutes);
  const text = abs >= 1440 ? `${Math.floor(abs / 1440)} 天 ${Math.floor((abs % 1440) / 60)} 小时` : abs >= 60 ? `${Math.floor(abs / 60)} 小时 ${abs % 60} 分` : `${abs} 分钟`;
  return minutes < 0 ? `已超时 ${text}` : `剩余 ${text}`;
}
