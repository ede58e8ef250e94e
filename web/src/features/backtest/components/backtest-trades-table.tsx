import type { BacktestTrade } from '@bytelyst/trading-contracts';
import { formatPrice, formatQty, formatTime } from '@bytelyst/trading-client';
import { useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { ExportButton } from '../../../components/export-button';
import { Pnl } from '../../../components/numbers';
import { exportBacktestTradesCsv, useBacktestTrades } from '../api/backtest-trades';

function TradeRows({ trades }: { trades: BacktestTrade[] }) {
  return (
    <tbody>
      {trades.map((t) => (
        <tr key={t.seq}>
          <td className="muted num">{t.seq + 1}</td>
          <td className="muted nowrap">{formatTime(t.openedAt)}</td>
          <td className="muted nowrap">{formatTime(t.closedAt)}</td>
          <td>{t.side}</td>
          <td className="r num">{formatQty(t.quantity)}</td>
          <td className="r num nowrap">
            {formatPrice(t.entryPrice)} → {formatPrice(t.exitPrice)}
          </td>
          <td className="r">
            <Pnl value={t.netPnl} />
          </td>
          <td className="muted">{t.exitReason}</td>
        </tr>
      ))}
    </tbody>
  );
}

/**
 * Every trade of a finished run, a page at a time from the API in the order they closed, with
 * previous/next, the total and the whole list as CSV. Earlier pages' cursors are kept, so
 * "Previous" goes back without the server having to page backwards.
 */
export function BacktestTradesTable({ jobId }: { jobId: string }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const q = useBacktestTrades(jobId, cursor);
  const page = q.data;
  if (q.isPending)
    return (
      <div className="state state-loading" aria-busy="true" data-testid="bt-trades-loading">
        <span className="spinner" aria-hidden /> Loading trades…
      </div>
    );
  if (!page)
    return (
      <div data-testid="bt-trades-error">
        <ErrorNotice error={q.error} title="Could not load the trades" />
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => void q.refetch()}>
          Retry
        </button>
      </div>
    );
  if (page.total === 0)
    return (
      <div className="state state-empty" data-testid="bt-trades-empty">
        No trades: the strategy never entered a position over this history. Try other params or a
        longer history.
      </div>
    );
  // From the rows on screen (the previous page stays there while the next one loads).
  const first = (page.items[0]?.seq ?? 0) + 1;
  const last = (page.items.at(-1)?.seq ?? 0) + 1;
  return (
    <>
      <div className="bt-trades-bar">
        <span className="muted small" data-testid="bt-trades-range">
          Trades {first.toLocaleString('en-US')}–{last.toLocaleString('en-US')} of{' '}
          {page.total.toLocaleString('en-US')}
          {!page.complete && ' (this run was stored before full trade lists: its last ones only)'}
        </span>
        <span className="bt-trades-nav">
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            data-testid="bt-trades-prev"
            disabled={cursors.length === 1 || q.isPlaceholderData}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            ← Previous
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            data-testid="bt-trades-next"
            disabled={!page.nextCursor || q.isPlaceholderData}
            onClick={() => page.nextCursor && setCursors((c) => [...c, page.nextCursor ?? ''])}
          >
            Next →
          </button>
          <ExportButton
            name={`${jobId}-trades`}
            build={() => exportBacktestTradesCsv(jobId)}
            testId="bt-trades-export"
          />
        </span>
      </div>
      {q.error !== null && <ErrorNotice error={q.error} title="Could not load that page" />}
      <div className="table-wrap bt-trades">
        <table
          className="table"
          data-testid="backtest-trades"
          aria-busy={q.isPlaceholderData}
          style={q.isPlaceholderData ? { opacity: 0.5 } : undefined}
        >
          <thead>
            <tr>
              <th>#</th>
              <th>Opened</th>
              <th>Closed</th>
              <th>Side</th>
              <th className="r">Qty</th>
              <th className="r">Entry → Exit</th>
              <th className="r">Net PnL</th>
              <th>Exit reason</th>
            </tr>
          </thead>
          <TradeRows trades={page.items} />
        </table>
      </div>
    </>
  );
}
