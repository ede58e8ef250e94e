import {
  DEFAULT_RISK_LIMITS,
  type RiskLimits,
  type StrategyConfig,
  type Timeframe,
  type TradingProfile,
} from '@bytelyst/trading-contracts';

/** A valid TradingProfile for tests, demos and benchmarks. */
export function makeProfile(o: {
  id: string;
  tenantId: string;
  userId?: string;
  symbols?: string[];
  timeframe?: Timeframe;
  strategy?: StrategyConfig;
  capital?: string;
  risk?: Partial<RiskLimits>;
  enabled?: boolean;
  venueAccountId?: string | null;
}): TradingProfile {
  const at = new Date(0).toISOString();
  return {
    id: o.id,
    tenantId: o.tenantId,
    userId: o.userId ?? `${o.tenantId}-user`,
    name: `profile ${o.id}`,
    symbols: o.symbols ?? ['BTC-USD'],
    timeframe: o.timeframe ?? '1m',
    strategy: o.strategy ?? {
      strategy: 'sma-cross',
      params: { fastPeriod: 5, slowPeriod: 20, kind: 'sma' },
    },
    capitalAllocation: o.capital ?? '10000',
    risk: { ...DEFAULT_RISK_LIMITS, ...o.risk },
    enabled: o.enabled ?? true,
    venueAccountId: o.venueAccountId ?? null,
    rampUp: null,
    mode: 'RUNNING',
    blockedReason: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** A product status that says "on", for tests that need the product layer satisfied. */
export const PRODUCT_ON = {
  productId: 'trading',
  enabled: true,
  maintenance: { active: false, message: null, expectedEndAt: null },
  version: 1,
  updatedAt: new Date(0).toISOString(),
};
