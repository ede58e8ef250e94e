import { BacktestSettings } from '@bytelyst/trading-contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeProfile } from '../../../test-support/engine/fixtures.js';
import { generateBarColumns } from '../../adapters/market/generate-bars.js';
import {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
} from '../../adapters/market/instruments.js';
import { paperBacktest } from '../../compose/paper-backtest.js';
import { mul, parseFixed } from '../../domain/money/fixed.js';
import { priceFromNumber, toInstrumentSpec } from '../../domain/money/instrument.js';

const btc = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
if (!btc) throw new Error('no BTC-USD');
const instrument = toContractInstrument(btc);
const spec = toInstrumentSpec(instrument);

describe('trade list against equity', () => {
  it('the trades net PnL sums to the equity change minus the open position, exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.integer({ min: 1, max: 10_000 }),
          fast: fc.integer({ min: 2, max: 8 }),
          slow: fc.integer({ min: 10, max: 30 }),
          fillRule: fc.constantFrom('next_open', 'close'),
          feeRate: fc.constantFrom('0', '0.0005', '0.001', '0.0025'),
          slippage: fc.oneof(
            fc.record({ kind: fc.constant('fixed_bps'), bps: fc.integer({ min: 0, max: 50 }) }),
            fc.record({ kind: fc.constant('range_bps'), bps: fc.integer({ min: 0, max: 5000 }) }),
          ),
          percent: fc.integer({ min: 5, max: 95 }),
        }),
        async (c) => {
          const series = generateBarColumns({
            seed: c.seed,
            instrument: btc,
            timeframe: '1m',
            count: 800,
            startTime: Date.UTC(2026, 0, 5),
          });
          const settings = BacktestSettings.parse({
            fillRule: c.fillRule,
            feeRate: c.feeRate,
            slippage: c.slippage,
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
                risk: { maxOrderNotional: '100000', maxPositionNotional: '100000' },
              }),
            ],
            persistence: 'memory',
            settings: { run: settings, capital: '10000' },
          });
          const tables = r.journal?.tables('backtest');
          const pos = tables?.positions.values().next().value;
          const qty = parseFixed(pos?.quantity ?? '0');
          const last = priceFromNumber(spec, series.close[series.close.length - 1] ?? 0);
          const unrealized = qty === 0n ? 0n : mul(qty, last) - parseFixed(pos?.costBasis ?? '0');
          let net = 0n;
          let tradeFees = 0n;
          for (const t of r.trades) {
            net += parseFixed(t.netPnl);
            tradeFees += parseFixed(t.fees);
          }
          const openFees = parseFixed(r.costs.fees) - tradeFees;
          const change = parseFixed(Object.values(r.finalEquity)[0] ?? '0') - parseFixed('10000');
          expect(r.stats.fills).toBeGreaterThan(0);
          expect(openFees >= 0n).toBe(true);
          if (qty === 0n) expect(openFees).toBe(0n);
          expect(net).toBe(change - (unrealized - openFees));
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
