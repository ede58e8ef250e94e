import { z } from 'zod';
import {
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

export const CandlesQuery = z.strictObject({
  symbol: Symbol,
  timeframe: Timeframe.default('1m'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type CandlesQuery = z.infer<typeof CandlesQuery>;

export const PricesResponse = z.strictObject({
  prices: z.array(PriceTick),
  instruments: z.array(Instrument),
});
export type PricesResponse = z.infer<typeof PricesResponse>;
