import type { BacktestTrade } from '@bytelyst/trading-contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { configureApi } from '../../../lib/api';
import { configureApiFiles } from '../../../lib/api-file';
import { BacktestTradesTable } from './backtest-trades-table';

const trade = (seq: number): BacktestTrade => ({
  seq,
  id: `tr-${seq}`,
  symbol: 'BTC-USD',
  side: 'LONG',
  quantity: '0.05',
  entryPrice: '100',
  exitPrice: '101',
  realizedPnl: '0.05',
  fees: '0.01',
  netPnl: seq % 2 ? '-0.5' : '0.04',
  openedAt: new Date(Date.UTC(2026, 0, 1, 0, seq * 2)).toISOString(),
  closedAt: new Date(Date.UTC(2026, 0, 1, 0, seq * 2 + 1)).toISOString(),
  exitReason: 'signal',
});

const json = (status: number, body: unknown) =>
  Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-tr-1' },
    }),
  );

/** The trades route over `total` trades, pages of `limit` after the cursor's seq. */
function serve(total: number, fail?: { status: number; code: string }) {
  const seen: string[] = [];
  configureApi({
    baseUrl: 'http://backend.test',
    fetch: (url) => {
      seen.push(url);
      if (fail)
        return json(fail.status, {
          error: { code: fail.code, message: 'refused', requestId: 'req-tr-1' },
        });
      const u = new URL(url);
      const limit = Number(u.searchParams.get('limit'));
      const after = u.searchParams.has('cursor') ? Number(u.searchParams.get('cursor')) : -1;
      const items = Array.from({ length: total }, (_, i) => trade(i))
        .filter((t) => t.seq > after)
        .slice(0, limit);
      const last = items.at(-1);
      const more = last !== undefined && last.seq < total - 1;
      return json(200, {
        items,
        nextCursor: more ? String(last.seq) : null,
        total,
        complete: true,
      });
    },
  });
  return seen;
}

function show() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <BacktestTradesTable jobId="bt-1" />
    </QueryClientProvider>,
  );
}

afterEach(cleanup);

describe('BacktestTradesTable', () => {
  it('pages forward and back through every trade with the total', async () => {
    const seen = serve(120);
    show();
    expect(screen.getByTestId('bt-trades-loading')).toBeTruthy();
    const range = await screen.findByTestId('bt-trades-range');
    expect(range.textContent).toBe('Trades 1–50 of 120');
    expect(screen.getByTestId<HTMLButtonElement>('bt-trades-prev').disabled).toBe(true);
    fireEvent.click(screen.getByTestId('bt-trades-next'));
    await screen.findByText('Trades 51–100 of 120');
    fireEvent.click(screen.getByTestId('bt-trades-next'));
    await screen.findByText('Trades 101–120 of 120');
    expect(screen.getByTestId<HTMLButtonElement>('bt-trades-next').disabled).toBe(true);
    const rows = within(screen.getByTestId('backtest-trades')).getAllByRole('row');
    expect(rows).toHaveLength(21);
    expect(rows[1]?.textContent).toMatch(/^101/);
    fireEvent.click(screen.getByTestId('bt-trades-prev'));
    await screen.findByText('Trades 51–100 of 120');
    expect(seen[0]).toBe('http://backend.test/api/backtests/bt-1/trades?limit=50');
    expect(seen).toContain('http://backend.test/api/backtests/bt-1/trades?cursor=49&limit=50');
  }, 20_000);

  it('says so when the run has no trades', async () => {
    serve(0);
    show();
    expect((await screen.findByTestId('bt-trades-empty')).textContent).toContain(
      'never entered a position',
    );
    expect(screen.queryByTestId('bt-trades-export')).toBeNull();
  });

  it('shows the code and request id when the trades cannot be loaded', async () => {
    serve(10, { status: 409, code: 'CONFLICT' });
    show();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('CONFLICT');
    expect(alert.textContent).toContain('req-tr-1');
    expect(screen.getByText('Retry')).toBeTruthy();
  });

  it("exports the backend's CSV of the whole list", async () => {
    serve(3);
    const asked: string[] = [];
    configureApiFiles({
      baseUrl: 'http://backend.test',
      fetch: (url, init) => {
        asked.push(`${url} ${new Headers(init.headers).get('accept')}`);
        return Promise.resolve(new Response('seq,id\r\n0,tr-0\r\n', { status: 200 }));
      },
    });
    const made: BlobPart[] = [];
    URL.createObjectURL = (b: Blob) => {
      made.push(b);
      return 'blob:csv';
    };
    URL.revokeObjectURL = () => undefined;
    show();
    fireEvent.click(await screen.findByTestId('bt-trades-export'));
    await screen.findByText('Export CSV');
    expect(asked).toEqual(['http://backend.test/api/backtests/bt-1/trades.csv text/csv']);
    expect(made).toHaveLength(1);
  });
});
