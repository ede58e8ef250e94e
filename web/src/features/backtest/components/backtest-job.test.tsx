import type { BacktestJob, Trade } from '@bytelyst/trading-contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureApi } from '../../../lib/api';
import { BACKTEST_POLL_MS, backtestQueryOptions } from '../api/get-backtest';
import { backtestsQueryOptions } from '../api/list-backtests';
import { BacktestJobView } from './backtest-job';
import { BacktestProgress } from './backtest-progress';

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min)).toISOString();

const trade = (i: number, pnl: string): Trade => ({
  id: `trade-${i}`,
  tenantId: 'tenant-1',
  profileId: 'backtest',
  symbol: 'BTC-USD',
  side: 'LONG',
  quantity: '0.05',
  entryPrice: '100',
  exitPrice: pnl.startsWith('-') ? '95' : '105',
  realizedPnl: pnl,
  fees: '0.01',
  netPnl: (Number(pnl) - 0.01).toFixed(2),
  openedAt: at(i * 10),
  closedAt: at(i * 10 + 5),
  entryDecisionId: null,
  exitDecisionId: null,
  exitReason: pnl.startsWith('-') ? 'stop-loss' : 'signal',
  strategy: 'sma-cross',
});

const base: BacktestJob = {
  id: 'bt-1',
  tenantId: 'tenant-1',
  userId: 'user-1',
  request: {
    strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20 } },
    symbol: 'BTC-USD',
    timeframe: '1m',
    candles: 20_000,
    seed: 7,
    capital: '10000',
  } as BacktestJob['request'],
  status: 'running',
  progress: 0.42,
  error: null,
  createdAt: at(0),
  startedAt: at(0),
  finishedAt: null,
  summary: null,
  equityCurve: [],
  trades: [],
  prices: [],
};

const done: BacktestJob = {
  ...base,
  status: 'done',
  progress: 1,
  finishedAt: at(1),
  summary: {
    candles: 20_000,
    trades: 2,
    winRate: 0.5,
    startEquity: '10000',
    endEquity: '10123.45',
    returnPct: 1.2345,
    maxDrawdownPct: 3.5,
    decisions: { ENTER: 2, EXIT: 2, HOLD: 19_996 },
    candlesPerSecond: 250_000,
    elapsedMs: 80,
    halt: null,
  },
  equityCurve: [0, 10, 20, 30].map((m, i) => ({ at: at(m), equity: 10_000 + i * 40 })),
  trades: [trade(0, '2.5'), trade(1, '-1.25')],
  prices: Array.from({ length: 30 }, (_, m) => ({ at: at(m), close: 100 + (m % 7) })),
};

/** The trades route: the done job's trades as one page, oldest first. */
function tradesPage(answers: (BacktestJob | { status: number; body: unknown })[]): Response {
  const job = answers.find((a): a is BacktestJob => 'id' in a && a.status === 'done');
  const items = (job?.trades ?? []).map((t, seq) => ({
    seq,
    id: t.id,
    symbol: t.symbol,
    side: t.side,
    quantity: t.quantity,
    entryPrice: t.entryPrice,
    exitPrice: t.exitPrice,
    realizedPnl: t.realizedPnl,
    fees: t.fees,
    netPnl: t.netPnl,
    openedAt: t.openedAt,
    closedAt: t.closedAt,
    exitReason: t.exitReason,
  }));
  const body = { items, nextCursor: null, total: items.length, complete: true };
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * The backend at the network boundary: answers GET /api/backtests/:id from a script, and the
 * run's trades from the script's done job.
 */
function serve(answers: (BacktestJob | { status: number; body: unknown })[]) {
  const seen: string[] = [];
  configureApi({
    baseUrl: 'http://backend.test',
    fetch: (url) => {
      seen.push(url);
      if (url.includes('/trades?')) return Promise.resolve(tradesPage(answers));
      const next = answers.length > 1 ? answers.shift() : answers[0];
      const { status, body } =
        next && 'id' in next ? { status: 200, body: next } : (next ?? { status: 500, body: {} });
      return Promise.resolve(
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json', 'x-request-id': 'req-bt-9' },
        }),
      );
    },
  });
  return seen;
}

function show(
  id = 'bt-1',
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } }),
) {
  render(
    <QueryClientProvider client={client}>
      <BacktestJobView id={id} onRerun={() => undefined} />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  // jsdom has no canvas: the charts say so and the figures around them still render.
  HTMLCanvasElement.prototype.getContext = () => null;
});
afterEach(cleanup);

