import { ModelVersion } from '@bytelyst/trading-contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureApi } from '../../../lib/api';
import { ModelCardPage } from './models-page';

const bins = (shift: number) =>
  Array.from({ length: 10 }, (_, i) => ({
    from: i / 10,
    to: (i + 1) / 10,
    rows: i === 9 ? 0 : 100 + i,
    predicted: i / 10 + 0.05,
    observed: Math.min(1, i / 10 + 0.05 + shift),
  }));

const metrics = (auc: number, shift: number) => ({
  rows: 7_000,
  positiveRate: 0.49,
  logLoss: 0.68,
  auc,
  threshold: 0.6,
  predictedPositive: 900,
  precision: 0.55,
  hitRate: 0.52,
  calibration: bins(shift),
});

// Parsed by the contract: the fixture is what the API may really answer.
const card = ModelVersion.parse({
  id: 'mv-1',
  tenantId: 'tenant-1',
  createdBy: 'admin-1',
  createdAt: '2026-12-01T10:00:00.000Z',
  symbol: 'BTC-USD',
  timeframe: '1m',
  kind: 'logistic',
  features: ['ret_5', 'rsi_14', 'vol_20'],
  settings: {
    features: ['ret_5', 'rsi_14', 'vol_20'],
    horizon: 10,
    threshold: 0,
    model: { kind: 'logistic', l2: 1, maxIterations: 50 },
    trainFraction: 0.7,
    embargo: 0,
    seed: 1,
  },
  window: {
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-11-08T00:00:00.000Z',
    trainRows: 7_000,
    testRows: 3_000,
  },
  metrics: { inSample: metrics(0.61, 0), outOfSample: metrics(0.563, 0.04) },
  checksum: 'a'.repeat(64),
  dataChecksum: 'b'.repeat(64),
  disabledAt: null,
  disabledBy: null,
  disabledReason: null,
  approvedAt: null,
  approvedBy: null,
  approvalNote: null,
  importance: [0.05, 0.2, 0.1],
  backtest: {
    from: '2026-11-06T00:00:00.000Z',
    candles: 3_000,
    capital: '10000',
    statistics: {
      totalReturnPct: 3.21,
      annualReturnPct: null,
      annualVolatilityPct: null,
      riskFreeRate: 0,
      sharpe: 1.42,
      sortino: null,
      calmar: null,
      maxDrawdown: {
        pct: 1.5,
        amount: 150,
        peakAt: null,
        troughAt: null,
        recoveredAt: null,
        durationMs: null,
        recoveryMs: null,
      },
      trades: 17,
      winRate: 0.5,
      profitFactor: 1.3,
      expectancy: 1,
      avgWin: 2,
      avgLoss: -1,
      bestTrade: 5,
      worstTrade: -3,
      totalFees: '1.2',
      totalSlippage: '0',
      exposurePct: 40,
      avgTradeDurationMs: 60_000,
      tradesPerDay: 8,
      buyAndHoldReturnPct: -0.8,
      refusedEntries: {},
    },
    equity: [
      { at: Date.parse('2026-11-06T00:00:00Z'), equity: 10_000 },
      { at: Date.parse('2026-11-07T00:00:00Z'), equity: 10_321 },
    ],
  },
});

/** The backend at the network boundary: the card, then the approval's answer. */
function serve() {
  const calls: { method: string; url: string; body: unknown }[] = [];
  configureApi({
    baseUrl: 'http://backend.test',
    fetch: (url, init) => {
      const method = init?.method ?? 'GET';
      const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method, url, body });
      const answer =
        method === 'POST' && url.endsWith('/approve')
          ? {
              ...card,
              approvedAt: '2026-12-02T09:00:00.000Z',
              approvedBy: 'admin-1',
              approvalNote: (body as { note: string }).note,
            }
          : card;
      return Promise.resolve(
        new Response(JSON.stringify(answer), {
          status: 200,
          headers: { 'content-type': 'application/json', 'x-request-id': 'req-m-1' },
        }),
      );
    },
  });
  return calls;
}

function show(canAct: boolean) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ModelCardPage id="mv-1" canAct={canAct} />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  // jsdom has no canvas: the equity chart says so and the figures around it still render.
  HTMLCanvasElement.prototype.getContext = () => null;
});
afterEach(cleanup);

describe('ModelCardPage', () => {
  it('renders the card: metrics in vs out of sample, importance, calibration, backtest, checksums', async () => {
    serve();
    show(true);
    await screen.findByTestId('model-card');
    expect(screen.getByTestId('model-status').textContent).toBe('not approved');
    const auc = within(screen.getByTestId('model-metrics')).getByText('AUC').closest('tr');
    expect(auc?.textContent).toBe('AUC0.6100.563');
    // Largest first, with the contracts' description of each feature.
    const bars = within(screen.getByTestId('importance')).getAllByRole('listitem');
    expect(bars.map((b) => b.dataset.testid)).toEqual([
      'importance-rsi_14',
      'importance-vol_20',
      'importance-ret_5',
    ]);
    expect(bars[0]?.textContent).toContain("Wilder's RSI");
    // Nine non-empty bins drawn on each chart, plus the diagonal.
    const charts = screen.getAllByTestId('calibration-chart');
    expect(charts.map((c) => c.dataset.bins)).toEqual(['9', '9']);
    expect(charts[0]?.querySelectorAll('circle')).toHaveLength(9);
    expect(charts[0]?.querySelector('.cal-diagonal')).not.toBeNull();
    expect(screen.getByTestId('mb-return').textContent).toBe('+3.21%');
    expect(screen.getByTestId('mb-drawdown').textContent).toBe('−1.50%');
    expect(screen.getByTestId('mb-sharpe').textContent).toBe('1.42');
    expect(screen.getByTestId('mb-trades').textContent).toBe('17');
    expect(screen.getByTestId('mb-buy-hold').textContent).toBe('−0.80%');
    expect(screen.getByTestId('model-equity-chart').dataset.points).toBe('2');
    expect(screen.getByTestId('model-checksum').getAttribute('title')).toBe('a'.repeat(64));
  });

  it('approves with a required note after confirming, and shows the approval', async () => {
    const calls = serve();
    show(true);
    const form = await screen.findByTestId('model-approve');
    const button = within(form).getByRole('button', { name: 'Approve for live venues' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(form).getByLabelText(/Approval note/), {
      target: { value: '  Card reviewed, OOS AUC holds  ' },
    });
    expect((button as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(button);
    // Nothing is sent before the confirmation.
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    const dialog = within(form).getByRole('dialog', { hidden: true });
    expect(dialog.textContent).toContain('Card reviewed, OOS AUC holds');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve', hidden: true }));
    await screen.findByTestId('model-approved');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      {
        method: 'POST',
        url: 'http://backend.test/api/models/mv-1/approve',
        body: { note: 'Card reviewed, OOS AUC holds' },
      },
    ]);
    expect(screen.getByTestId('model-status').textContent).toBe('approved');
    expect(screen.getByTestId('model-approved').textContent).toContain('admin-1');
  });

  it('shows no actions to a member who may not take them, and says why', async () => {
    serve();
    show(false);
    await screen.findByTestId('model-card');
    expect(screen.getByTestId('model-actions-readonly').textContent).toMatch(/admins/);
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Switch off/ })).toBeNull();
  });
});
