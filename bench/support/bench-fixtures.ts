import type { StrategyConfig, TradingProfile } from '@bytelyst/trading-contracts';
import { DEFAULT_SIM_INSTRUMENTS, generateBarColumns } from '@bytelyst/trading-backend/adapters';
import { makeProfile } from '@bytelyst/trading-backend/testing';

/** The benches' instrument: BTC-USD of the simulated market. */
export const BENCH_BTC = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === 'BTC-USD')!;

/** `count` generated one-minute BTC-USD candles from 2024-01-01, seed 42: every bench's series. */
export const btcMinutes = (count: number) =>
  generateBarColumns({
    seed: 42,
    instrument: BENCH_BTC,
    timeframe: '1m',
    count,
    startTime: Date.UTC(2024, 0, 1),
  });

/**
 * The benches' profile: 100,000 of capital and risk rules that never stop it (no cooldown,
 * stops, targets or daily limit; a 99 % drawdown bound), so every signal becomes an order.
 */
export const benchProfile = (strategy: StrategyConfig): TradingProfile =>
  makeProfile({
    id: 'bench',
    tenantId: 'backtest',
    strategy,
    capital: '100000',
    risk: {
      cooldownAfterLossMs: 0,
      maxDailyLoss: '1000000',
      maxDrawdownPct: '0.99',
      stopLossPct: null,
      takeProfitPct: null,
    },
  });
