import { formatMoney, formatTime } from '@bytelyst/trading-client';
import type { ModelVersion } from '@bytelyst/trading-contracts';
import { useMemo } from 'react';
import { Badge } from '../../../components/badge';
import { PageHeader, Panel } from '../../../components/panel';
import { href } from '../../../lib/router';
import { LineChart } from '../../backtest/components/line-chart';
import { formatPercent } from '../../backtest/utils/backtest-view';
import {
  equityLine,
  importanceRows,
  metricRows,
  modelStatus,
  shortHash,
} from '../utils/model-view';
import { CalibrationChart } from './calibration-chart';
import { ImportanceBars } from './importance-bars';
import { ModelActions } from './model-actions';

function MetricsTable({ m }: { m: ModelVersion }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="model-metrics">
        <thead>
          <tr>
            <th />
            <th className="r">In sample</th>
            <th className="r">Out of sample</th>
          </tr>
        </thead>
        <tbody>
          {metricRows(m.metrics).map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="r num">{r.inSample}</td>
              <td className="r num strong">{r.outOfSample}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="kpi">
      <span className="kpi-label">{label}</span>
      <span className="kpi-value num" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

function CardBacktest({ b }: { b: NonNullable<ModelVersion['backtest']> }) {
  const s = b.statistics;
  const points = useMemo(() => equityLine(b.equity), [b.equity]);
  return (
    <>
      <div className="kpis" data-testid="model-backtest-kpis">
        <Kpi
          label="Total return"
          value={formatPercent(s.totalReturnPct, true)}
          testId="mb-return"
        />
        <Kpi label="Max drawdown" value={formatPercent(-s.maxDrawdown.pct)} testId="mb-drawdown" />
        <Kpi
          label="Sharpe"
          value={s.sharpe === null ? '—' : s.sharpe.toFixed(2)}
          testId="mb-sharpe"
        />
        <Kpi label="Trades" value={s.trades.toLocaleString('en-US')} testId="mb-trades" />
        <Kpi
          label="Buy and hold"
          value={formatPercent(s.buyAndHoldReturnPct, true)}
          testId="mb-buy-hold"
        />
      </div>
      <LineChart points={points} kind="area" height={240} testId="model-equity-chart" />
      <p className="muted small">
        From {formatTime(b.from)} · {b.candles.toLocaleString('en-US')} test candles · capital{' '}
        {formatMoney(b.capital)} · next-open fills, the test stretch only (no training candle is
        replayed).
      </p>
    </>
  );
}

function Training({ m }: { m: ModelVersion }) {
  const s = m.settings;
  const rows: [string, string][] = [
    ['Window', `${formatTime(m.window.from)} → ${formatTime(m.window.to)}`],
    [
      'Rows',
      `${m.window.trainRows.toLocaleString('en-US')} train · ${m.window.testRows.toLocaleString('en-US')} test`,
    ],
    ['Label', `log return over ${s.horizon} candles > ${s.threshold}`],
    ['Split', `train ${(s.trainFraction * 100).toFixed(0)}% · embargo ${s.embargo} candles`],
    [
      'Model',
      Object.entries(s.model)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(' · '),
    ],
    ['Seed', String(s.seed)],
    ['Features', m.features.join(', ')],
  ];
  return (
    <div className="table-wrap">
      <table className="table" data-testid="model-training">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Model checksum</th>
            <td>
              <code title={m.checksum} data-testid="model-checksum">
                {shortHash(m.checksum)}
              </code>
            </td>
          </tr>
          <tr>
            <th scope="row">Data checksum</th>
            <td>
              <code title={m.dataChecksum}>{shortHash(m.dataChecksum)}</code>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** One version's model card: what it learnt, how well out of sample, and the actions on it. */
export function ModelCard({ m, canAct }: { m: ModelVersion; canAct: boolean }) {
  const status = modelStatus(m);
  return (
    <div className="model-card" data-testid="model-card">
      <PageHeader
        title={`${m.symbol} · ${m.kind} · ${m.timeframe}`}
        subtitle={
          <>
            <a href={href('/models')}>← All versions</a> · <code>{m.id}</code> · trained{' '}
            {formatTime(m.createdAt)} by {m.createdBy}
          </>
        }
        actions={
          <span data-testid="model-status">
            <Badge tone={status.tone}>{status.label}</Badge>
          </span>
        }
      />
      {m.disabledAt && (
        <div className="notice notice-error" data-testid="model-disabled">
          <strong>Switched off</strong>
          <span>
            {formatTime(m.disabledAt)} by {m.disabledBy}: {m.disabledReason}
          </span>
        </div>
      )}
      {m.approvedAt && (
        <div className="notice notice-ok" data-testid="model-approved">
          <strong>Approved for live venues</strong>
          <span>
            {formatTime(m.approvedAt)} by {m.approvedBy}: {m.approvalNote}
          </span>
        </div>
      )}
      <div className="model-grid">
        <Panel title="Metrics: in vs out of sample">
          <MetricsTable m={m} />
        </Panel>
        <Panel title="Feature importance">
          <p className="muted small">Mean |contribution| to the log-odds on the test rows.</p>
          <ImportanceBars rows={importanceRows(m)} />
        </Panel>
        <Panel title="Calibration (predicted vs observed, per bin)">
          <div className="calibration-pair">
            <div>
              <div className="small strong">Out of sample</div>
              <CalibrationChart
                bins={m.metrics.outOfSample.calibration}
                label="Out-of-sample calibration"
              />
            </div>
            <div>
              <div className="small muted">In sample</div>
              <CalibrationChart
                bins={m.metrics.inSample.calibration}
                label="In-sample calibration"
              />
            </div>
          </div>
          <p className="muted small">
            On the dashed diagonal the model&apos;s p is the rate it predicts; dot size follows the
            bin&apos;s rows.
          </p>
        </Panel>
        <Panel title="Out-of-sample backtest">
          {m.backtest ? (
            <CardBacktest b={m.backtest} />
          ) : (
            <div className="state state-empty">
              No backtest on this card: the version was trained before cards kept one.
            </div>
          )}
        </Panel>
        <Panel title="Training">
          <Training m={m} />
        </Panel>
        <Panel title="Approval and kill switch">
          <ModelActions model={m} canAct={canAct} />
        </Panel>
      </div>
    </div>
  );
}
