import type { TrainingCandles } from '../../ports/model-versions.js';
import { TIMEFRAME_MS, type Timeframe } from '@bytelyst/trading-contracts';
import { generateBarColumns } from './generate-bars.js';
import type { SimInstrument } from './instruments.js';

/**
 * Training candles from the simulated market's own seeded path: the same generator the demo's
 * prices come from, ending at the requested time, so a model trained here saw the kind of market
 * the demo trades. (The candles store is the next source: docs/ROADMAP.md.)
 */
export class SimulatedTrainingCandles implements TrainingCandles {
  constructor(private readonly o: { seed: number; instruments: readonly SimInstrument[] }) {}

  candles(input: { symbol: string; timeframe: string; count: number; endTime: number }) {
    const instrument = this.o.instruments.find((i) => i.symbol === input.symbol);
    if (!instrument) throw new Error(`no simulated instrument ${input.symbol}`);
    const timeframe = input.timeframe as Timeframe;
    const ms = TIMEFRAME_MS[timeframe];
    const end = Math.floor(input.endTime / ms) * ms;
    return generateBarColumns({
      seed: this.o.seed,
      instrument,
      timeframe,
      count: input.count,
      startTime: end - input.count * ms,
    });
  }
}
