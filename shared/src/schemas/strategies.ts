import { z } from 'zod';
import { ModelStrategyParams } from './models.js';

/**
 * Strategy params live here so web and mobile can render forms from the same schema the backend
 * validates with. Each field carries a description the form uses as its label help.
 */
export const SmaCrossParams = z
  .strictObject({
    fastPeriod: z
      .number()
      .int()
      .min(2)
      .max(500)
      .default(10)
      .describe('Fast moving-average length (candles)'),
    slowPeriod: z
      .number()
      .int()
      .min(3)
      .max(2000)
      .default(30)
      .describe('Slow moving-average length (candles)'),
    kind: z.enum(['sma', 'ema']).default('sma').describe('Simple or exponential averages'),
  })
  .refine((p) => p.fastPeriod < p.slowPeriod, {
    message: 'fastPeriod must be shorter than slowPeriod',
    path: ['fastPeriod'],
  });

export const RsiReversionParams = z.strictObject({
  period: z.number().int().min(2).max(200).default(14).describe('RSI length (candles)'),
  oversold: z.number().min(1).max(49).default(30).describe('Enter long below this RSI'),
  overbought: z.number().min(51).max(99).default(70).describe('Exit above this RSI'),
});

export const DonchianBreakoutParams = z.strictObject({
  entryPeriod: z
    .number()
    .int()
    .min(2)
    .max(500)
    .default(20)
    .describe('Breakout channel length (candles)'),
  exitPeriod: z
    .number()
    .int()
    .min(2)
    .max(500)
    .default(10)
    .describe('Exit channel length (candles)'),
});

export const STRATEGY_PARAM_SCHEMAS = {
  'sma-cross': SmaCrossParams,
  'rsi-reversion': RsiReversionParams,
  'donchian-breakout': DonchianBreakoutParams,
  model: ModelStrategyParams,
} as const;
export type StrategyId = keyof typeof STRATEGY_PARAM_SCHEMAS;
export const STRATEGY_IDS = Object.keys(STRATEGY_PARAM_SCHEMAS) as [StrategyId, ...StrategyId[]];
export const StrategyIdSchema = z.enum(STRATEGY_IDS);

export type SmaCrossParams = z.infer<typeof SmaCrossParams>;
export type RsiReversionParams = z.infer<typeof RsiReversionParams>;
export type DonchianBreakoutParams = z.infer<typeof DonchianBreakoutParams>;

/** A strategy choice together with its params, discriminated by strategy id. */
export const StrategyConfig = z.discriminatedUnion('strategy', [
  z.strictObject({ strategy: z.literal('sma-cross'), params: SmaCrossParams }),
  z.strictObject({ strategy: z.literal('rsi-reversion'), params: RsiReversionParams }),
  z.strictObject({ strategy: z.literal('donchian-breakout'), params: DonchianBreakoutParams }),
  z.strictObject({ strategy: z.literal('model'), params: ModelStrategyParams }),
]);
export type StrategyConfig = z.infer<typeof StrategyConfig>;

export const STRATEGY_DESCRIPTIONS: Record<StrategyId, { name: string; summary: string }> = {
  'sma-cross': {
    name: 'Moving-average crossover',
    summary: 'Goes long when the fast average crosses above the slow one; exits on the cross back.',
  },
  'rsi-reversion': {
    name: 'RSI mean reversion',
    summary: 'Buys when RSI is oversold and sells when it recovers to overbought.',
  },
  'donchian-breakout': {
    name: 'Donchian breakout',
    summary:
      'Buys a close above the highest high of the entry channel; exits below the exit channel low.',
  },
  model: {
    name: 'Trained model',
    summary:
      'A classifier trained here on closed candles proposes entries when its probability is above a threshold; every order still passes the pre-trade gate.',
  },
};

export const StrategyInfo = z.strictObject({
  id: StrategyIdSchema,
  name: z.string(),
  summary: z.string(),
  /** JSON Schema of the params, generated from the zod schema, for form rendering. */
  paramsSchema: z.record(z.string(), z.unknown()),
});
export type StrategyInfo = z.infer<typeof StrategyInfo>;
