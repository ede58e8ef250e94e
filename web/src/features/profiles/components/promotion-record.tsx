import type { PromotionCheck, PromotionReview } from '@bytelyst/trading-contracts';
import { formatMoney, formatTime } from '@bytelyst/trading-client';
import { Badge } from '../../../components/badge';
import { signedPct } from '../utils/promotion-view';

const REQUIREMENT_TEXT: Record<PromotionCheck['requirement'], string> = {
  minPaperDays: 'Days trading on paper',
  minTrades: 'Closed trades on paper',
  minReturnPct: 'Return on paper, net of fees',
  maxDrawdownPct: 'Largest drawdown on paper',
};

/** The paper record beside the newest comparable backtest, figure by figure. */
export function RecordComparison({ review }: { review: PromotionReview }) {
  const { record, backtest } = review;
  const rows: [string, string, string][] = [
    [
      'Return (net of fees)',
      signedPct(record.returnPct),
      backtest ? signedPct(backtest.returnPct) : '—',
    ],
    [
      'Max drawdown',
      `${record.maxDrawdownPct.toFixed(2)} %`,
      backtest ? `${backtest.maxDrawdownPct.toFixed(2)} %` : '—',
    ],
    ['Closed trades', String(record.trades), backtest ? String(backtest.trades) : '—'],
    ['Net PnL', formatMoney(record.netPnl), backtest?.netPnl ? formatMoney(backtest.netPnl) : '—'],
    ['Fees paid', formatMoney(record.fees), '—'],
    ['Days on paper', String(record.days), '—'],
  ];
  return (
    <div className="table-wrap">
      <table className="table" data-testid="promotion-record">
        <thead>
          <tr>
            <th />
            <th className="r">
              Paper
              <div className="muted small">
                {formatTime(record.from)} – {formatTime(record.to)}
              </div>
            </th>
            <th className="r">
              Latest backtest
              <div className="muted small">
                {backtest
                  ? `${backtest.symbol}${backtest.finishedAt ? ` · ${formatTime(backtest.finishedAt)}` : ''}`
                  : 'none yet'}
              </div>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, paper, bt]) => (
            <tr key={label}>
              <td>{label}</td>
              <td className="r num">{paper}</td>
              <td className="r num">{bt}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!backtest && (
        <p className="muted small" data-testid="promotion-no-backtest">
          No finished backtest of this strategy on this timeframe and these symbols yet. Run one
          under Backtest to see the record beside it.
        </p>
      )}
    </div>
  );
}

/** Each requirement of the tenant's policy with pass or fail, and the verdict. */
export function PolicyChecks({ review }: { review: PromotionReview }) {
  return (
    <div data-testid="promotion-checks">
      <table className="table">
        <thead>
          <tr>
            <th>Requirement</th>
            <th>Policy</th>
            <th>Record</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {review.checks.map((c) => (
            <tr key={c.requirement} data-testid={`check-${c.requirement}`}>
              <td>{REQUIREMENT_TEXT[c.requirement]}</td>
              <td className="num">{c.required}</td>
              <td className="num">{c.actual}</td>
              <td className="r">
                <Badge tone={c.passed ? 'ok' : 'danger'}>{c.passed ? 'PASS' : 'FAIL'}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {review.eligible ? (
        <div className="notice notice-ok" data-testid="promotion-eligible">
          The paper record meets your organisation’s policy.
        </div>
      ) : (
        <div className="notice notice-warn" role="status" data-testid="promotion-not-eligible">
          <strong>Not eligible yet: the paper record does not meet the policy.</strong>
          <ul className="reasons">
            {review.shortfalls.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** What the first live days will allow: the policy's steps as they will be copied. */
export function RampUpPlan({ review }: { review: PromotionReview }) {
  const { rampUp, fullAfterDays } = review.policy;
  return (
    <div data-testid="promotion-ramp-up">
      <p className="muted small">
        Copied onto the profile when you confirm: a later change of the policy does not alter it.
        Entries above the cap are sized down to it (reason <code>RAMP_UP_CAP</code>); exits are
        never capped.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>From day</th>
            <th className="r">Largest order</th>
          </tr>
        </thead>
        <tbody>
          {rampUp
            .filter((s) => s.fromDay < fullAfterDays)
            .map((s) => (
              <tr key={s.fromDay}>
                <td>{s.fromDay}</td>
                <td className="r num">{formatMoney(s.maxOrderNotional)}</td>
              </tr>
            ))}
          <tr>
            <td>{fullAfterDays}</td>
            <td className="r">the profile’s own limits only</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
