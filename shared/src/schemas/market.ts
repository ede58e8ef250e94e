import { z } from 'zod';
import {
  Id,
  NonNegativeDecimal,
  PositiveDecimal,
  Symbol,
  Timeframe,
  Timestamp,
} from '../primitives.js';

export const Instrument = z.strictObject({
  symbol: Symbol,
  base: z.string().min(1).max(10),
  quote: z.string().min(1).max(10),
  kind: z.enum(['crypto', 'equity']),
  tickSize: PositiveDecimal,
  lotSize: PositiveDecimal,
  minNotional: PositiveDecimal,
});
export type Instrument = z.infer<typeof Instrument>;

export const PriceTick = z.strictObject({
  symbol: Symbol,
  price: PositiveDecimal,
  at: Timestamp,
});
export type PriceTick = z.infer<typeof PriceTick>;

export const Candle = z.strictObject({
  symbol: Symbol,
  timeframe: Timeframe,
  openTime: Timestamp,
  open: PositiveDecimal,
  high: PositiveDecimal,
  low: PositiveDecimal,
  close: PositiveDecimal,
  volume: NonNegativeDecimal,
});
export type Candle = z.infer<typeof Candle>;

/**
 * Which market a read is of: a venue account of the caller's (its venue's public candles and
 * prices, the ones its profiles trade on), or absent for the simulated market of paper trading.
 */
const MarketAccount = { account: Id.optional() };

export const CandlesQuery = z.strictObject({
  symbol: Symbol,
  timeframe: Timeframe.default('1m'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  ...MarketAccount,
});
export type CandlesQuery = z.infer<typeof CandlesQuery>;

export const PricesQuery = z.strictObject(MarketAccount);
export type PricesQuery = z.infer<typeof PricesQuery>;

export const PricesResponse = z.strictObject({
  prices: z.array(PriceTick),
  instruments: z.array(Instrument),
});
export type PricesResponse = z.infer<typeof PricesResponse>;
