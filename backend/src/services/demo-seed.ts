import { DEFAULT_RISK_LIMITS } from '@bytelyst/trading-contracts';
import { tenantScope, type NewProfile, type Store } from '../ports/store.js';

/**
 * The demo `pnpm start` shows: two tenants (matching the platform's demo seed), each user with
 * strategies trading on paper. Idempotent: profiles are created once, by stable id, and never
 * overwritten, so a user's edits survive restarts.
 */
const DEMO: { tenant: { id: string; name: string }; profiles: (NewProfile & { id: string })[] }[] =
  [
    {
      tenant: { id: 'acme', name: 'Acme Capital' },
      profiles: [
        {
          id: 'p-alice-btc-trend',
          userId: 'u-alice',
          name: 'BTC trend (EMA 5/20)',
          symbols: ['BTC-USD'],
          timeframe: '1m',
          strategy: {
            strategy: 'sma-cross',
            params: { fastPeriod: 5, slowPeriod: 20, kind: 'ema' },
          },
          capitalAllocation: '25000',
          risk: { ...DEFAULT_RISK_LIMITS, maxPositionNotional: '10000', maxOrderNotional: '5000' },
          enabled: true,
        },
        {
          id: 'p-alice-eth-rsi',
          userId: 'u-alice',
          name: 'ETH & SOL RSI reversion',
          symbols: ['ETH-USD', 'SOL-USD'],
          timeframe: '1m',
          strategy: {
            strategy: 'rsi-reversion',
            params: { period: 14, oversold: 35, overbought: 65 },
          },
          capitalAllocation: '15000',
          risk: DEFAULT_RISK_LIMITS,
          enabled: true,
        },
      ],
    },
    {
      tenant: { id: 'globex', name: 'Globex Trading' },
      profiles: [
        {
          id: 'p-bob-breakout',
          userId: 'u-bob',
          name: 'Mega-cap breakout',
          symbols: ['AAPL-USD', 'NVDA-USD'],
          timeframe: '1m',
          strategy: { strategy: 'donchian-breakout', params: { entryPeriod: 15, exitPeriod: 8 } },
          capitalAllocation: '20000',
          risk: DEFAULT_RISK_LIMITS,
          enabled: true,
        },
        {
          id: 'p-bob-sol-sma',
          userId: 'u-bob',
          name: 'SOL crossover (SMA 8/21)',
          symbols: ['SOL-USD'],
          timeframe: '1m',
          strategy: {
            strategy: 'sma-cross',
            params: { fastPeriod: 8, slowPeriod: 21, kind: 'sma' },
          },
          capitalAllocation: '10000',
          risk: DEFAULT_RISK_LIMITS,
          enabled: true,
        },
      ],
    },
  ];

export async function seedDemo(store: Store, knownSymbols: ReadonlySet<string>): Promise<number> {
  let created = 0;
  for (const { tenant, profiles } of DEMO) {
    await store.ensureTenant(tenant);
    const scope = tenantScope(tenant.id);
    for (const p of profiles) {
      if (!p.symbols.every((s) => knownSymbols.has(s))) continue;
      if (await store.getProfile(scope, p.id)) continue;
      await store.createProfile(scope, p);
      created++;
    }
  }
  return created;
}
