import type {
  PaperRecord,
  PromotionCheck,
  PromotionPolicyFields,
  RampUp,
  Trade,
} from '@bytelyst/trading-contracts';
import { formatFixed, parseFixed, toNumber } from '../money/fixed.js';

const DAY_MS = 86_400_000;

/**
 * A profile's paper record over [from, to]: round trips closed in the period, net of fees; the
 * return over its capital; the largest fall of its equity snapshots from a running peak; and the
 * whole days it has been trading in the period (from its creation at the earliest).
 */
export function paperRecordOf(o: {
  from: number;
  to: number;
  createdAt: number;
  capital: string;
  trades: readonly Trade[];
  equity: readonly { at: number; equity: string }[];
}): PaperRecord {
  let net = 0n;
  let fees = 0n;
  let trades = 0;
  for (const t of o.trades) {
    const closed = Date.parse(t.closedAt);
    if (closed < o.from || closed > o.to) continue;
    net += parseFixed(t.netPnl);
    fees += parseFixed(t.fees);
    trades++;
  }
  let peak = 0;
  let maxDrawdownPct = 0;
  for (const e of o.equity) {
    if (e.at < o.from || e.at > o.to) continue;
    const v = Number(e.equity);
    if (v > peak) peak = v;
    if (peak > 0) maxDrawdownPct = Math.max(maxDrawdownPct, ((peak - v) / peak) * 100);
  }
  const capital = parseFixed(o.capital);
  const start = Math.max(o.from, o.createdAt);
  return {
    from: new Date(o.from).toISOString(),
    to: new Date(o.to).toISOString(),
    days: Math.max(0, Math.floor((o.to - start) / DAY_MS)),
    trades,
    netPnl: formatFixed(net),
    fees: formatFixed(fees),
    returnPct: capital > 0n ? round2((toNumber(net) / toNumber(capital)) * 100) : 0,
    maxDrawdownPct: round2(maxDrawdownPct),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Each requirement the policy sets, against the record; unset bounds are left out. */
export function promotionChecks(
  record: PaperRecord,
  policy: PromotionPolicyFields,
): PromotionCheck[] {
  const out: PromotionCheck[] = [
    {
      requirement: 'minPaperDays',
      required: `>= ${policy.minPaperDays} day(s)`,
      actual: `${record.days} day(s)`,
      passed: record.days >= policy.minPaperDays,
    },
    {
      requirement: 'minTrades',
      required: `>= ${policy.minTrades} closed trade(s)`,
      actual: `${record.trades} closed trade(s)`,
      passed: record.trades >= policy.minTrades,
    },
  ];
  if (policy.minReturnPct !== null)
    out.push({
      requirement: 'minReturnPct',
      required: `>= ${policy.minReturnPct} %`,
      actual: `${record.returnPct} %`,
      passed: record.returnPct >= policy.minReturnPct,
    });
  if (policy.maxDrawdownPct !== null)
    out.push({
      requirement: 'maxDrawdownPct',
      required: `<= ${policy.maxDrawdownPct} %`,
      actual: `${record.maxDrawdownPct} %`,
      passed: record.maxDrawdownPct <= policy.maxDrawdownPct,
    });
  return out;
}

const SHORTFALL: Record<
  PromotionCheck['requirement'],
  (r: PaperRecord, p: PromotionPolicyFields) => string
> = {
  minPaperDays: (r, p) => `${r.days} day(s) on paper; the policy asks for ${p.minPaperDays}`,
  minTrades: (r, p) => `${r.trades} closed trade(s) on paper; the policy asks for ${p.minTrades}`,
  minReturnPct: (r, p) =>
    `a return of ${r.returnPct} % on paper; the policy asks for at least ${p.minReturnPct ?? 0} %`,
  maxDrawdownPct: (r, p) =>
    `a drawdown of ${r.maxDrawdownPct} % on paper; the policy allows at most ${p.maxDrawdownPct ?? 0} %`,
};

/** Why the record does not meet the policy, one line each; empty when it does. */
export function promotionShortfalls(record: PaperRecord, policy: PromotionPolicyFields): string[] {
  return promotionChecks(record, policy)
    .filter((c) => !c.passed)
    .map((c) => SHORTFALL[c.requirement](record, policy));
}

/** The ramp-up a profile promoted at `now` trades under: the policy's, copied. */
export function rampUpFor(policy: PromotionPolicyFields, now: number): RampUp {
  return {
    startedAt: new Date(now).toISOString(),
    steps: policy.rampUp.map((s) => ({ ...s })),
    fullAfterDays: policy.fullAfterDays,
  };
}
