import type { Instrument } from '@bytelyst/trading-contracts';

export interface SimInstrument extends Instrument {
  /** Starting price of the simulated path. */
  readonly startPrice: number;
  /** Typical per-second volatility (fraction). */
  readonly vol: number;
}

export const DEFAULT_SIM_INSTRUMENTS: readonly SimInstrument[] = [
  {
    symbol: 'BTC-USD',
    base: 'BTC',
    quote: 'USD',
    kind: 'crypto',
    tickSize: '0.01',
    lotSize: '0.0001',
    minNotional: '10',
    startPrice: 65_000,
    vol: 0.0004,
  },
  {
    symbol: 'ETH-USD',
    base: 'ETH',
    quote: 'USD',
    kind: 'crypto',
    tickSize: '0.01',
    lotSize: '0.001',
    minNotional: '10',
    startPrice: 3_400,
    vol: 0.0005,
  },
  {
    symbol: 'SOL-USD',
    base: 'SOL',
    quote: 'USD',
    kind: 'crypto',
    tickSize: '0.001',
    lotSize: '0.01',
    minNotional: '5',
    startPrice: 150,
    vol: 0.0007,
  },
  {
    symbol: 'AAPL-USD',
    base: 'AAPL',
    quote: 'USD',
    kind: 'equity',
    tickSize: '0.01',
    lotSize: '0.01',
    minNotional: '1',
    startPrice: 190,
    vol: 0.0002,
  },
  {
    symbol: 'MSFT-USD',
    base: 'MSFT',
    quote: 'USD',
    kind: 'equity',
    tickSize: '0.01',
    lotSize: '0.01',
    minNotional: '1',
    startPrice: 420,
    vol: 0.0002,
  },
  {
    symbol: 'NVDA-USD',
    base: 'NVDA',
    quote: 'USD',
    kind: 'equity',
    tickSize: '0.01',
    lotSize: '0.01',
    minNotional: '1',
    startPrice: 120,
    vol: 0.0004,
  },
];

/** The contract view (without the simulator's extra fields). */
export const toContractInstrument = (i: SimInstrument): Instrument => ({
  symbol: i.symbol,
  base: i.base,
  quote: i.quote,
  kind: i.kind,
  tickSize: i.tickSize,
  lotSize: i.lotSize,
  minNotional: i.minNotional,
});
