import {
  BacktestSettings,
  type BacktestJob,
  type BacktestTrade,
} from '@bytelyst/trading-contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStores, type TestStore, uniqueId } from '../../test-support/db.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { generateBarColumns } from '../adapters/market/generate-bars.js';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../adapters/market/instruments.js';
import { mul, parseFixed } from '../domain/money/fixed.js';
import { priceFromNumber, toInstrumentSpec } from '../domain/money/instrument.js';
import { tenantScope } from '../ports/store.js';
import { TRADE_BATCH } from '../services/backtest/backtest-messages.js';
import { SqlBacktestResultStore } from '../adapters/store/repo-backtest-results.js';
import type { SqlStore } from '../adapters/store/sql-store.js';
import { paperBacktest } from './paper-backtest.js';

const btc = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
if (!btc) throw new Error('no BTC-USD');
const instrument = toContractInstrument(btc);
const spec = toInstrumentSpec(instrument);

/**
 * The PnL identity of pnl-identity.property.test.ts, over the trade list as it is stored and
 * paged back (migration 0024), on runs of well over the 200 trades a job row keeps: the stored
 * list's net PnL sums exactly to the equity change minus the open position's unrealised PnL net
 * of its entry fee. A list missing a trade, or holding one twice, breaks it.
 */
describe.each(testStores())('the full stored trade list against equity on %s', (driver) => {
  let t: TestStore;
  let results: SqlBacktestResultStore;
  beforeAll(async () => {
    t = await createTestStore(driver);
    results = new SqlBacktestResultStore((t.store as SqlStore).sql);
  });
  afterAll(() => t.cleanup());

  it('sums exactly to the equity change minus the open position', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.integer({ min: 1, max: 10_000 }),
          fast: fc.integer({ min: 2, max: 3 }),
          slow: fc.integer({ min: 5, max: 7 }),
          fillRule: fc.constantFrom('next_open', 'close'),
          feeRate: fc.constantFrom('0', '0.0005', '0.001'),
          percent: fc.integer({ min: 5, max: 95 }),
          pageSize: fc.integer({ min: 7, max: 400 }),
        }),
        async (c) => {
          const series = generateBarColumns({
            seed: c.seed,
            instrument: btc,
            timeframe: '1m',
            count: 9000,
            startTime: Date.UTC(2026, 0, 5),
          });
          const settings = BacktestSettings.parse({
            fillRule: c.fillRule,
            feeRate: c.feeRate,
            sizing: { mode: 'percent_equity', percent: String(c.percent) },
          });
          const r = await paperBacktest({
            series: [series],
            instruments: [instrument],
            profiles: [
              makeProfile({
                id: 'p',
                tenantId: 'backtest',
                strategy: {
                  strategy: 'sma-cross',
                  params: { fastPeriod: c.fast, slowPeriod: c.slow, kind: 'sma' },
                },
                // No halt on a losing streak: every run trades to its last candle.
                risk: {
                  maxOrderNotional: '100000',
                  maxPositionNotional: '100000',
                  maxDailyLoss: '1000000',
                  maxDrawdownPct: '0.99',
                },
              }),
            ],
            persistence: 'memory',
            settings: { run: settings, capital: '10000' },
          });
          expect(r.trades.length).toBeGreaterThan(200);
          // Stored as the service stores it: in the worker's batches, under a job row.
          const tenantId = uniqueId('t');
          const scope = tenantScope(tenantId);
          await t.store.ensureTenant({ id: tenantId, name: tenantId });
          const job = { id: uniqueId('bt'), tenantId, userId: 'u', request: {} };
          await t.store.insertBacktest(scope, {
            job: { ...job, createdAt: new Date().toISOString() } as unknown as BacktestJob,
            instanceId: 'i',
            maxActive: 2,
            keep: 20,
          });
          for (let from = 0; from < r.trades.length; from += TRADE_BATCH)
            await results.appendBacktestTrades(scope, {
              jobId: job.id,
              from,
              trades: r.trades.slice(from, from + TRADE_BATCH),
            });
          const stored: BacktestTrade[] = [];
          for (let after: number | null = null; ;) {
            const page = await results.listBacktestTrades(scope, {
              jobId: job.id,
              after,
              limit: c.pageSize,
            });
            stored.push(...page);
            if (page.length < c.pageSize) break;
            after = page.at(-1)?.seq ?? null;
          }
          expect(stored).toHaveLength(r.trades.length);

          const tables = r.journal?.tables('backtest');
          const pos = tables?.positions.values().next().value;
          const qty = parseFixed(pos?.quantity ?? '0');
          const last = priceFromNumber(spec, series.close[series.close.length - 1] ?? 0);
          const unrealized = qty === 0n ? 0n : mul(qty, last) - parseFixed(pos?.costBasis ?? '0');
          let net = 0n;
          let tradeFees = 0n;
          for (const x of stored) {
            net += parseFixed(x.netPnl);
            tradeFees += parseFixed(x.fees);
          }
          const openFees = parseFixed(r.costs.fees) - tradeFees;
          const change = parseFixed(Object.values(r.finalEquity)[0] ?? '0') - parseFixed('10000');
          expect(openFees >= 0n).toBe(true);
          if (qty === 0n) expect(openFees).toBe(0n);
          expect(net).toBe(change - (unrealized - openFees));
        },
      ),
      { numRuns: 5 },
    );
  }, 240_000);
});
