/**
 * Measuring a triager on labelled messages: risk colours (red recall, reds below orange, calm
 * messages coloured red, the colour confusion), domains (per-class F1, macro-F1) and services
 * (first suggestion, and one of the first three, in an acceptable category). One definition of
 * every figure, used by `yizhan eval` and the held-out tests.
 */
import { z } from "zod";
import { colourRank, RISK_COLORS } from "../knowledge/colours.js";
import { evaluate, type EvalReport } from "./metrics.js";
import { DOMAINS, type Domain, type RiskColor, type Triage } from "./types.js";

const Color = z.enum(RISK_COLORS);

/**
 * One labelled message. `color` is the expected colour; older sets give a range
 * (`minColor`..`maxColor`) instead. `categories` lists the catalogue categories an intake clerk
 * would accept as the first suggestion.
 */
export const LabelledMessageSchema = z
  .object({
    text: z.string().min(1),
    color: Color.optional(),
    minColor: Color.optional(),
    maxColor: Color.optional(),
    domain: z.enum(DOMAINS).optional(),
    categories: z.array(z.string()).min(1).optional(),
    category: z.string().optional(),
    register: z.string().optional(),
    why: z.string().optional(),
  })
  .passthrough();

export type LabelledMessage = z.infer<typeof LabelledMessageSchema>;

export interface RiskFigures {
  /** Messages whose lowest acceptable colour is red. */
  reds: number;
  redAsRed: number;
  /** Reds coloured yellow or blue: the worst error. */
  redBelowOrange: number;
  /** Messages whose highest acceptable colour is yellow or blue. */
  calm: number;
  calmAsRed: number;
  /** confusion[expected][given], in RISK_COLORS order (expected = the lowest acceptable colour). */
  confusion: number[][];
}

export interface ServiceFigures {
  rows: number;
  firstAcceptable: number;
  topThreeAcceptable: number;
}

export interface Measurement {
  risk: RiskFigures;
  domain?: EvalReport;
  services?: ServiceFigures;
  /** Per message, what it got (for listing errors). */
  outcomes: { row: LabelledMessage; triage: Triage }[];
}

const minOf = (r: LabelledMessage): RiskColor | undefined => r.minColor ?? r.color;
const maxOf = (r: LabelledMessage): RiskColor | undefined => r.maxColor ?? r.color;

export function measure(rows: readonly LabelledMessage[], triage: (text: string) => Triage): Measurement {
  const outcomes = rows.map((row) => ({ row, triage: triage(row.text) }));
  const confusion = RISK_COLORS.map(() => RISK_COLORS.map(() => 0));
  const risk: RiskFigures = { reds: 0, redAsRed: 0, redBelowOrange: 0, calm: 0, calmAsRed: 0, confusion };
  for (const { row, triage: t } of outcomes) {
    const lo = minOf(row);
    const hi = maxOf(row);
    const got = t.risk.color;
    if (lo) confusion[colourRank(lo)]![colourRank(got)]! += 1;
    if (lo === "red") {
      risk.reds += 1;
      if (got === "red") risk.redAsRed += 1;
      if (colourRank(got) > colourRank("orange")) risk.redBelowOrange += 1;
    }
    if (hi && colourRank(hi) >= colourRank("yellow")) {
      risk.calm += 1;
      if (got === "red") risk.calmAsRed += 1;
    }
  }
  const withDomain = outcomes.filter((o) => o.row.domain);
  const domain = withDomain.length
    ? evaluate(DOMAINS, withDomain.map((o) => ({ gold: o.row.domain as Domain, predicted: o.triage.domain })))
    : undefined;
  const withCats = outcomes.filter((o) => o.row.categories ?? o.row.category);
  const services = withCats.length
    ? withCats.reduce<ServiceFigures>(
        (acc, o) => {
          const ok = new Set(o.row.categories ?? [o.row.category!]);
          acc.rows += 1;
          if (o.triage.services[0] && ok.has(o.triage.services[0].categoryId)) acc.firstAcceptable += 1;
          if (o.triage.services.slice(0, 3).some((s) => ok.has(s.categoryId))) acc.topThreeAcceptable += 1;
          return acc;
        },
        { rows: 0, firstAcceptable: 0, topThreeAcceptable: 0 },
      )
    : undefined;
  const out: Measurement = { risk, outcomes };
  if (domain) out.domain = domain;
  if (services) out.services = services;
  return out;
}

const pct = (n: number, d: number) => (d === 0 ? "—" : `${((n / d) * 100).toFixed(1)}%`);

/** A plain-text report (Chinese headings) for `yizhan eval` and test logs. */
export function formatRiskReport(r: RiskFigures): string {
  const lines = [
    `红色召回：${r.redAsRed}/${r.reds} = ${pct(r.redAsRed, r.reds)}；红色被判为黄或蓝：${r.redBelowOrange}`,
    `平稳消息被判为红色：${r.calmAsRed}/${r.calm} = ${pct(r.calmAsRed, r.calm)}`,
    "颜色混淆（行=标注最低颜色，列=判断）",
    `${"".padEnd(8)}${RISK_COLORS.map((c) => c.padStart(8)).join("")}`,
  ];
  r.confusion.forEach((row, i) => lines.push(`${RISK_COLORS[i]!.padEnd(8)}${row.map((v) => String(v).padStart(8)).join("")}`));
  return lines.join("\n");
}

export function formatServiceReport(s: ServiceFigures): string {
  return `首个推荐服务类别可接受：${s.firstAcceptable}/${s.rows} = ${pct(s.firstAcceptable, s.rows)}；前三个之一可接受：${s.topThreeAcceptable}/${s.rows} = ${pct(s.topThreeAcceptable, s.rows)}`;
}
