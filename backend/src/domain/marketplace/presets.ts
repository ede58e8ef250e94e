import { DEFAULT_RISK_LIMITS, type MarketplacePreset } from '@bytelyst/trading-contracts';

/** Curated starting points a user copies into a profile of their own; product content, not state. */
export const MARKETPLACE_PRESETS: MarketplacePreset[] = [
  {
    id: 'btc-trend-follower',
    name: 'BTC trend follower',
    description: 'A 20/50 moving-average crossover on one-minute Bitcoin candles with a 3 % stop.',
    timeframe: '1m',
    symbols: ['BTC-USD'],
    strategy: { strategy: 'sma-cross', params: { fastPeriod: 20, slowPeriod: 50, kind: 'ema' } },
    risk: DEFAULT_RISK_LIMITS,
  },
  {
    id: 'eth-sol-reversion',
    name: 'ETH & SOL mean reversion',
    description: 'Buys oversold RSI dips on Ether and Solana and sells into strength.',
    timeframe: '1m',
    symbols: ['ETH-USD', 'SOL-USD'],
    strategy: { strategy: 'rsi-reversion', params: { period: 14, oversold: 28, overbought: 68 } },
    risk: { ...DEFAULT_RISK_LIMITS, stopLossPct: '0.04' },
  },
  {
    id: 'mega-cap-breakout',
    name: 'Mega-cap breakout',
    description: 'Donchian channel breakouts on large technology equities.',
    timeframe: '5m',
    symbols: ['AAPL-USD', 'MSFT-USD', 'NVDA-USD'],
    strategy: { strategy: 'donchian-breakout', params: { entryPeriod: 20, exitPeriod: 10 } },
    risk: { ...DEFAULT_RISK_LIMITS, maxOpenPositions: 3 },
  },
];