describe('BacktestProgress', () => {
  it('shows a real progress bar with the percentage and the candles replayed', () => {
    render(<BacktestProgress job={base} />);
    const bar = screen.getByRole('progressbar', { name: 'Backtest progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByTestId('backtest-progress-pct').textContent).toBe('42%');
    expect(screen.getByTestId('backtest-progress').textContent).toContain(
      '8,400 / 20,000 one-minute candles ≈ 14 days',
    );
  });

  it('says a queued job is waiting rather than showing a stuck bar', () => {
    render(<BacktestProgress job={{ ...base, status: 'queued', progress: 0 }} />);
    expect(screen.getByTestId('backtest-progress').textContent).toContain('Queued');
    expect(screen.getByTestId('backtest-progress-pct').textContent).toBe('0%');
  });
});

describe('BacktestJobView', () => {
  it('polls while running and switches to the results when the job is done', async () => {
    const seen = serve([base, { ...base, progress: 0.9 }, done]);
    show();
    await screen.findByTestId('backtest-progress');
    const result = await screen.findByTestId('backtest-result', {}, { timeout: 5_000 });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[0]).toBe('http://backend.test/api/backtests/bt-1');
    expect(screen.queryByTestId('backtest-progress')).toBeNull();

    expect(screen.getByTestId('bt-return').textContent).toBe('+1.23%');
    expect(screen.getByTestId('bt-return').className).toContain('pos');
    expect(screen.getByTestId('bt-drawdown').textContent).toBe('3.50%');
    expect(screen.getByTestId('bt-trades').textContent).toBe('2');
    expect(screen.getByTestId('bt-winrate').textContent).toBe('50.00%');
    expect(screen.getByTestId('bt-end-equity').textContent).toBe('10,123.45');
    expect(screen.getByTestId('bt-speed').textContent).toBe('250k/s');
    expect(within(result).getByTestId('bt-equity-chart').dataset.points).toBe('4');
    const price = within(result).getByTestId('bt-price-chart');
    expect(price.dataset.points).toBe('30');
    // An entry and an exit per trade.
    expect(price.dataset.markers).toBe('4');

    const rows = within(await screen.findByTestId('backtest-trades')).getAllByRole('row');
    // Header plus two trades, in the order they closed, net of fees.
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain('+2.49');
    expect(rows[2]?.textContent).toContain('stop-loss');
    expect(rows[2]?.textContent).toContain('−1.26');
    expect(screen.getByTestId('bt-trades-range').textContent).toBe('Trades 1–2 of 2');
  });

  it('marks the run finished in the cached list as soon as its own poll sees it done', async () => {
    serve([base, done]);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const list = backtestsQueryOptions().queryKey;
    const other = { ...done, id: 'bt-0' };
    client.setQueryData(list, { items: [base, other] });
    show('bt-1', client);
    await screen.findByTestId('backtest-result', {}, { timeout: 5_000 });
    expect(client.getQueryData(list)?.items.map((j) => [j.id, j.status])).toEqual([
      ['bt-1', 'done'],
      ['bt-0', 'done'],
    ]);
  });

  it('polls only while the job can still change', () => {
    const interval = backtestQueryOptions('bt-1').refetchInterval as (q: unknown) => unknown;
    const at = (job: BacktestJob) => interval({ state: { data: job } });
    expect(at(base)).toBe(BACKTEST_POLL_MS);
    expect(at({ ...base, status: 'queued' })).toBe(BACKTEST_POLL_MS);
    expect(at(done)).toBe(false);
    expect(at({ ...base, status: 'failed' })).toBe(false);
  });

  it('says so when a done run had no trades', async () => {
    serve([{ ...done, trades: [], summary: { ...done.summary!, trades: 0, winRate: null } }]);
    show();
    await screen.findByTestId('backtest-result');
    expect(screen.getByTestId('bt-winrate').textContent).toBe('—');
    expect(await screen.findByText(/never entered a position/)).toBeTruthy();
  });

  it('says when and why a risk rule halted the run, and shows no halt otherwise', async () => {
    const halt = {
      at: at(20),
      code: 'MAX_DRAWDOWN_HALT',
      message: 'profile Backtest halted: drawdown 20.03% reached its 20% limit',
    };
    serve([{ ...done, summary: { ...done.summary!, halt } }]);
    show();
    const notice = await screen.findByTestId('bt-halt');
    expect(notice.textContent).toContain('drawdown 20.03% reached its 20% limit');
    expect(notice.textContent).toContain('placed no order, exits included');
    expect(notice.textContent).toContain('MAX_DRAWDOWN_HALT');
    cleanup();
    serve([done]);
    show();
    await screen.findByTestId('backtest-result');
    expect(screen.queryByTestId('bt-halt')).toBeNull();
  });

  it('shows why a failed run failed', async () => {
    serve([{ ...base, status: 'failed', error: 'worker crashed: out of memory' }]);
    show();
    const notice = await screen.findByTestId('backtest-failed');
    expect(notice.textContent).toContain('worker crashed: out of memory');
    expect(notice.textContent).toContain('bt-1');
    expect(screen.queryByTestId('backtest-progress')).toBeNull();
  });

  it('cancels a running job from its panel and then says it was stopped', async () => {
    const cancelled: BacktestJob = {
      ...base,
      status: 'cancelled',
      finishedAt: at(1),
    };
    // Polls answer "running" until the cancel has been asked for; then the cancelled job.
    const seen = serve([base, base, base, cancelled]);
    show();
    await screen.findByTestId('backtest-progress');
    fireEvent.click(screen.getByTestId('backtest-cancel'));
    const notice = await screen.findByTestId('backtest-cancelled', {}, { timeout: 5_000 });
    expect(notice.textContent).toContain('stopped after 42%');
    expect(seen).toContain('http://backend.test/api/backtests/bt-1/cancel');
    expect(screen.queryByTestId('backtest-cancel')).toBeNull();
    expect(screen.queryByTestId('backtest-progress')).toBeNull();
  });

  it('shows the error code and request id when the job cannot be loaded', async () => {
    serve([
      {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'No such backtest.', requestId: 'req-bt-9' } },
      },
    ]);
    show('missing');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('NOT_FOUND');
    expect(screen.getByTestId('request-id').textContent).toBe('req-bt-9');
  });
});
